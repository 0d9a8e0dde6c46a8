package io.baton.git;

import io.baton.release.PromotionFailure;
import io.baton.yaml.BoundedYaml;
import io.baton.yaml.YamlLimitExceeded;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.CollectionNode;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * A YAML or JSON file parsed into nodes that remember where they are in the text, so values can be
 * found with JSONPath and then edited in place. JSON is read with the same parser (JSON is YAML's
 * flow style), under the JSON schema; YAML under the YAML 1.2 core schema.
 */
final class StructuredFile {
  private static final int MAX_DEPTH = 200;

  /**
   * What Baton reads of a repository's file: 1 MiB of text, 100 levels of nesting, and aliases that
   * add at most 100,000 values once expanded (JSONPath reads the document expanded).
   */
  static final BoundedYaml.Limits LIMITS = new BoundedYaml.Limits(1 << 20, 100, 100_000);

  enum Format {
    YAML,
    JSON;

    static Format of(String path) {
      return path.toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
    }
  }

  private final String name;
  private final String text;
  private final Format format;
  private final List<Node> documents;
  private final int[] charIndexOfCodePoint;

  private StructuredFile(String name, String text, Format format, List<Node> documents) {
    this.name = name;
    this.text = text;
    this.format = format;
    this.documents = documents;
    this.charIndexOfCodePoint =
        text.codePointCount(0, text.length()) == text.length() ? null : codePointOffsets(text);
  }

