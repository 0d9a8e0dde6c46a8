package io.baton.line;

/**
 * What a hold may know of a step about to act: its release, its environment, the application it
 * changes, and the freeze override given to it (who and why; null: none).
 */
public record HoldSubject(
    long releaseId,
    long environmentId,
    String environmentName,
    Long applicationId,
    String applicationName,
    String freezeOverride) {}
