package io.baton.flow;

import io.baton.error.BatonException;
import io.baton.gate.GateKind;
import io.baton.gate.GateSpec;
import io.baton.gate.GateWhen;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One gate of a step in {@code baton/v1} YAML: a mapping of one key, the kind in lower case, whose
 * value holds the kind's fields, e.g. {@code - http: {url: "...", expectStatus: 200}} or {@code -
 * argocd: {}}. Fields at their defaults are not written; an HTTP gate's, many, are written one a
 * line.
 */
public final class GateYaml {
  private static final Set<String> COMMON = Set.of("when", "timeout", "interval");
  private static final Map<GateKind, Set<String>> FIELDS =
      Map.of(
          GateKind.ARGOCD,
          COMMON,
          GateKind.HTTP,
          with("method", "url", "headers", "expectStatus", "expectJsonPath", "expectValue"),
          GateKind.APPROVAL,
          with("approvals", "approverRole", "allowInitiator"),
          GateKind.SOAK,
          with("duration"));

  private GateYaml() {}

  private static Set<String> with(String... fields) {
    Set<String> all = new HashSet<>(COMMON);
    all.addAll(List.of(fields));
    return Set.copyOf(all);
  }

  public static Node write(GateSpec gate) {
    List<NodeTuple> fields = new ArrayList<>();
    GateSpec.Http http = gate.http();
    if (http != null) {
      if (http.method() != null && !http.method().equals("GET")) {
        fields.add(FlowYaml.pair("method", FlowYaml.text(http.method())));
      }
      fields.add(FlowYaml.pair("url", FlowYaml.text(http.url())));
      if (http.headers() != null && !http.headers().isEmpty()) {
        List<NodeTuple> headers = new ArrayList<>();
        http.headers()
            .forEach((name, value) -> headers.add(FlowYaml.pair(name, FlowYaml.text(value))));
        fields.add(FlowYaml.pair("headers", new MappingNode(Tag.MAP, headers, FlowStyle.FLOW)));
      }
      if (http.expectStatus() != 0 && http.expectStatus() != 200) {
        fields.add(FlowYaml.pair("expectStatus", number(http.expectStatus())));
      }
      optional(http.expectJsonPath())
          .ifPresent(p -> fields.add(FlowYaml.pair("expectJsonPath", FlowYaml.text(p))));
      optional(http.expectValue())
          .ifPresent(v -> fields.add(FlowYaml.pair("expectValue", FlowYaml.text(v))));
    }
    GateSpec.Approval approval = gate.approval();
    if (approval != null) {
      GateSpec.Approval defaults = GateSpec.Approval.DEFAULTS;
      if (approval.approvals() != defaults.approvals()) {
        fields.add(FlowYaml.pair("approvals", number(approval.approvals())));
      }
      if (approval.approverRole() != null
          && !approval.approverRole().equals(defaults.approverRole())) {
        fields.add(FlowYaml.pair("approverRole", FlowYaml.text(approval.approverRole())));
      }
      if (approval.allowInitiator() != defaults.allowInitiator()) {
        fields.add(
            FlowYaml.pair(
                "allowInitiator",
                new ScalarNode(
                    Tag.BOOL, Boolean.toString(approval.allowInitiator()), ScalarStyle.PLAIN)));
      }
    }
    gate.soak().ifPresent(d -> fields.add(FlowYaml.pair("duration", FlowYaml.text(d.toString()))));
    if (gate.when() != gate.kind().defaultWhen()) {
      fields.add(FlowYaml.pair("when", FlowYaml.text(gate.when().name())));
    }
    gate.timeout()
        .ifPresent(t -> fields.add(FlowYaml.pair("timeout", FlowYaml.text(t.toString()))));
    gate.interval()
        .ifPresent(i -> fields.add(FlowYaml.pair("interval", FlowYaml.text(i.toString()))));
    return new MappingNode(
        Tag.MAP,
        List.of(
            FlowYaml.pair(
                gate.kind().name().toLowerCase(Locale.ROOT),
                new MappingNode(
                    Tag.MAP,
                    fields,
                    gate.kind() == GateKind.HTTP ? FlowStyle.BLOCK : FlowStyle.FLOW))),
        FlowStyle.BLOCK);
  }

