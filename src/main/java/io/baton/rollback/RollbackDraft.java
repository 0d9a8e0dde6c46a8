package io.baton.rollback;

import io.baton.audit.Audit;
import io.baton.environment.Environment;
import io.baton.flow.StepAction;
import io.baton.product.Application;
import io.baton.product.Product;
import io.baton.release.PlannedStep;
import io.baton.release.ReleaseDraft;
import io.baton.release.SourcePinner;
import io.baton.release.TriggerSource;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/**
 * A rollback as a release: one COMMIT step into the environment whose source is the application
 * itself, pinned at the commit an earlier release made there. The promotion then copies the
 * promoted values from that commit onto the branch's head, in place, as a new commit; the step runs
 * the environment's gates as any step into it.
 */
record RollbackDraft(
    Product product,
    TriggerSource by,
    Audit audit,
    Application source,
    Environment environment,
    String commit)
    implements ReleaseDraft {
  static final String FLOW_NAME = "Rollback";
  static final Duration TIMEOUT = Duration.ofHours(24);

  @Override
  public Long flowId() {
    return null;
  }

  @Override
  public String flowName() {
    return FLOW_NAME;
  }

  @Override
  public Long triggerEnvironmentId() {
    return null;
  }

  @Override
  public Duration timeout() {
    return TIMEOUT;
  }

  @Override
  public List<PlannedStep> steps() {
    return List.of(
        new PlannedStep(
            environment.id(),
            List.of(),
            StepAction.COMMIT,
            source.id(),
            environment.gates() == null ? List.of() : environment.gates()));
  }

  @Override
  public Future<SourcePinner.Snapshot> pin(SourcePinner pinner) {
    return pinner.pinAt(source, product.promotionTemplate(), commit);
  }
}
