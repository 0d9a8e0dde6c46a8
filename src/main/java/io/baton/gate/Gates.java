package io.baton.gate;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/** The gate of each kind: what the engine asks to check a step's gate. */
public final class Gates {
  private final Map<GateKind, Gate> byKind;

  /**
   * The kinds that need nothing but HTTP and the clock: {@code HTTP}, {@code SOAK}, {@code
   * APPROVAL}.
   */
  public Gates(Vertx vertx, Clock clock) {
    this(Map.of());
    byKind.put(GateKind.HTTP, new HttpGate(vertx, clock));
    byKind.put(GateKind.SOAK, new SoakGate());
    byKind.put(GateKind.APPROVAL, new ApprovalGate());
  }

  private Gates(Map<GateKind, Gate> byKind) {
    this.byKind = new EnumMap<>(GateKind.class);
    this.byKind.putAll(byKind);
  }

  /** These gates and {@code gate} (e.g. {@code ARGOCD}, which needs its servers' tokens). */
  public Gates with(Gate gate) {
    Gates more = new Gates(byKind);
    more.byKind.put(gate.kind(), gate);
    return more;
  }

  public boolean has(GateKind kind) {
    return byKind.containsKey(kind);
  }

  /** Checks a gate with the gate of its kind; fails when no gate of that kind is known. */
  public Future<GateOutcome> check(GateCheck check) {
    Gate gate = byKind.get(check.spec().kind());
    if (gate == null) {
      return Future.failedFuture(
          new IllegalStateException("no gate of kind " + check.spec().kind() + " is configured"));
    }
    return gate.check(check);
  }
}
