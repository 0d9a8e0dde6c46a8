package io.baton.flow;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The vendor's fields of a flow that Baton keeps with it, and writes again, but does not carry out:
 * the flow's hooks, and each step's hooks and pre- and post-action workflows (Argo Workflows
 * templates). Values are kept as written: text, lists and mappings in the order of the file.
 *
 * @param hooks the flow's {@code spec.hooks}, null when none
 * @param steps by step environment
 */
public record KeptFields(Object hooks, Map<String, Step> steps) {
  public static final KeptFields NONE = new KeptFields(null, Map.of());

  /**
   * One step's kept fields.
   *
   * @param hooks {@code hooks}, null when none
   * @param preAction {@code policy.preAction}, null when none
   * @param postAction {@code policy.postAction}, null when none
   */
  public record Step(Object hooks, String preAction, String postAction) {
    static final Step NONE = new Step(null, null, null);

    boolean isEmpty() {
      return hooks == null && preAction == null && postAction == null;
    }
  }

  public KeptFields {
    Map<String, Step> kept = new LinkedHashMap<>();
    steps.forEach(
        (environment, step) -> {
          if (!step.isEmpty()) {
            kept.put(environment, step);
          }
        });
    steps = Collections.unmodifiableMap(kept);
  }

  public boolean isEmpty() {
    return hooks == null && steps.isEmpty();
  }

  public Step step(String environment) {
    return steps.getOrDefault(environment, Step.NONE);
  }

  /** A YAML value as text, lists and mappings. */
  public static Object value(Node node) {
    if (node instanceof ScalarNode scalar) {
      return scalar.getValue();
    }
    if (node instanceof SequenceNode sequence) {
      List<Object> items = new ArrayList<>();
      sequence.getValue().forEach(item -> items.add(value(item)));
      return List.copyOf(items);
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (NodeTuple field : ((MappingNode) node).getValue()) {
      fields.put(((ScalarNode) field.getKeyNode()).getValue(), value(field.getValueNode()));
    }
    return Collections.unmodifiableMap(fields);
  }

  /** The value as YAML again. */
  public static Node node(Object value) {
    if (value instanceof Map<?, ?> map) {
      List<NodeTuple> fields = new ArrayList<>();
      map.forEach((k, v) -> fields.add(FlowYaml.pair(String.valueOf(k), node(v))));
      return new MappingNode(Tag.MAP, fields, FlowStyle.BLOCK);
    }
    if (value instanceof List<?> list) {
      return new SequenceNode(
          Tag.SEQ, list.stream().map(KeptFields::node).toList(), FlowStyle.BLOCK);
    }
    return FlowYaml.text(String.valueOf(value));
  }

  /** As stored: a JSON object whose keys keep the file's order (the column is json, not jsonb). */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (hooks != null) {
      json.put("hooks", hooks);
    }
    JsonObject byEnvironment = new JsonObject();
    steps.forEach(
        (environment, step) -> {
          JsonObject fields = new JsonObject();
          if (step.hooks() != null) {
            fields.put("hooks", step.hooks());
          }
          fields.put("preAction", step.preAction()).put("postAction", step.postAction());
          byEnvironment.put(environment, fields);
        });
    return json.put("steps", byEnvironment);
  }

  public static KeptFields fromJson(JsonObject json) {
    if (json == null || json.isEmpty()) {
      return NONE;
    }
    Map<String, Step> steps = new LinkedHashMap<>();
    JsonObject byEnvironment = json.getJsonObject("steps", new JsonObject());
    for (String environment : byEnvironment.fieldNames()) {
      JsonObject step = byEnvironment.getJsonObject(environment);
      steps.put(
          environment,
          new Step(
              plain(step.getValue("hooks")),
              step.getString("preAction"),
              step.getString("postAction")));
    }
    return new KeptFields(plain(json.getValue("hooks")), steps);
  }

  /** A mapping value as a JSON object, for a json column. */
  @SuppressWarnings("unchecked")
  public static JsonObject json(Object mapping) {
    return mapping instanceof JsonObject json
        ? json
        : new JsonObject((Map<String, Object>) new LinkedHashMap<>((Map<String, Object>) mapping));
  }

  /** A value read from JSON as text, lists and mappings. */
  public static Object plain(Object json) {
    if (json instanceof JsonObject object) {
      Map<String, Object> fields = new LinkedHashMap<>();
      object.forEach(e -> fields.put(e.getKey(), plain(e.getValue())));
      return Collections.unmodifiableMap(fields);
    }
    if (json instanceof JsonArray array) {
      List<Object> items = new ArrayList<>();
      array.forEach(item -> items.add(plain(item)));
      return List.copyOf(items);
    }
    return json == null ? null : String.valueOf(json);
  }
}
