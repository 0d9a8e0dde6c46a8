package io.baton.release;

import io.baton.audit.Audit;
import io.baton.flow.StepAction;
import io.baton.product.Application;
import io.baton.product.Product;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/**
 * A manual promotion ({@code promote}): one step from the source environment's application, at its
 * head, into the target environment's, with the action the promotion policies decide for that
 * target (COMMIT when none sets one), as a flow step that leaves its action to them.
 */
record ManualDraft(
    Product product,
    TriggerSource by,
    Audit audit,
    Application source,
    Application target,
    StepAction action)
    implements ReleaseDraft {
  static final Duration TIMEOUT = Duration.ofHours(24);

  @Override
  public Long flowId() {
    return null;
  }

  @Override
  public String flowName() {
    return ReleaseRun.MANUAL;
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
        new PlannedStep(target.environmentId(), List.of(), action, target.id(), List.of()));
  }

  @Override
  public Future<SourcePinner.Snapshot> pin(SourcePinner pinner) {
    return by.pin(pinner, source, product.promotionTemplate());
  }
}
