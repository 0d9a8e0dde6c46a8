package io.baton.release;

import io.baton.gate.GateKind;
import io.baton.gate.GateSpec;
import io.baton.gate.GateWhen;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A release gate's definition as its row keeps it ({@code release_gate.spec}, jsonb). */
final class GateSpecJson {
  private GateSpecJson() {}

  static JsonObject toJson(GateSpec spec) {
    JsonObject json =
        new JsonObject().put("kind", spec.kind().name()).put("when", spec.when().name());
    spec.timeout().ifPresent(d -> json.put("timeout", d.toString()));
    spec.interval().ifPresent(d -> json.put("interval", d.toString()));
    spec.soak().ifPresent(d -> json.put("duration", d.toString()));
    if (spec.http() != null) {
      GateSpec.Http http = spec.http();
      JsonObject h =
          new JsonObject()
              .put("method", http.method())
              .put("url", http.url())
              .put("headers", new JsonObject(new HashMap<>(orEmpty(http.headers()))))
              .put("expectStatus", http.expectStatus());
      if (http.expectJsonPath() != null) {
        http.expectJsonPath().ifPresent(p -> h.put("expectJsonPath", p));
      }
      if (http.expectValue() != null) {
        http.expectValue().ifPresent(v -> h.put("expectValue", v));
      }
      json.put("http", h);
    }
    if (spec.approval() != null) {
      json.put(
          "approval",
          new JsonObject()
              .put("approvals", spec.approval().approvals())
              .put("approverRole", spec.approval().approverRole())
              .put("allowInitiator", spec.approval().allowInitiator()));
    }
    return json;
  }

  static GateSpec fromJson(JsonObject json) {
    GateSpec.Http http = null;
    JsonObject h = json.getJsonObject("http");
    if (h != null) {
      Map<String, String> headers = new HashMap<>();
      h.getJsonObject("headers", new JsonObject())
          .forEach(e -> headers.put(e.getKey(), String.valueOf(e.getValue())));
      http =
          new GateSpec.Http(
              h.getString("method"),
              h.getString("url"),
              Map.copyOf(headers),
              h.getInteger("expectStatus", 200),
              Optional.ofNullable(h.getString("expectJsonPath")),
              Optional.ofNullable(h.getString("expectValue")));
    }
    GateSpec.Approval approval = null;
    JsonObject a = json.getJsonObject("approval");
    if (a != null) {
      approval =
          new GateSpec.Approval(
              a.getInteger("approvals", 1),
              a.getString("approverRole", "PROMOTER"),
              a.getBoolean("allowInitiator", true));
    }
    return new GateSpec(
        GateKind.valueOf(json.getString("kind")),
        GateWhen.valueOf(json.getString("when")),
        duration(json, "timeout"),
        duration(json, "interval"),
        http,
        approval,
        duration(json, "duration"));
  }

  private static Optional<Duration> duration(JsonObject json, String key) {
    return Optional.ofNullable(json.getString(key)).map(Duration::parse);
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
