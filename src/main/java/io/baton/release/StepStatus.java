package io.baton.release;

public enum StepStatus {
  PENDING,
  RUNNING,
  SUSPENDED,
  SUCCEEDED,
  FAILED,
  TERMINATED,
  SKIPPED;

  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == TERMINATED || this == SKIPPED;
  }
}
