package io.baton.graphql;

import io.baton.gate.GateKind;
import io.baton.gate.GateSpec;
import io.baton.gate.GateWhen;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GateInput as gate definitions. A part of another kind (a url on a SOAK gate) is kept, so that
 * validation refuses it rather than it being dropped silently; omitted approval fields take their
 * defaults.
 */
final class GateInputs {
  private static final List<String> HTTP_FIELDS =
      List.of("method", "url", "headers", "expectStatus", "expectJsonPath", "expectValue");
  private static final List<String> APPROVAL_FIELDS =
      List.of("approvals", "approverRole", "allowInitiator");

  private GateInputs() {}

  /** Null when {@code gates} is null (omitted). */
  @SuppressWarnings("unchecked")
  static List<GateSpec> gates(Object gates) {
    if (gates == null) {
      return null;
    }
    return ((List<Map<String, Object>>) gates).stream().map(GateInputs::gate).toList();
  }

  private static GateSpec gate(Map<String, Object> in) {
    return new GateSpec(
        Args.enumValue(GateKind.class, in, "kind"),
        Args.enumValue(GateWhen.class, in, "when"),
        duration(in, "timeout"),
        duration(in, "interval"),
        givesAny(in, HTTP_FIELDS) ? http(in) : null,
        givesAny(in, APPROVAL_FIELDS) ? approval(in) : null,
        duration(in, "duration"));
  }

  @SuppressWarnings("unchecked")
  private static GateSpec.Http http(Map<String, Object> in) {
    Map<String, String> headers = new LinkedHashMap<>();
    Object list = in.get("headers");
    if (list != null) {
      ((List<Map<String, Object>>) list)
          .forEach(h -> headers.put(Args.string(h, "name"), Args.string(h, "value")));
    }
    Integer status = Args.integer(in, "expectStatus");
    return new GateSpec.Http(
        Args.string(in, "method"),
        Args.string(in, "url"),
        headers,
        status == null ? 0 : status,
        Optional.ofNullable(Args.string(in, "expectJsonPath")),
        Optional.ofNullable(Args.string(in, "expectValue")));
  }

  private static GateSpec.Approval approval(Map<String, Object> in) {
    GateSpec.Approval defaults = GateSpec.Approval.DEFAULTS;
    Integer approvals = Args.integer(in, "approvals");
    String role = Args.string(in, "approverRole");
    Object allowInitiator = in.get("allowInitiator");
    return new GateSpec.Approval(
        approvals == null ? defaults.approvals() : approvals,
        role == null ? defaults.approverRole() : role,
        allowInitiator == null ? defaults.allowInitiator() : (Boolean) allowInitiator);
  }

  private static boolean givesAny(Map<String, Object> in, List<String> fields) {
    return fields.stream().anyMatch(field -> in.get(field) != null);
  }

  private static Optional<Duration> duration(Map<String, Object> in, String key) {
    return Optional.ofNullable((Duration) in.get(key));
  }
}
