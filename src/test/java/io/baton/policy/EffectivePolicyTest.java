package io.baton.policy;

import static io.baton.environment.EnvironmentKind.NON_PROD;
import static io.baton.environment.EnvironmentKind.PROD;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.environment.EnvironmentKind;
import io.baton.flow.StepAction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The vendor's merge rule, as a pure function of the policies and one (product, environment). */
class EffectivePolicyTest {

  private static PromotionPolicy policy(
      String name,
      int priority,
      List<String> products,
      List<String> environments,
      List<EnvironmentKind> kinds,
      StepAction action,
      String pre,
      String post) {
    return new PromotionPolicy(
        name,
        priority,
        new PromotionPolicy.Selector(products, environments, kinds),
        new PromotionPolicy.Settings(action, pre, post));
  }

  @Test
  void without_a_matching_policy_the_action_is_commit_and_comes_from_no_policy() {
    PromotionPolicy other =
        policy("other", 1, List.of("billing"), List.of(), List.of(), StepAction.NONE, null, null);

    EffectivePolicy effective = EffectivePolicy.of(List.of(other), "shop", "qa", NON_PROD);

    assertThat(effective)
        .isEqualTo(new EffectivePolicy(StepAction.COMMIT, null, null, null, null, null));
  }

  @Test
  void the_smaller_priority_number_ranks_first_whatever_the_order_read() {
    PromotionPolicy first =
        policy("first", -5, List.of(), List.of(), List.of(), StepAction.NONE, null, null);
    PromotionPolicy second =
        policy("second", 10, List.of(), List.of(), List.of(), StepAction.COMMIT, null, null);

    assertThat(EffectivePolicy.of(List.of(second, first), "shop", "qa", NON_PROD).actionFrom())
        .isEqualTo("first");
    assertThat(EffectivePolicy.of(List.of(first, second), "shop", "qa", NON_PROD).actionFrom())
        .isEqualTo("first");
  }

  @Test
  void fields_merge_one_by_one_each_from_the_first_policy_in_rank_that_sets_it() {
    PromotionPolicy demo =
        policy(
            "pp-demo",
            20,
            List.of("demo"),
            List.of(),
            List.of(),
            StepAction.COMMIT,
            "send-slack-alert",
            null);
    PromotionPolicy notify =
        policy(
            "pp-notify",
            300,
            List.of("demo"),
            List.of(),
            List.of(),
            null,
            "send-slack-alert-1",
            "send-slack-success-fail");

    EffectivePolicy effective = EffectivePolicy.of(List.of(notify, demo), "demo", "qa", NON_PROD);

    assertThat(effective)
        .isEqualTo(
            new EffectivePolicy(
                StepAction.COMMIT,
                "pp-demo",
                "send-slack-alert",
                "pp-demo",
                "send-slack-success-fail",
                "pp-notify"));
  }

  @Test
  void a_policy_without_an_action_leaves_it_to_the_next_in_rank() {
    PromotionPolicy hooksOnly =
        policy("hooks-only", 1, List.of(), List.of(), List.of(), null, "tests", null);
    PromotionPolicy none =
        policy("none", 2, List.of(), List.of(), List.of(), StepAction.NONE, null, null);

    EffectivePolicy effective = EffectivePolicy.of(List.of(hooksOnly, none), "a", "b", PROD);

    assertThat(effective.action()).isEqualTo(StepAction.NONE);
    assertThat(effective.actionFrom()).isEqualTo("none");
    assertThat(effective.preActionFrom()).isEqualTo("hooks-only");
  }

  @Test
  void every_list_given_in_a_selector_must_match() {
    PromotionPolicy staging =
        policy(
            "demo-policy",
            2,
            List.of("trio-dev"),
            List.of("staging"),
            List.of(NON_PROD),
            StepAction.NONE,
            null,
            null);
    record Case(String product, String environment, EnvironmentKind kind, boolean matches) {}
    List<Case> cases =
        List.of(
            new Case("trio-dev", "staging", NON_PROD, true),
            new Case("trio-dev", "staging", PROD, false),
            new Case("trio-dev", "qa", NON_PROD, false),
            new Case("billing", "staging", NON_PROD, false));

    for (Case c : cases) {
      String actionFrom =
          EffectivePolicy.of(List.of(staging), c.product(), c.environment(), c.kind()).actionFrom();
      assertThat(actionFrom).as(c.toString()).isEqualTo(c.matches() ? "demo-policy" : null);
    }
  }

  @Test
  void policies_of_equal_priority_rank_by_name() {
    PromotionPolicy b =
        policy("b", 1, List.of(), List.of(), List.of(), StepAction.NONE, null, null);
    PromotionPolicy a =
        policy("a", 1, List.of(), List.of(), List.of(), StepAction.COMMIT, null, null);

    assertThat(EffectivePolicy.of(List.of(b, a), "p", "e", PROD).actionFrom()).isEqualTo("a");
  }
}
