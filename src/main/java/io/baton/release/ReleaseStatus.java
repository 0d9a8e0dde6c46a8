package io.baton.release;

public enum ReleaseStatus implements Status {
  QUEUED,
  RUNNING,
  SUSPENDED,
  SUCCEEDED,
  FAILED,
  TERMINATED;

  @Override
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == TERMINATED;
  }
}
