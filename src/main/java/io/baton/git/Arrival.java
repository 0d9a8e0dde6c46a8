package io.baton.git;

/**
 * When a request for a remote's state arrived, as a place in the order of all arrivals at {@link
 * GitRepositories}: a fetch serves the request only if the fetch started after it arrived, so what
 * the request reads is never older than the request.
 */
record Arrival(long order) {
  /** Whether a fetch that started when {@code latest} was the latest arrival came after this. */
  boolean isServedBy(long latest) {
    return order <= latest;
  }
}
