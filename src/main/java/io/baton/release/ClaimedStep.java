package io.baton.release;

import io.vertx.core.json.JsonObject;

/**
 * A claimed step as the database has it now, with what its action needs to know: its release's
 * product, source and target.
 */
record ClaimedStep(
    long releaseId,
    long environmentId,
    int attempt,
    StepStatus status,
    Long applicationId,
    String environmentName,
    String productName,
    JsonObject promotionTemplate,
    Long sourceApplicationId,
    String sourceCommit,
    String sourceEnvironmentName) {

  /** Whether {@code work} is still this step's running attempt. */
  boolean runs(Work work) {
    return status == StepStatus.RUNNING && attempt == work.attempt();
  }

  String key() {
    return key(releaseId, environmentId);
  }

  static String key(Work work) {
    return key(work.releaseId(), work.environmentId());
  }

  private static String key(long releaseId, long environmentId) {
    return releaseId + "/" + environmentId;
  }
}
