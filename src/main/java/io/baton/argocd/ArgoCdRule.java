package io.baton.argocd;

import io.baton.gate.GateOutcome;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether an {@code ARGOCD} gate passes, given what Argo CD said and the clock: a pure function.
 *
 * <p>It passes only when the application is Synced <em>at the step's commit</em> (an older revision
 * that is Synced does not count) and Healthy. Degraded at the commit for longer than the grace
 * fails it; anything else waits. Without a commit (a step whose action made none) Synced and
 * Healthy at any revision passes.
 *
 * @param grace how long the application may be Degraded at the commit before the gate fails
 * @param interval when a waiting gate is looked at again
 */
public record ArgoCdRule(Duration grace, Duration interval) {
  public static final Duration DEFAULT_GRACE = Duration.ofMinutes(2);

  /** State key: since when the application is Degraded at the commit (ISO-8601 instant). */
  static final String DEGRADED_SINCE = "degradedSince";

  private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{40}");

  public GateOutcome decide(
      ArgoCdLookup lookup,
      String application,
      Optional<String> commit,
      JsonObject state,
      Instant now) {
    if (lookup instanceof ArgoCdLookup.Found found) {
      return decide(found.status(), application, commit, state, now);
    }
    ArgoCdException problem = ((ArgoCdLookup.Unavailable) lookup).problem();
    return waiting("Waiting for Argo CD: " + problem.getMessage(), state.copy(), now);
  }

  private GateOutcome decide(
      AppStatus app, String application, Optional<String> commit, JsonObject state, Instant now) {
    boolean deployed = app.sync() == SyncStatus.SYNCED && commit.map(app::isAt).orElse(true);
    if (deployed && app.health() == HealthStatus.HEALTHY) {
      return new GateOutcome.Passed(
          "Argo CD: " + application + " is Synced at " + revisions(app) + " and Healthy");
    }
    if (deployed && app.health() == HealthStatus.DEGRADED) {
      return degraded(app, application, commit, state, now);
    }
    JsonObject next = state.copy();
    next.remove(DEGRADED_SINCE);
    return waiting(
        "Waiting for Argo CD: "
            + headline(app, deployed)
            + " ("
            + seen(app, application, commit)
            + ")",
        next,
        now);
  }

  private GateOutcome degraded(
      AppStatus app, String application, Optional<String> commit, JsonObject state, Instant now) {
    Instant since = degradedSince(state).orElse(now);
    Duration degradedFor = Duration.between(since, now);
    if (degradedFor.compareTo(grace) >= 0) {
      return new GateOutcome.Failed(
          "Argo CD: "
              + application
              + " has been Degraded for "
              + degradedFor
              + ", longer than the grace of "
              + grace
              + " ("
              + seen(app, application, commit)
              + ")");
    }
    JsonObject next = state.copy().put(DEGRADED_SINCE, since.toString());
    return waiting(
        "Waiting for Argo CD: Degraded since "
            + since
            + ", fails after "
            + grace
            + " ("
            + seen(app, application, commit)
            + ")",
        next,
        now);
  }

  private static String headline(AppStatus app, boolean deployed) {
    if (app.sync() != SyncStatus.SYNCED) {
      return app.sync().argoName();
    }
    if (!deployed) {
      return "Synced at another revision";
    }
    return app.health().argoName();
  }

  /** What was seen: "application qa-app: Synced at 1a2b3c4, Progressing; expecting 5d6e7f8". */
  private static String seen(AppStatus app, String application, Optional<String> commit) {
    return "application "
        + application
        + ": "
        + app.sync().argoName()
        + " at "
        + revisions(app)
        + ", "
        + app.health().argoName()
        + app.operationPhase().map(p -> ", last operation " + p).orElse("")
        + commit.map(c -> "; expecting " + shortRevision(c)).orElse("");
  }

  private static String revisions(AppStatus app) {
    if (app.revisions().isEmpty()) {
      return "no revision";
    }
    return String.join(", ", app.revisions().stream().map(ArgoCdRule::shortRevision).toList());
  }

  private static String shortRevision(String revision) {
    return SHA.matcher(revision).matches() ? revision.substring(0, 7) : revision;
  }

  private static Optional<Instant> degradedSince(JsonObject state) {
    try {
      return Optional.ofNullable(state.getString(DEGRADED_SINCE)).map(Instant::parse);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private GateOutcome waiting(String message, JsonObject state, Instant now) {
    return new GateOutcome.Waiting(message, now.plus(interval), state, false);
  }
}
