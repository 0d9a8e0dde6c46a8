package io.baton.release;

/** Where one gate of a release step stands in the step's current attempt. */
public enum GateStatus {
  PENDING,
  RUNNING,
  SUSPENDED,
  PASSED,
  FAILED;

  /** Checked by the gate checker: started and not decided. */
  public boolean isWaiting() {
    return this == RUNNING || this == SUSPENDED;
  }
}
