package io.baton.release;

/** The status of a release or of a step, as an event carries it. */
public sealed interface Status permits ReleaseStatus, StepStatus {
  String name();

  boolean isTerminal();

  /** The status an event row names: a release's when it has no environment, else a step's. */
  static Status of(Long environmentId, String name) {
    if (name == null) {
      return null;
    }
    return environmentId == null ? ReleaseStatus.valueOf(name) : StepStatus.valueOf(name);
  }
}
