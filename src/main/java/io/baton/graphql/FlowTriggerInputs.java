package io.baton.graphql;

import io.baton.product.GitTriggerSelector;
import io.baton.product.ProductService.FlowTriggerInput;
import java.util.List;
import java.util.Map;

/** A product input's promotionFlows, as the product service takes them. */
final class FlowTriggerInputs {
  private FlowTriggerInputs() {}

  /** Null when the input has none (an update then keeps the product's). */
  @SuppressWarnings("unchecked")
  static List<FlowTriggerInput> of(Map<String, Object> input) {
    List<Map<String, Object>> flows = (List<Map<String, Object>>) input.get("promotionFlows");
    if (flows == null) {
      return null;
    }
    return flows.stream().map(FlowTriggerInputs::flow).toList();
  }

  @SuppressWarnings("unchecked")
  private static FlowTriggerInput flow(Map<String, Object> flow) {
    List<Map<String, Object>> selectors =
        (List<Map<String, Object>>) flow.get("gitTriggerSelectors");
    return new FlowTriggerInput(
        Args.string(flow, "flow"),
        selectors == null
            ? List.of()
            : selectors.stream().map(FlowTriggerInputs::selector).toList());
  }

  @SuppressWarnings("unchecked")
  private static GitTriggerSelector selector(Map<String, Object> selector) {
    return new GitTriggerSelector(
        Args.enumValue(GitTriggerSelector.Key.class, selector, "key"),
        Args.enumValue(GitTriggerSelector.Operator.class, selector, "operator"),
        (List<String>) selector.get("values"));
  }
}
