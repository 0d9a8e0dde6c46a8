package io.baton.policy;

import io.baton.environment.EnvironmentKind;
import io.baton.flow.StepAction;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * What the promotion policies decide for one product and target environment: every matching policy,
 * merged field by field, each field taken from the first policy in rank that sets it (the vendor's
 * rule). The smaller priority ranks first; policies of equal priority rank by name, so the answer
 * never depends on the order they were read in. A flow step's own action overrides all of this (the
 * vendor's inline settings).
 *
 * @param action COMMIT when no matching policy sets one
 * @param actionFrom the name of the policy the action came from; null when the default applies
 */
public record EffectivePolicy(
    StepAction action,
    String actionFrom,
    String preAction,
    String preActionFrom,
    String postAction,
    String postActionFrom) {

  /** The action where no policy sets one. */
  public static final StepAction DEFAULT_ACTION = StepAction.COMMIT;

  /** The order in which policies are asked: priority, then name. */
  static final Comparator<PromotionPolicy> RANK =
      Comparator.comparingInt(PromotionPolicy::priority).thenComparing(PromotionPolicy::name);

  public static EffectivePolicy of(
      List<PromotionPolicy> policies, String product, String environment, EnvironmentKind kind) {
    List<PromotionPolicy> matching =
        policies.stream()
            .filter(p -> p.selector().matches(product, environment, kind))
            .sorted(RANK)
            .toList();
    PromotionPolicy action = first(matching, s -> s.action());
    PromotionPolicy pre = first(matching, s -> s.preAction());
    PromotionPolicy post = first(matching, s -> s.postAction());
    return new EffectivePolicy(
        action == null ? DEFAULT_ACTION : action.policy().action(),
        action == null ? null : action.name(),
        pre == null ? null : pre.policy().preAction(),
        pre == null ? null : pre.name(),
        post == null ? null : post.policy().postAction(),
        post == null ? null : post.name());
  }

  private static PromotionPolicy first(
      List<PromotionPolicy> ranked, Function<PromotionPolicy.Settings, Object> field) {
    return ranked.stream().filter(p -> field.apply(p.policy()) != null).findFirst().orElse(null);
  }
}
