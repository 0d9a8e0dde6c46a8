package io.baton.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.git.BranchLooks;
import io.baton.product.GitTriggerSelector;
import io.baton.product.GitTriggerSelector.Key;
import io.baton.product.GitTriggerSelector.Operator;
import io.baton.product.ProductFlowTrigger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the watcher does about a look at a trigger application, for every case. */
class DecisionTest {
  private static final String OLD = "1111111111111111111111111111111111111111";
  private static final String NEW = "2222222222222222222222222222222222222222";
  private static final ProductFlowTrigger HOTFIX =
      new ProductFlowTrigger(
          2,
          "hotfix",
          List.of(new GitTriggerSelector(Key.COMMIT_MESSAGE, Operator.IN, List.of("hotfix*"))));
  private static final ProductFlowTrigger MAIN =
      new ProductFlowTrigger(
          1,
          "main",
          List.of(
              new GitTriggerSelector(Key.COMMIT_MESSAGE, Operator.NOT_IN, List.of("*[skip ci]*"))));

  private static WatchedApplication app(String last) {
    return new WatchedApplication(
        7, "demo", "file:///r.git", "main", "dev", last, List.of(HOTFIX, MAIN));
  }

  private static final String CHANGE = "3333333333333333333333333333333333333333";

  /** A look at {@code head}; {@code changed}: the commit CHANGE, before it, changed the path. */
  private static BranchLooks.Look look(String head, boolean changed, String message) {
    return new BranchLooks.Look(
        new BranchLooks.Watch("main", "dev", OLD), head, changed ? CHANGE : null, message);
  }

  @Test
  void the_same_head_or_a_missing_branch_changes_nothing() {
    assertThat(Decision.of(app(OLD), look(OLD, false, "x"))).isInstanceOf(Decision.Unchanged.class);
    assertThat(Decision.of(app(OLD), look(null, false, ""))).isInstanceOf(Decision.Unchanged.class);
  }

  @Test
  void the_first_look_only_remembers_the_head() {
    assertThat(Decision.of(app(null), look(NEW, true, "hotfix: x")))
        .isEqualTo(new Decision.Baseline(NEW));
  }

  @Test
  void new_commits_that_change_nothing_under_the_path_start_nothing_but_are_seen() {
    assertThat(Decision.of(app(OLD), look(NEW, false, "")))
        .isInstanceOf(Decision.Skip.class)
        .extracting(d -> ((Decision.Skip) d).head())
        .isEqualTo(NEW);
  }

  @Test
  void the_first_flow_whose_selectors_match_the_newest_change_is_triggered_for_it() {
    assertThat(Decision.of(app(OLD), look(NEW, true, "hotfix: pin")))
        .isEqualTo(new Decision.Trigger(NEW, CHANGE, HOTFIX));
    assertThat(Decision.of(app(OLD), look(NEW, true, "bump image.tag")))
        .isEqualTo(new Decision.Trigger(NEW, CHANGE, MAIN));
    assertThat(Decision.of(app(OLD), look(NEW, true, "docs [skip ci]")))
        .isInstanceOf(Decision.Skip.class);
  }
}
