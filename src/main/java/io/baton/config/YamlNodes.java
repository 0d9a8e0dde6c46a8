package io.baton.config;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.StreamDataWriter;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Building, writing and comparing YAML documents as nodes: the writer is the flow YAML's (block
 * style, indent 2), and a field's value in one line is what a diff shows.
 */
final class YamlNodes {
  private static final DumpSettings DUMP =
      DumpSettings.builder()
          .setSchema(new CoreSchema())
          .setDefaultFlowStyle(FlowStyle.BLOCK)
          .setExplicitStart(true)
          .setIndent(2)
          .setIndicatorIndent(2)
          .setIndentWithIndicator(true)
          .setWidth(120)
          .build();

  private YamlNodes() {}

  /** A mapping whose fields are added in order; null values are left out. */
  static final class MappingBuilder {
    private final List<NodeTuple> fields = new ArrayList<>();

    MappingBuilder put(String key, Node value) {
      if (value != null) {
        fields.add(new NodeTuple(text(key), value));
      }
      return this;
    }

    MappingBuilder put(String key, String value) {
      return put(key, value == null ? null : text(value));
    }

    MappingNode block() {
      return new MappingNode(Tag.MAP, fields, FlowStyle.BLOCK);
    }

    MappingNode flow() {
      return new MappingNode(Tag.MAP, fields, FlowStyle.FLOW);
    }
  }

  static MappingBuilder mapping() {
    return new MappingBuilder();
  }

  static ScalarNode text(String value) {
    return new ScalarNode(Tag.STR, value, ScalarStyle.PLAIN);
  }

  static ScalarNode number(int value) {
    return new ScalarNode(Tag.INT, Integer.toString(value), ScalarStyle.PLAIN);
  }

  static SequenceNode texts(List<String> values) {
    return new SequenceNode(
        Tag.SEQ, values.stream().<Node>map(YamlNodes::text).toList(), FlowStyle.FLOW);
  }

  static SequenceNode blockList(List<Node> items) {
    return new SequenceNode(Tag.SEQ, items, FlowStyle.BLOCK);
  }

  /** A catalog object's document: apiVersion, kind, metadata.name and spec. */
  static Node document(String kind, String name, Node spec) {
    return mapping()
        .put("apiVersion", ConfigFile.API_VERSION)
        .put("kind", kind)
        .put("metadata", mapping().put("name", name).block())
        .put("spec", spec)
        .block();
  }

  /** The documents, each after a {@code ---} line. */
  static String write(List<Node> documents) {
    StringWriter out = new StringWriter();
    Dump dump = new Dump(DUMP);
    StreamDataWriter writer =
        new StreamDataWriter() {
          @Override
          public void write(String text) {
            out.write(text);
          }

          @Override
          public void write(String text, int offset, int length) {
            out.write(text, offset, length);
          }
        };
    for (Node document : documents) {
      dump.dumpNode(document, writer);
    }
    return out.toString();
  }

  /**
   * The fields a diff compares, each as one line: those of {@code spec} and of {@code
   * metadata.annotations}, if any.
   */
  static Map<String, String> fields(Node document) {
    Map<String, String> fields = new LinkedHashMap<>();
    MappingNode top = (MappingNode) document;
    for (NodeTuple part : top.getValue()) {
      String key = ((ScalarNode) part.getKeyNode()).getValue();
      if (key.equals("spec")) {
        putAll(fields, part.getValueNode());
      } else if (key.equals("metadata")) {
        for (NodeTuple meta : ((MappingNode) part.getValueNode()).getValue()) {
          if (((ScalarNode) meta.getKeyNode()).getValue().equals("annotations")) {
            putAll(fields, meta.getValueNode());
          }
        }
      }
    }
    return fields;
  }

  private static void putAll(Map<String, String> fields, Node mapping) {
    for (NodeTuple field : ((MappingNode) mapping).getValue()) {
      fields.put(((ScalarNode) field.getKeyNode()).getValue(), oneLine(field.getValueNode()));
    }
  }

  /** A value in one line, in YAML's flow style: {@code {file: values.yaml, jsonPaths: [$.a]}}. */
  static String oneLine(Node node) {
    if (node instanceof ScalarNode scalar) {
      String value = scalar.getValue();
      return value.isEmpty() || value.contains("\n") || value.contains(", ")
          ? "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\""
          : value;
    }
    List<String> parts = new ArrayList<>();
    if (node instanceof SequenceNode sequence) {
      sequence.getValue().forEach(item -> parts.add(oneLine(item)));
      return "[" + String.join(", ", parts) + "]";
    }
    for (NodeTuple field : ((MappingNode) node).getValue()) {
      parts.add(oneLine(field.getKeyNode()) + ": " + oneLine(field.getValueNode()));
    }
    return "{" + String.join(", ", parts) + "}";
  }
}
