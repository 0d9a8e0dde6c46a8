package io.baton.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code releases [--product P]}: the newest releases, of every product or of one. */
final class ReleasesCommand implements Command {
  private static final String RELEASES =
      "query($product: String) { releases(product: $product, first: 50) { nodes { "
          + ReleaseText.FIELDS
          + " } } }";

  @Override
  public String name() {
    return "releases";
  }

  @Override
  public Syntax syntax() {
    return Syntax.of().withValueOptions("--product");
  }

  @Override
  public String usage() {
    return "releases [--product P]  list the newest releases";
  }

  @Override
  public Exit run(Invocation invocation) {
    JsonArray releases =
        invocation
            .client()
            .execute(
                RELEASES,
                new JsonObject()
                    .put("product", invocation.arguments().value("--product").orElse(null)))
            .getJsonObject("releases")
            .getJsonArray("nodes");
    Output output = invocation.output();
    ReleaseText.table(releases).forEach(output::text);
    output.json(releases);
    return Exit.SUCCESS;
  }
}