  public static GateSpec read(Node node, String path) {
    if (!(node instanceof MappingNode mapping) || mapping.getValue().size() != 1) {
      throw BatonException.badInput(
          path
              + " (line "
              + FlowYaml.line(node)
              + ") must be one of argocd: {...}, http: {...}, approval: {...} or soak: {...}");
    }
    NodeTuple only = mapping.getValue().get(0);
    String name = FlowYaml.Fields.scalar(only.getKeyNode(), path + " key");
    GateKind kind = kind(name, path, only.getKeyNode());
    String inner = path + "." + name;
    Node value = only.getValueNode();
    FlowYaml.Fields fields =
        Tag.NULL.equals(value.getTag())
            ? FlowYaml.Fields.none(inner)
            : FlowYaml.Fields.of(value, inner, FIELDS.get(kind), Set.of());
    return new GateSpec(
        kind,
        when(fields),
        duration(fields, "timeout"),
        duration(fields, "interval"),
        kind == GateKind.HTTP ? http(fields) : null,
        kind == GateKind.APPROVAL ? approval(fields) : null,
        duration(fields, "duration"));
  }

  private static GateKind kind(String name, String path, Node key) {
    for (GateKind kind : GateKind.values()) {
      if (kind.name().toLowerCase(Locale.ROOT).equals(name)) {
        return kind;
      }
    }
    throw BatonException.badInput(
        path
            + " (line "
            + FlowYaml.line(key)
            + "): \""
            + name
            + "\" is not a kind of gate; use argocd, http, approval or soak");
  }

  private static GateWhen when(FlowYaml.Fields fields) {
    String when = fields.text("when");
    if (when == null) {
      return null;
    }
    try {
      return GateWhen.valueOf(when.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw fields.invalid("when", "\"" + when + "\" is not before or after");
    }
  }

  private static GateSpec.Http http(FlowYaml.Fields fields) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (fields.has("headers")) {
      FlowYaml.Fields list =
          FlowYaml.Fields.of(fields.required("headers"), fields.path("headers"), null, Set.of());
      for (String name : list.keys()) {
        headers.put(name, list.text(name));
      }
    }
    Integer status = integer(fields, "expectStatus");
    return new GateSpec.Http(
        fields.text("method"),
        fields.text("url"),
        headers,
        status == null ? 0 : status,
        Optional.ofNullable(fields.text("expectJsonPath")),
        Optional.ofNullable(fields.text("expectValue")));
  }

  private static GateSpec.Approval approval(FlowYaml.Fields fields) {
    GateSpec.Approval defaults = GateSpec.Approval.DEFAULTS;
    Integer approvals = integer(fields, "approvals");
    String role = fields.text("approverRole");
    String allowInitiator = fields.text("allowInitiator");
    if (allowInitiator != null
        && !allowInitiator.equalsIgnoreCase("true")
        && !allowInitiator.equalsIgnoreCase("false")) {
      throw fields.invalid(
          "allowInitiator", "must be true or false, not \"" + allowInitiator + "\"");
    }
    return new GateSpec.Approval(
        approvals == null ? defaults.approvals() : approvals,
        role == null ? defaults.approverRole() : role,
        allowInitiator == null ? defaults.allowInitiator() : Boolean.parseBoolean(allowInitiator));
  }

  private static Integer integer(FlowYaml.Fields fields, String key) {
    String text = fields.text(key);
    if (text == null) {
      return null;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw fields.invalid(key, "must be a whole number, not \"" + text + "\"");
    }
  }

  private static Optional<Duration> duration(FlowYaml.Fields fields, String key) {
    String text = fields.text(key);
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.parse(text));
    } catch (DateTimeParseException e) {
      throw fields.invalid(
          key, "\"" + text + "\" is not an ISO-8601 duration like PT30S, PT5M or PT24H");
    }
  }

  private static ScalarNode number(int value) {
    return new ScalarNode(Tag.INT, Integer.toString(value), ScalarStyle.PLAIN);
  }

  private static <T> Optional<T> optional(Optional<T> value) {
    return value == null ? Optional.empty() : value;
  }
}
