package io.baton.release;

import io.baton.environment.Environment;
import io.baton.flow.StepAction;
import io.vertx.core.Future;

/**
 * What decides the action of a flow step whose flow leaves it unset: the promotion policies (the
 * policy package implements it). The engine asks it once per release it creates, for every such
 * step, and writes the answer into the release's step, so a policy changed later does not change a
 * release already made.
 */
public interface StepActionPolicy {

  /** Without policies: every step the flow leaves unset commits. */
  StepActionPolicy COMMIT = () -> Future.succeededFuture((product, target) -> StepAction.COMMIT);

  /** The rule as it stands now, read once for every undecided step of a release. */
  Future<Rule> current();

  /** The action of a step of {@code product} into {@code target}; never null. */
  @FunctionalInterface
  interface Rule {
    StepAction actionFor(String product, Environment target);
  }
}
