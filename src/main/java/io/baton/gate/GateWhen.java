package io.baton.gate;

/** When a gate runs relative to its step's action. */
public enum GateWhen {
  BEFORE,
  AFTER
}
