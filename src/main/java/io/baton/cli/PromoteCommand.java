package io.baton.cli;

import io.vertx.core.json.JsonObject;

/**
 * {@code promote PRODUCT SOURCE_ENV TARGET_ENV [--wait]}: promotes a product by hand from one
 * environment to another.
 */
final class PromoteCommand implements Command {
  private static final String PROMOTE =
      "mutation($product: String!, $source: String!, $target: String!) { promote(input:"
          + " {product: $product, sourceEnvironment: $source, targetEnvironment: $target}) { "
          + ReleaseText.FIELDS
          + " } }";

  @Override
  public String name() {
    return "promote";
  }

  @Override
  public Syntax syntax() {
    return Syntax.of("PRODUCT", "SOURCE_ENV", "TARGET_ENV").withFlags("--wait");
  }

  @Override
  public String usage() {
    return "promote PRODUCT SOURCE_ENV TARGET_ENV [--wait]  promote a product by hand";
  }

  @Override
  public Exit run(Invocation invocation) {
    Arguments args = invocation.arguments();
    BatonClient client = invocation.client();
    JsonObject release =
        client
            .execute(
                PROMOTE,
                new JsonObject()
                    .put("product", args.positional(0))
                    .put("source", args.positional(1))
                    .put("target", args.positional(2)))
            .getJsonObject("promote");
    return Started.report(client, invocation.output(), release, args.flag("--wait"));
  }
}
