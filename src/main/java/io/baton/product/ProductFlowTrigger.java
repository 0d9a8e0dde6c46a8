package io.baton.product;

import java.util.List;
import java.util.Optional;

/**
 * One flow a product runs by itself: when the product's application in the flow's trigger
 * environment gets a new commit that meets every one of {@code selectors}.
 *
 * @param flowId the flow's id
 * @param flowName the flow's name
 */
public record ProductFlowTrigger(long flowId, String flowName, List<GitTriggerSelector> selectors) {
  public ProductFlowTrigger {
    selectors = List.copyOf(selectors);
  }

  public boolean matches(GitTriggerSelector.Commit commit) {
    return GitTriggerSelector.all(selectors, commit);
  }

  /** The first of {@code triggers}, in the product's order, that {@code commit} matches. */
  public static Optional<ProductFlowTrigger> first(
      List<ProductFlowTrigger> triggers, GitTriggerSelector.Commit commit) {
    return triggers.stream().filter(t -> t.matches(commit)).findFirst();
  }
}
