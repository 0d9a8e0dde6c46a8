package io.baton.line;

import java.time.Instant;

/**
 * A hold's answer: free, or held with a message naming what holds the step and, when known, when
 * that ends ({@code until}; null: only when a person lifts it).
 */
public record Verdict(boolean held, String message, Instant until) {
  public static final Verdict FREE = new Verdict(false, null, null);

  public static Verdict held(String message, Instant until) {
    return new Verdict(true, message, until);
  }
}
