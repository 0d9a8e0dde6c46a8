package io.baton.release;

public enum ReleaseStatus {
  QUEUED,
  RUNNING,
  SUSPENDED,
  SUCCEEDED,
  FAILED,
  TERMINATED;

  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == TERMINATED;
  }
}
