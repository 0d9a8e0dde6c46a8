package io.baton.cli;

import io.vertx.core.json.JsonObject;

/** {@code export}: the whole catalog as one configuration file (exportConfig), to stdout. */
final class ExportCommand implements Command {
  private static final String EXPORT = "query { exportConfig }";

  @Override
  public String name() {
    return "export";
  }

  @Override
  public Syntax syntax() {
    return Syntax.of();
  }

  @Override
  public String usage() {
    return "export  print the catalog as a configuration file (apply takes it back)";
  }

  @Override
  public Exit run(Invocation invocation) {
    String yaml =
        invocation.client().execute(EXPORT, new JsonObject()).getString("exportConfig", "");
    Output output = invocation.output();
    if (output.isJson()) {
      output.json(new JsonObject().put("yaml", yaml));
    } else {
      output.raw(yaml.endsWith("\n") || yaml.isEmpty() ? yaml : yaml + "\n");
    }
    return Exit.SUCCESS;
  }
}
