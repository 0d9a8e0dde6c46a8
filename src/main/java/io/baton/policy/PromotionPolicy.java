package io.baton.policy;

import io.baton.environment.EnvironmentKind;
import io.baton.flow.StepAction;
import java.util.List;

/**
 * A promotion policy: for the products and target environments its selector matches, the action of
 * a flow step the flow leaves unset, and the vendor's pre- and post-action workflows (kept and
 * exported again, not carried out). Several matching policies merge field by field by priority
 * ({@link EffectivePolicy}).
 *
 * @param priority the smaller number ranks first (the vendor's "ascending order", from 0 or a
 *     negative number up)
 */
public record PromotionPolicy(String name, int priority, Selector selector, Settings policy) {

  /**
   * Which steps the policy speaks for. Each list empty matches everything; given, a step must match
   * every list that is given (the vendor's "if more than one criteria are provided, all criteria
   * must be matched").
   *
   * @param products product names
   * @param environments target environment names
   * @param environmentKinds target environment kinds (the vendor's types: NON_PROD, PROD)
   */
  public record Selector(
      List<String> products, List<String> environments, List<EnvironmentKind> environmentKinds) {
    public static final Selector ALL = new Selector(List.of(), List.of(), List.of());

    public Selector {
      products = products == null ? List.of() : List.copyOf(products);
      environments = environments == null ? List.of() : List.copyOf(environments);
      environmentKinds = environmentKinds == null ? List.of() : List.copyOf(environmentKinds);
    }

    public boolean matches(String product, String environment, EnvironmentKind kind) {
      return (products.isEmpty() || products.contains(product))
          && (environments.isEmpty() || environments.contains(environment))
          && (environmentKinds.isEmpty() || environmentKinds.contains(kind));
    }
  }

  /**
   * What the policy sets; each field null leaves it to policies of lower rank.
   *
   * @param preAction the name of a vendor workflow template run before the action: kept, not run
   * @param postAction the name of a vendor workflow template run after the action: kept, not run
   */
  public record Settings(StepAction action, String preAction, String postAction) {
    public static final Settings NONE = new Settings(null, null, null);
  }

  public PromotionPolicy {
    selector = selector == null ? Selector.ALL : selector;
    policy = policy == null ? Settings.NONE : policy;
  }
}
