package io.baton.config;

import io.baton.Names;
import io.baton.error.BatonException;
import io.baton.flow.FlowYaml;
import io.baton.yaml.BoundedYaml;
import io.baton.yaml.YamlLimitExceeded;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * A configuration file: YAML documents, each {@code apiVersion: baton/v1} (or the vendor's {@code
 * codefresh.io/v1beta1}, for its kinds), a {@code kind}, {@code metadata.name} and a {@code spec}
 * (docs/api.md, "Configuration as code"). This reads what every document has; each kind reads its
 * own spec.
 */
final class ConfigFile {
  static final String API_VERSION = "baton/v1";

  /** The kinds the vendor has no document of; the others read with its apiVersion too. */
  private static final Set<String> BATON_ONLY = Set.of("Environment", "Application");

  private static final LoadSettings LOAD =
      LoadSettings.builder()
          .setLabel("configuration YAML")
          .setSchema(new CoreSchema())
          .setCodePointLimit(1_000_000)
          .setMaxAliasesForCollections(50)
          .build();

  /** A catalog of a few hundred objects is well under these; a hostile text is not. */
  private static final BoundedYaml.Limits LIMITS = new BoundedYaml.Limits(1_000_000, 50, 10_000);

  private ConfigFile() {}

  /**
   * One document of the file.
   *
   * @param index from 1, in the order of the file
   */
  record Document(int index, String kind, String name, Node node) {

    /** {@code document 3 (Product shop)}, as a person finds it in the file. */
    String label() {
      return "document " + index + " (" + kind + " " + name + ")";
    }

    /** The same problem, told as this document's. */
    BatonException locate(BatonException problem) {
      return new BatonException(problem.code(), label() + ": " + problem.getMessage());
    }
  }

  /** The documents of {@code text}; BAD_USER_INPUT naming the document and line of a problem. */
  static List<Document> read(String text, List<String> kinds) {
    List<Document> documents = new ArrayList<>();
    Map<String, Document> seen = new HashMap<>();
    for (Node node : compose(text)) {
      if (node instanceof ScalarNode && Tag.NULL.equals(node.getTag())) {
        continue;
      }
      Document document = document(documents.size() + 1, node, kinds);
      Document earlier = seen.putIfAbsent(document.kind() + " " + document.name(), document);
      if (earlier != null) {
        throw BatonException.badInput(
            document.label()
                + " (line "
                + FlowYaml.line(node)
                + "): "
                + earlier.label()
                + " already defines it; each object is defined once");
      }
      documents.add(document);
    }
    if (documents.isEmpty()) {
      throw BatonException.badInput(
          "the YAML holds no document; expected documents with apiVersion "
              + API_VERSION
              + ", kind, metadata.name and spec");
    }
    return documents;
  }

  private static Document document(int index, Node node, List<String> kinds) {
    String label = "document " + index;
    if (!(node instanceof MappingNode mapping)) {
      throw BatonException.badInput(
          label
              + " (line "
              + FlowYaml.line(node)
              + ") must be a mapping with apiVersion, kind, metadata and spec");
    }
    String apiVersion = scalar(mapping, "apiVersion");
    if (!API_VERSION.equals(apiVersion) && !FlowYaml.VENDOR_API_VERSION.equals(apiVersion)) {
      throw BatonException.badInput(
          label
              + " (line "
              + FlowYaml.line(node)
              + "): apiVersion must be "
              + API_VERSION
              + (apiVersion == null ? "" : ", not \"" + apiVersion + "\"")
              + " ("
              + FlowYaml.VENDOR_API_VERSION
              + " for the vendor's kinds)");
    }
    String kind = scalar(mapping, "kind");
    if (kind == null || !kinds.contains(kind)) {
      throw BatonException.badInput(
          label
              + " (line "
              + FlowYaml.line(node)
              + "): kind "
              + (kind == null ? "is required" : "\"" + kind + "\" is not known")
              + "; use one of "
              + String.join(", ", kinds));
    }
    if (FlowYaml.VENDOR_API_VERSION.equals(apiVersion) && BATON_ONLY.contains(kind)) {
      throw BatonException.badInput(
          label
              + " (line "
              + FlowYaml.line(node)
              + "): "
              + kind
              + " is a "
              + API_VERSION
              + " kind; write its apiVersion as "
              + API_VERSION);
    }
    Node metadata = value(mapping, "metadata");
    String name = metadata instanceof MappingNode meta ? scalar(meta, "name") : null;
    if (name == null || name.isBlank()) {
      throw BatonException.badInput(
          label + " (" + kind + ", line " + FlowYaml.line(node) + "): metadata.name is required");
    }
    Document document = new Document(index, kind, name, node);
    try {
      Names.require(kind, name);
    } catch (BatonException problem) {
      throw BatonException.badInput(
          document.label()
              + ": metadata.name (line "
              + FlowYaml.line(value((MappingNode) metadata, "name"))
              + "): "
              + problem.getMessage());
    }
    return document;
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
    return value(mapping, key) instanceof ScalarNode scalar && !Tag.NULL.equals(scalar.getTag())
        ? scalar.getValue()
        : null;
  }

  private static List<Node> compose(String text) {
    if (text == null || text.isBlank()) {
      throw BatonException.badInput(
          "the YAML is empty; expected documents with apiVersion "
              + API_VERSION
              + ", kind, metadata.name and spec");
    }
    try {
      return new BoundedYaml(LOAD, LIMITS).composeAll(text);
    } catch (YamlLimitExceeded e) {
      throw BatonException.badInput("the YAML " + e.getMessage());
    } catch (MarkedYamlEngineException e) {
      String at =
          e.getProblemMark()
              .map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
              .orElse("");
      String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
      throw BatonException.badInput("the YAML is malformed" + at + ": " + e.getProblem() + context);
    } catch (YamlEngineException e) {
      throw BatonException.badInput("the YAML could not be read: " + e.getMessage());
    }
  }
}
