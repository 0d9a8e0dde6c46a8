package io.baton.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * {@code import-codefresh DIR [--dry-run]}: applies, in one applyConfig, every document of the
 * vendor's kinds ({@code apiVersion: codefresh.io/v1beta1}) in the YAML files under DIR, such as a
 * checkout of its shared configuration repository. Other documents (an Argo CD Application, say)
 * and other files are left alone; a file that is not YAML is named and skipped.
 */
final class ImportCodefreshCommand implements Command {
  static final String VENDOR_API_VERSION = "codefresh.io/v1beta1";
  static final Set<String> VENDOR_KINDS =
      Set.of("PromotionFlow", "Product", "PromotionTemplate", "PromotionPolicy");

  private static final LoadSettings LOAD =
      LoadSettings.builder()
          .setLabel("vendor YAML")
          .setCodePointLimit(10_000_000)
          .setMaxAliasesForCollections(50)
          .build();

  /** One vendor document found, and the file it came from. */
  record Found(Path file, String kind, String name, String text) {}

  @Override
  public String name() {
    return "import-codefresh";
  }

  @Override
  public Syntax syntax() {
    return Syntax.of("DIR").withFlags("--dry-run");
  }

  @Override
  public String usage() {
    return "import-codefresh DIR [--dry-run]  apply the vendor's documents found under a directory";
  }

  @Override
  public Exit run(Invocation invocation) {
    Arguments args = invocation.arguments();
    Path dir = Path.of(args.positional(0));
    if (!Files.isDirectory(dir)) {
      throw CliException.usage(dir + " is not a directory");
    }
    Output output = invocation.output();
    List<String> skipped = new ArrayList<>();
    List<Found> found = new ArrayList<>();
    for (Path file : yamlFiles(dir)) {
      found.addAll(documents(dir, file, skipped));
    }
    skipped.forEach(output::text);
    if (found.isEmpty()) {
      throw CliException.usage(
          "no "
              + VENDOR_API_VERSION
              + " document of kind "
              + String.join(", ", VENDOR_KINDS.stream().sorted().toList())
              + " under "
              + dir);
    }
    output.text("read " + found.size() + " documents under " + dir + ":");
    for (int i = 0; i < found.size(); i++) {
      Found f = found.get(i);
      output.text(String.format("%3d  %s  %s %s", i + 1, f.file(), f.kind(), f.name()));
    }
    JsonObject plan =
        invocation
            .client()
            .execute(
                ApplyCommand.APPLY,
                new JsonObject()
                    .put("yaml", String.join("---\n", found.stream().map(Found::text).toList()))
                    .put("dryRun", args.flag("--dry-run"))
                    .put("prune", false))
            .getJsonObject("applyConfig");
    ApplyCommand.lines(plan).forEach(output::text);
    JsonArray documents = new JsonArray();
    found.forEach(
        f ->
            documents.add(
                new JsonObject()
                    .put("file", f.file().toString())
                    .put("kind", f.kind())
                    .put("name", f.name())));
    output.json(plan.copy().put("documents", documents));
    return Exit.SUCCESS;
  }

  /**
   * The .yaml and .yml files under {@code dir}, in path order; hidden directories (.git) left out.
   */
  private static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile)
          .filter(p -> !hidden(dir.relativize(p)))
          .filter(
              p ->
                  p.getFileName().toString().endsWith(".yaml")
                      || p.getFileName().toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw CliException.usage("cannot read " + dir + ": " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw CliException.usage("cannot read " + dir + ": " + e.getCause().getMessage());
    }
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** The vendor's documents in {@code file}, each as its own text. */
  static List<Found> documents(Path dir, Path file, List<String> skipped) {
    Path shown = dir.relativize(file);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      skipped.add("skipped " + shown + ": not UTF-8 text");
      return List.of();
    } catch (IOException e) {
      throw CliException.usage("cannot read " + file + ": " + e.getMessage());
    }
    List<Found> found = new ArrayList<>();
    try {
      for (Node node : new Compose(LOAD).composeAllFromString(text)) {
        Found document = vendor(shown, node, text);
        if (document != null) {
          found.add(document);
        }
      }
    } catch (YamlEngineException e) {
      skipped.add("skipped " + shown + ": not YAML (" + firstLine(e.getMessage()) + ")");
      return List.of();
    }
    return found;
  }

  private static Found vendor(Path file, Node node, String text) {
    if (!(node instanceof MappingNode mapping)
        || !VENDOR_API_VERSION.equals(scalar(mapping, "apiVersion"))) {
      return null;
    }
    String kind = scalar(mapping, "kind");
    if (!VENDOR_KINDS.contains(kind)) {
      return null;
    }
    String name =
        value(mapping, "metadata") instanceof MappingNode metadata
            ? scalar(metadata, "name")
            : null;
    int start = node.getStartMark().map(m -> m.getIndex()).orElse(0);
    int end = node.getEndMark().map(m -> m.getIndex()).orElse(text.length());
    String document = text.substring(start, end);
    return new Found(file, kind, name, document.endsWith("\n") ? document : document + "\n");
  }

  private static Node value(MappingNode mapping, String key) {
    for (NodeTuple field : mapping.getValue()) {
      if (field.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return field.getValueNode();
      }
    }
    return null;
  }

  private static String scalar(MappingNode mapping, String key) {
    return value(mapping, key) instanceof ScalarNode scalar ? scalar.getValue() : null;
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
