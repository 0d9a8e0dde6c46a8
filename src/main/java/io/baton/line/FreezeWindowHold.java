package io.baton.line;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * An open freeze window holds the steps into its environments until it closes, except a step an
 * administrator let through ({@code overrideFreeze}).
 */
public record FreezeWindowHold(FreezeWindow window) implements Hold {
  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmX").withZone(ZoneOffset.UTC);

  @Override
  public Verdict check(HoldSubject step, Instant now) {
    if (step.freezeOverride() != null || !window.environments().contains(step.environmentName())) {
      return Verdict.FREE;
    }
    Optional<Instant> end = window.openUntil(now);
    return end.map(
            until ->
                Verdict.held(
                    "Frozen by window " + window.name() + " until " + MINUTES.format(until), until))
        .orElse(Verdict.FREE);
  }
}
