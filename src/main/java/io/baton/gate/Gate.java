package io.baton.gate;

import io.vertx.core.Future;

/**
 * One kind of gate: a condition a step must meet before its action ({@link GateWhen#BEFORE}) or
 * after it ({@link GateWhen#AFTER}) to succeed. The engine knows this interface, never the kinds.
 *
 * <p>A check gathers the facts it needs (an HTTP answer, Argo CD's view of an application, the
 * approvals given) and hands them with the clock to the kind's pure rule, which decides. The
 * returned future fails only for a technical error (the engine checks again later); the gate's own
 * failure is {@link GateOutcome.Failed}.
 */
public interface Gate {

  GateKind kind();

  Future<GateOutcome> check(GateCheck check);
}
