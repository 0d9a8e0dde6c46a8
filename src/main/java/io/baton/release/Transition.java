package io.baton.release;

/**
 * One status change, as an event row records it. {@code environmentId} is null for the release
 * itself.
 */
record Transition(
    long releaseId,
    long productId,
    Long environmentId,
    Status status,
    Status previousStatus,
    String message) {}
