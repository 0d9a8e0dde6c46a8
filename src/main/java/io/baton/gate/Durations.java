package io.baton.gate;

import java.time.Duration;

/** Durations as a person reads them in a step's message: "7 s", "2 min 30 s", "1 h 5 min". */
final class Durations {
  private Durations() {}

  static String text(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds < 120) {
      return seconds + " s";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return seconds % 60 == 0 ? minutes + " min" : minutes + " min " + seconds % 60 + " s";
    }
    return minutes % 60 == 0 ? minutes / 60 + " h" : minutes / 60 + " h " + minutes % 60 + " min";
  }
}
