package io.baton.gate;

/** The kinds of gate a step can have. */
public enum GateKind {
  /** The target's Argo CD application is Synced at the step's commit and Healthy. */
  ARGOCD,
  /** An HTTP request answers with the expected status and, optionally, an expected value. */
  HTTP,
  /** Enough people with the required role approve; one rejection fails the step. */
  APPROVAL,
  /** The version has stood in the environment, every other gate passed, for a duration. */
  SOAK;

  /** Where a gate of this kind runs when its definition does not say. */
  public GateWhen defaultWhen() {
    return this == APPROVAL ? GateWhen.BEFORE : GateWhen.AFTER;
  }
}
