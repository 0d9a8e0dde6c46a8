package io.baton.argocd;

import io.baton.gate.Gate;
import io.baton.gate.GateCheck;
import io.baton.gate.GateKind;
import io.baton.gate.GateOutcome;
import io.baton.gate.StepFacts;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * The {@code ARGOCD} gate: the step's environment runs the step's commit, Synced and Healthy, as
 * its Argo CD server says. After the commit it asks Argo CD once to refresh the application (so
 * nobody waits for Argo CD's own three-minute poll) and remembers in its state that it did; later
 * looks go through the {@link ArgoCdPoller}, one list request per server per interval. {@link
 * ArgoCdRule} decides.
 */
public final class ArgoCdGate implements Gate {
  /** State key: the refresh after the commit was asked for (and answered). */
  static final String REFRESH_REQUESTED = "refreshRequested";

  private final ArgoCdClient client;
  private final ArgoCdPoller poller;
  private final Duration grace;

  public ArgoCdGate(ArgoCdClient client, ArgoCdPoller poller, Duration grace) {
    this.client = client;
    this.poller = poller;
    this.grace = grace;
  }

  @Override
  public GateKind kind() {
    return GateKind.ARGOCD;
  }

  @Override
  public Future<GateOutcome> check(GateCheck check) {
    StepFacts facts = check.facts();
    if (facts.argocdServer().isEmpty()) {
      return Future.succeededFuture(
          new GateOutcome.Failed(
              "Argo CD gate: environment "
                  + facts.environment()
                  + " has no argocdServer; set it on the environment, or remove the gate"));
    }
    if (facts.argocdApplication() == null || facts.argocdApplication().isBlank()) {
      return Future.succeededFuture(
          new GateOutcome.Failed(
              "Argo CD gate: the application deployed to "
                  + facts.environment()
                  + " has no Argo CD application name"));
    }
    ArgoCdServer server;
    try {
      server = ArgoCdServer.parse(facts.argocdServer().get());
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(
          new GateOutcome.Failed(
              "Argo CD gate: environment "
                  + facts.environment()
                  + "'s argocdServer is not usable: "
                  + e.getMessage()));
    }
    if (facts.commit().isPresent() && !check.state().getBoolean(REFRESH_REQUESTED, false)) {
      ArgoCdRule rule = new ArgoCdRule(grace, check.spec().interval().orElse(poller.interval()));
      return refreshed(server, facts.argocdApplication())
          .map(
              r ->
                  rule.decide(
                      r.lookup(),
                      facts.argocdApplication(),
                      facts.commit(),
                      r.state(check.state()),
                      check.now()));
    }
    // The poller answers at most once per interval: a gate that waits on it is due again at once
    // (unless its spec sets an interval), so that it waits on the very next list. Due a whole
    // interval after its check started, it would be claimed again just after that list when its
    // check started just before the previous one, and miss it.
    ArgoCdRule rule = new ArgoCdRule(grace, check.spec().interval().orElse(Duration.ZERO));
    return poller
        .next(server, facts.argocdApplication())
        .map(
            lookup ->
                rule.decide(
                    lookup, facts.argocdApplication(), facts.commit(), check.state(), check.now()));
  }

  /**
   * Asks for the refresh; its answer is the application as Argo CD sees it after comparing it
   * again. A refresh that failed is asked for again at the next check.
   */
  private Future<Refresh> refreshed(ArgoCdServer server, String application) {
    return client
        .refresh(server, application)
        .map(app -> new Refresh(new ArgoCdLookup.Found(app), true))
        .recover(
            failure ->
                Future.succeededFuture(
                    new Refresh(new ArgoCdLookup.Unavailable(asProblem(server, failure)), false)));
  }

  private static ArgoCdException asProblem(ArgoCdServer server, Throwable failure) {
    return failure instanceof ArgoCdException known
        ? known
        : new ArgoCdException(
            ArgoCdException.Problem.BAD_RESPONSE, server + " could not be asked to refresh");
  }

  private record Refresh(ArgoCdLookup lookup, boolean done) {
    JsonObject state(JsonObject before) {
      return done ? before.copy().put(REFRESH_REQUESTED, true) : before;
    }
  }
}
