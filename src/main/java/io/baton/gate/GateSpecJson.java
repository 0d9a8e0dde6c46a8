package io.baton.gate;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gates as stored (a JSON array in a jsonb column): one flat object per gate with the fields of the
 * GraphQL {@code Gate} type, durations as ISO-8601, headers as a list of {@code {name, value}} so
 * that their order survives jsonb.
 */
public final class GateSpecJson {
  private GateSpecJson() {}

  public static JsonArray write(List<GateSpec> gates) {
    JsonArray array = new JsonArray();
    gates.forEach(gate -> array.add(write(gate)));
    return array;
  }

  public static List<GateSpec> read(JsonArray array) {
    List<GateSpec> gates = new ArrayList<>();
    if (array != null) {
      for (int i = 0; i < array.size(); i++) {
        gates.add(read(array.getJsonObject(i)));
      }
    }
    return List.copyOf(gates);
  }

  public static JsonObject write(GateSpec gate) {
    JsonObject json =
        new JsonObject().put("kind", gate.kind().name()).put("when", gate.when().name());
    gate.timeout().ifPresent(t -> json.put("timeout", t.toString()));
    gate.interval().ifPresent(i -> json.put("interval", i.toString()));
    GateSpec.Http http = gate.http();
    if (http != null) {
      JsonArray headers = new JsonArray();
      if (http.headers() != null) {
        http.headers()
            .forEach(
                (name, value) ->
                    headers.add(new JsonObject().put("name", name).put("value", value)));
      }
      json.put("method", http.method())
          .put("url", http.url())
          .put("headers", headers)
          .put("expectStatus", http.expectStatus());
      optional(http.expectJsonPath()).ifPresent(p -> json.put("expectJsonPath", p));
      optional(http.expectValue()).ifPresent(v -> json.put("expectValue", v));
    }
    GateSpec.Approval approval = gate.approval();
    if (approval != null) {
      json.put("approvals", approval.approvals())
          .put("approverRole", approval.approverRole())
          .put("allowInitiator", approval.allowInitiator());
    }
    gate.soak().ifPresent(d -> json.put("duration", d.toString()));
    return json;
  }

  public static GateSpec read(JsonObject json) {
    GateSpec.Http http = null;
    if (json.containsKey("url")) {
      Map<String, String> headers = new LinkedHashMap<>();
      JsonArray list = json.getJsonArray("headers", new JsonArray());
      for (int i = 0; i < list.size(); i++) {
        JsonObject header = list.getJsonObject(i);
        headers.put(header.getString("name"), header.getString("value"));
      }
      http =
          new GateSpec.Http(
              json.getString("method"),
              json.getString("url"),
              headers,
              json.getInteger("expectStatus", 0),
              Optional.ofNullable(json.getString("expectJsonPath")),
              Optional.ofNullable(json.getString("expectValue")));
    }
    GateSpec.Approval approval = null;
    if (json.containsKey("approvals")) {
      approval =
          new GateSpec.Approval(
              json.getInteger("approvals"),
              json.getString("approverRole"),
              json.getBoolean("allowInitiator", true));
    }
    return new GateSpec(
        GateKind.valueOf(json.getString("kind")),
        json.getString("when") == null ? null : GateWhen.valueOf(json.getString("when")),
        duration(json, "timeout"),
        duration(json, "interval"),
        http,
        approval,
        duration(json, "duration"));
  }

  private static Optional<Duration> duration(JsonObject json, String key) {
    return Optional.ofNullable(json.getString(key)).map(Duration::parse);
  }

  private static <T> Optional<T> optional(Optional<T> value) {
    return value == null ? Optional.empty() : value;
  }
}
