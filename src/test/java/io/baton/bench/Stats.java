package io.baton.bench;

import java.util.Arrays;

/**
 * Latencies in microseconds, summarised by percentile. Not thread-safe: one recorder per thread,
 * then merged.
 */
final class Stats {
  private long[] values = new long[1024];
  private int size;

  void add(long micros) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = micros;
  }

  void addAll(Stats other) {
    for (int i = 0; i < other.size; i++) {
      add(other.values[i]);
    }
  }

  void clear() {
    size = 0;
  }

  int count() {
    return size;
  }

  /**
   * The value at or below which {@code p} percent of the samples lie (nearest rank), in
   * milliseconds.
   */
  double percentileMillis(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * size);
    return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1000.0;
  }

  double meanMillis() {
    long sum = 0;
    for (int i = 0; i < size; i++) {
      sum += values[i];
    }
    return size == 0 ? Double.NaN : sum / 1000.0 / size;
  }

  String summary() {
    return String.format(
        "n=%d p50=%.1f ms p90=%.1f ms p99=%.1f ms max=%.1f ms mean=%.1f ms",
        size,
        percentileMillis(50),
        percentileMillis(90),
        percentileMillis(99),
        percentileMillis(100),
        meanMillis());
  }
}
