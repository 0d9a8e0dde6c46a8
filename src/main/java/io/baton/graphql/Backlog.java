package io.baton.graphql;

import java.time.Duration;

/**
 * What a WebSocket was given to send that the network has not taken yet. A reader that lets it grow
 * past {@code maxBytes}, or takes none of it for {@code stallTimeout}, is too slow to keep: its
 * backlog would otherwise grow for as long as Baton has something to tell it. Times are {@link
 * System#nanoTime} readings.
 */
final class Backlog {
  private final long maxBytes;
  private final long stallNanos;
  private long bytes;
  private int writes;
  private long lastProgress;

  Backlog(long maxBytes, Duration stallTimeout) {
    this.maxBytes = maxBytes;
    this.stallNanos = stallTimeout.toNanos();
  }

  void queued(int size, long now) {
    if (writes == 0) {
      lastProgress = now;
    }
    bytes += size;
    writes++;
  }

  void sent(int size, long now) {
    bytes -= size;
    writes--;
    lastProgress = now;
  }

  long bytes() {
    return bytes;
  }

  boolean tooLarge() {
    return bytes > maxBytes;
  }

  boolean stalled(long now) {
    return writes > 0 && now - lastProgress > stallNanos;
  }
}
