package io.baton.flow;

/**
 * What a step does in its environment: COMMIT promotes by a Git commit; NONE records the source
 * version only.
 */
public enum StepAction {
  COMMIT,
  NONE
}
