package io.baton.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code apply -f FILE [--dry-run] [--prune]}: applies a configuration file (applyConfig), or with
 * {@code --dry-run} only shows the plan.
 */
final class ApplyCommand implements Command {
  static final String APPLY =
      "mutation($yaml: String!, $dryRun: Boolean, $prune: Boolean) { applyConfig(yaml: $yaml,"
          + " dryRun: $dryRun, prune: $prune) { applied changes { kind name action diff }"
          + " warnings { kind name path message } } }";

  @Override
  public String name() {
    return "apply";
  }

  @Override
  public Syntax syntax() {
    return Syntax.of().withValueOptions("-f", "--file").withFlags("--dry-run", "--prune");
  }

  @Override
  public String usage() {
    return "apply -f FILE [--dry-run] [--prune]  apply a configuration file (- reads stdin)";
  }

  @Override
  public Exit run(Invocation invocation) {
    Arguments args = invocation.arguments();
    String yaml = read(args.value("-f").or(() -> args.value("--file")).orElse(null));
    JsonObject plan =
        invocation
            .client()
            .execute(
                APPLY,
                new JsonObject()
                    .put("yaml", yaml)
                    .put("dryRun", args.flag("--dry-run"))
                    .put("prune", args.flag("--prune")))
            .getJsonObject("applyConfig");
    Output output = invocation.output();
    lines(plan).forEach(output::text);
    output.json(plan);
    return Exit.SUCCESS;
  }

  /**
   * Each change as {@code ACTION Kind name}, an update's diff indented below it, then each field
   * kept but not carried out as {@code WARNING Kind name path: what Baton does instead}, then a
   * total.
   */
  static List<String> lines(JsonObject plan) {
    List<String> lines = new ArrayList<>();
    int changed = 0;
    for (Object item : plan.getJsonArray("changes", new JsonArray())) {
      JsonObject change = (JsonObject) item;
      String action = change.getString("action");
      changed += "UNCHANGED".equals(action) ? 0 : 1;
      lines.add(action + "  " + change.getString("kind") + " " + change.getString("name"));
      for (Object field : change.getJsonArray("diff", new JsonArray())) {
        lines.add("    " + field);
      }
    }
    for (Object item : plan.getJsonArray("warnings", new JsonArray())) {
      JsonObject warning = (JsonObject) item;
      lines.add(
          "WARNING  "
              + warning.getString("kind")
              + " "
              + warning.getString("name")
              + " "
              + warning.getString("path")
              + ": "
              + warning.getString("message"));
    }
    lines.add(
        plan.getBoolean("applied", false)
            ? "applied: " + changed + " change" + (changed == 1 ? "" : "s")
            : "dry run, nothing changed: "
                + changed
                + " change"
                + (changed == 1 ? "" : "s")
                + " planned");
    return lines;
  }

  private static String read(String file) {
    if (file == null) {
      throw CliException.usage("apply needs -f FILE (or -f - for stdin)");
    }
    try {
      return file.equals("-")
          ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(Path.of(file));
    } catch (IOException e) {
      throw CliException.usage("cannot read " + file + ": " + e.getMessage());
    }
  }
}
