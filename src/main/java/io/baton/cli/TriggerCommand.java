package io.baton.cli;

import io.vertx.core.json.JsonObject;

/** {@code trigger FLOW PRODUCT [--wait]}: starts a release of a flow for a product. */
final class TriggerCommand implements Command {
  private static final String TRIGGER =
      "mutation($flow: String!, $product: String!) { triggerPromotionFlow(input: {flow: $flow,"
          + " product: $product}) { "
          + ReleaseText.FIELDS
          + " } }";

  @Override
  public String name() {
    return "trigger";
  }

  @Override
  public Syntax syntax() {
    return Syntax.of("FLOW", "PRODUCT").withFlags("--wait");
  }

  @Override
  public String usage() {
    return "trigger FLOW PRODUCT [--wait]  start a release of a flow for a product";
  }

  @Override
  public Exit run(Invocation invocation) {
    Arguments args = invocation.arguments();
    BatonClient client = invocation.client();
    JsonObject release =
        client
            .execute(
                TRIGGER,
                new JsonObject().put("flow", args.positional(0)).put("product", args.positional(1)))
            .getJsonObject("triggerPromotionFlow");
    return Started.report(client, invocation.output(), release, args.flag("--wait"));
  }
}