  /**
   * Parses {@code text}; a syntax error, or a file over the {@link #LIMITS}, is a {@link
   * PromotionFailure} naming the file (and the line of a syntax error).
   */
  static StructuredFile parse(String name, String text, Format format) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    try {
      List<Node> documents = new BoundedYaml(settings(format), LIMITS).composeAll(body);
      return new StructuredFile(name, text, format, documents);
    } catch (YamlLimitExceeded e) {
      throw new PromotionFailure(name + " " + e.getMessage());
    } catch (YamlEngineException e) {
      throw new PromotionFailure(name + " is not valid " + format + ": " + problem(e));
    }
  }

  static StructuredFile parse(String name, String text) {
    return parse(name, text, Format.of(name));
  }

  static LoadSettings settings(Format format) {
    return LoadSettings.builder()
        .setLabel("promotion")
        .setSchema(format == Format.JSON ? new JsonSchema() : new CoreSchema())
        .setAllowDuplicateKeys(true)
        .setMaxAliasesForCollections(200)
        .build();
  }

  String name() {
    return name;
  }

  String text() {
    return text;
  }

  Format format() {
    return format;
  }

  List<Node> documents() {
    return documents;
  }

  /**
   * Where a node starts in {@link #text()}, as a char index (marks count code points, and skip a
   * BOM).
   */
  int start(Node node) {
    return charIndex(node.getStartMark().orElseThrow());
  }

  /**
   * Where a node ends: for a block collection, the end of its last value rather than of its
   * trailing space.
   */
  int end(Node node) {
    if (node instanceof CollectionNode<?> collection
        && !collection.getFlowStyle().equals(FlowStyle.FLOW)) {
      Node last = lastChild(node);
      if (last != null) {
        return end(last);
      }
    }
    return charIndex(node.getEndMark().orElseThrow());
  }

  private int charIndex(Mark mark) {
    int offset = text.startsWith("\uFEFF") ? 1 : 0;
    int index = mark.getIndex();
    if (charIndexOfCodePoint == null) {
      return index + offset;
    }
    String body = text.substring(offset);
    return offset
        + (index >= charIndexOfCodePoint.length ? body.length() : charIndexOfCodePoint[index]);
  }

  private static int[] codePointOffsets(String text) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    int[] offsets = new int[body.codePointCount(0, body.length()) + 1];
    int cp = 0;
    for (int i = 0; i < body.length(); i = body.offsetByCodePoints(i, 1)) {
      offsets[cp++] = i;
    }
    offsets[cp] = body.length();
    return offsets;
  }

  private static Node lastChild(Node node) {
    if (node instanceof MappingNode mapping && !mapping.getValue().isEmpty()) {
      return mapping.getValue().get(mapping.getValue().size() - 1).getValueNode();
    }
    if (node instanceof SequenceNode sequence && !sequence.getValue().isEmpty()) {
      return sequence.getValue().get(sequence.getValue().size() - 1);
    }
    return null;
  }

  /** The child of a mapping under a key, or of a sequence at an index; null when there is none. */
  static Node child(Node node, Object segment) {
    if (node instanceof MappingNode mapping && segment instanceof String key) {
      NodeTuple tuple = entry(mapping, key);
      return tuple == null ? null : tuple.getValueNode();
    }
    if (node instanceof SequenceNode sequence && segment instanceof Integer index) {
      return index >= 0 && index < sequence.getValue().size()
          ? sequence.getValue().get(index)
          : null;
    }
    return null;
  }

  /**
   * The last entry with this key (a duplicate key overrides an earlier one, as loaders read it).
   */
  static NodeTuple entry(MappingNode mapping, String key) {
    NodeTuple found = null;
    for (NodeTuple tuple : mapping.getValue()) {
      if (key.equals(keyOf(tuple.getKeyNode()))) {
        found = tuple;
      }
    }
    return found;
  }

  static String keyOf(Node key) {
    return key instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(toJava(key, 0));
  }

  /** The node at a concrete path, or null. */
  static Node at(Node root, List<Object> path) {
    Node node = root;
    for (Object segment : path) {
      node = child(node, segment);
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  /**
   * The document as plain Java values, for the JSONPath library: maps, lists, strings, numbers,
   * booleans, null.
   */
  static Object toJava(Node node) {
    return toJava(node, 0);
  }

  private static Object toJava(Node node, int depth) {
    if (depth > MAX_DEPTH) {
      throw new PromotionFailure(
          "a document nests deeper than " + MAX_DEPTH + " levels (a recursive alias?)");
    }
    if (node instanceof ScalarNode scalar) {
      return scalarValue(scalar);
    }
    if (node instanceof SequenceNode sequence) {
      List<Object> list = new ArrayList<>();
      sequence.getValue().forEach(item -> list.add(toJava(item, depth + 1)));
      return list;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    ((MappingNode) node)
        .getValue()
        .forEach(t -> map.put(keyOf(t.getKeyNode()), toJava(t.getValueNode(), depth + 1)));
    return map;
  }

  static Object scalarValue(ScalarNode scalar) {
    Tag tag = scalar.getTag();
    String value = scalar.getValue();
    try {
      if (tag.equals(Tag.NULL)) {
        return null;
      }
      if (tag.equals(Tag.BOOL)) {
        return Boolean.parseBoolean(value.toLowerCase(Locale.ROOT));
      }
      if (tag.equals(Tag.INT)) {
        return Long.decode(value.replace("0o", "0").replace("+", ""));
      }
      if (tag.equals(Tag.FLOAT)) {
        return Double.parseDouble(value);
      }
    } catch (NumberFormatException e) {
      return value;
    }
    return value;
  }

  /** Whether two nodes hold the same data: same scalar texts and types, same keys, same items. */
  static boolean sameData(Node a, Node b) {
    return sameData(a, b, 0);
  }

  private static boolean sameData(Node a, Node b, int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    if (a instanceof ScalarNode x && b instanceof ScalarNode y) {
      return x.getTag().equals(y.getTag()) && x.getValue().equals(y.getValue());
    }
    if (a instanceof SequenceNode x && b instanceof SequenceNode y) {
      if (x.getValue().size() != y.getValue().size()) {
        return false;
      }
      for (int i = 0; i < x.getValue().size(); i++) {
        if (!sameData(x.getValue().get(i), y.getValue().get(i), depth + 1)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof MappingNode x && b instanceof MappingNode y) {
      return sameKeys(x, y)
          && x.getValue().stream()
              .allMatch(
                  t -> {
                    NodeTuple other = entry(y, keyOf(t.getKeyNode()));
                    return sameData(t.getValueNode(), other.getValueNode(), depth + 1);
                  });
    }
    return false;
  }

  static boolean sameKeys(MappingNode a, MappingNode b) {
    return keys(a).equals(keys(b));
  }

  static Set<String> keys(MappingNode mapping) {
    Set<String> keys = new LinkedHashSet<>();
    mapping.getValue().forEach(t -> keys.add(keyOf(t.getKeyNode())));
    return keys;
  }

  /** The problem and its line, without the snippet of the file the parser adds. */
  private static String problem(YamlEngineException e) {
    if (e instanceof MarkedYamlEngineException marked && marked.getProblem() != null) {
      String where =
          marked
              .getProblemMark()
              .map(m -> " (line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ")")
              .orElse("");
      return marked.getProblem() + where;
    }
    String message = e.getMessage() == null ? "unreadable" : e.getMessage();
    return message.lines().findFirst().orElse(message).trim();
  }
}
