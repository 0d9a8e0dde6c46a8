package io.baton.release;

public enum StepStatus implements Status {
  PENDING,
  RUNNING,
  SUSPENDED,
  SUCCEEDED,
  FAILED,
  TERMINATED,
  SKIPPED;

  @Override
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == TERMINATED || this == SKIPPED;
  }
}
