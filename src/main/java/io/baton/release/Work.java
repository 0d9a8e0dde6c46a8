package io.baton.release;

/** A running step this instance holds the lease of, and must now carry out. */
record Work(
    long releaseId,
    long environmentId,
    int attempt,
    String action,
    long productId,
    String releaseVersion) {

  String idempotencyKey() {
    return releaseId + "/" + environmentId + "/" + attempt;
  }

  boolean makesNoChange() {
    return "NONE".equals(action);
  }
}
