package io.baton.gate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a gate's definition where one is accepted (a flow step, an environment), whatever its
 * kind: the kind's own rules, the timing every gate shares, and no field of another kind. Also
 * makes its defaults explicit, so that what is stored reads back as it runs.
 */
public final class GateDefinitions {
  public static final int MAX_GATES = 20;
  public static final Duration MAX_TIMEOUT = Duration.ofDays(365);
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  public static final Duration MAX_INTERVAL = Duration.ofDays(1);

  private GateDefinitions() {}

  /** What is wrong with the gate's definition, each naming its field; empty when it is valid. */
  public static List<String> problems(GateSpec spec) {
    List<String> problems = new ArrayList<>();
    spec.timeout()
        .ifPresent(t -> timing("timeout", t, Duration.ofMillis(1), MAX_TIMEOUT, problems));
    spec.interval().ifPresent(i -> timing("interval", i, MIN_INTERVAL, MAX_INTERVAL, problems));
    foreign(spec, problems);
    problems.addAll(
        switch (spec.kind()) {
          case ARGOCD -> List.of();
          case HTTP -> HttpGate.problems(spec.http());
          case APPROVAL -> ApprovalGate.problems(spec.approval());
          case SOAK -> SoakGate.problems(spec);
        });
    return problems;
  }

  /**
   * The gate with its defaults explicit: an HTTP gate's method (GET, upper case), status (200) and
   * headers (none); an approval's rule ({@link GateSpec.Approval#DEFAULTS}).
   */
  public static GateSpec withDefaults(GateSpec spec) {
    GateSpec.Http http = spec.http();
    if (http != null) {
      http =
          new GateSpec.Http(
              http.method() == null ? "GET" : http.method().toUpperCase(Locale.ROOT),
              http.url(),
              http.headers() == null ? Map.of() : http.headers(),
              http.expectStatus() == 0 ? 200 : http.expectStatus(),
              http.expectJsonPath() == null ? Optional.empty() : http.expectJsonPath(),
              http.expectValue() == null ? Optional.empty() : http.expectValue());
    }
    GateSpec.Approval approval =
        spec.kind() == GateKind.APPROVAL && spec.approval() == null
            ? GateSpec.Approval.DEFAULTS
            : spec.approval();
    return new GateSpec(
        spec.kind(), spec.when(), spec.timeout(), spec.interval(), http, approval, spec.soak());
  }

  private static void timing(
      String field, Duration value, Duration min, Duration max, List<String> problems) {
    if (value.compareTo(min) < 0) {
      problems.add(field + " must be at least " + min + ", not " + value);
    } else if (value.compareTo(max) > 0) {
      problems.add(field + " must be at most " + max.toDays() + " days, not " + value);
    }
  }

  private static void foreign(GateSpec spec, List<String> problems) {
    if (spec.http() != null && spec.kind() != GateKind.HTTP) {
      problems.add(
          "method, url, headers, expectStatus, expectJsonPath and expectValue are for HTTP gates,"
              + " not "
              + spec.kind());
    }
    if (spec.approval() != null && spec.kind() != GateKind.APPROVAL) {
      problems.add(
          "approvals, approverRole and allowInitiator are for APPROVAL gates, not " + spec.kind());
    }
    if (spec.soak().isPresent() && spec.kind() != GateKind.SOAK) {
      problems.add("duration is for SOAK gates, not " + spec.kind());
    }
  }
}
