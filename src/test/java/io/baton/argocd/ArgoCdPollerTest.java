package io.baton.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.argocd.ArgoCdException.Problem;
import io.baton.gate.GateOutcome;
import io.baton.gate.StepFacts;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batched polling: however many steps wait on an Argo CD server, one list request per interval. */
class ArgoCdPollerTest {
  static final String TOKEN = "argocd-token-for-tests";
  static final String COMMIT = "5d6e7f8a9b0c1d2e3f405162738495a6b7c8d9e0";
  static final Duration INTERVAL = Duration.ofMillis(300);
  static final int STEPS = 1000;

  Vertx vertx;
  ArgoCdStandIn argo;
  ArgoCdClient client;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    argo = ArgoCdStandIn.start(vertx, TOKEN);
    client = new ArgoCdClient(vertx, Map.of("127.0.0.1", TOKEN), Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() throws Exception {
    argo.close();
    await(vertx.close());
  }

  @Test
  void a_thousand_steps_waiting_on_one_server_cost_one_list_request_per_interval() {
    ArgoCdPoller poller = new ArgoCdPoller(vertx, client, INTERVAL);
    ArgoCdGate gate = new ArgoCdGate(client, poller, Duration.ofMinutes(2));
    for (int i = 0; i < STEPS; i++) {
      argo.set("app-" + i, "Synced", COMMIT, "Progressing");
    }

    for (int round = 0; round < 3; round++) {
      assertThat(checkAll(gate)).allSatisfy(o -> assertThat(o.message()).contains("Progressing"));
    }
    for (int i = 0; i < STEPS; i++) {
      argo.set("app-" + i, "Synced", COMMIT, "Healthy");
    }
    List<GateOutcome> last = checkAll(gate);

    assertThat(last).allSatisfy(o -> assertThat(o).isInstanceOf(GateOutcome.Passed.class));
    assertThat(argo.applicationRequests()).as("never one request per step").isZero();
    assertThat(argo.listRequests()).as("4 rounds of 1,000 checks").isBetween(4, 8);
    // The poller spaces its requests an interval apart when it sends them; they arrive with the
    // network's and the scheduler's jitter on top, so each gap is checked against half an
    // interval: two polls in one interval would arrive next to each other.
    List<Long> arrivals = argo.listArrivals();
    for (int i = 1; i < arrivals.size(); i++) {
      assertThat(Duration.ofNanos(arrivals.get(i) - arrivals.get(i - 1)))
          .as("list request %d came an interval after the one before, not with it", i)
          .isGreaterThanOrEqualTo(INTERVAL.dividedBy(2));
    }
    assertThat(await(poller.waiting())).as("interest is dropped once served").isZero();
  }

  @Test
  void every_check_waiting_on_a_server_that_refuses_the_token_learns_it_from_one_request() {
    ArgoCdClient wrong =
        new ArgoCdClient(vertx, Map.of("127.0.0.1", "wrong"), Duration.ofSeconds(10));
    ArgoCdServer server = ArgoCdServer.parse(argo.url());

    // The 100 checks arrive together: asked in one task on the poller's own event loop, they are
    // all waiting before its first poll (due 1 ms after the first) can be sent. Asked from the
    // test's thread, a descheduled thread let that poll go after the first few, and the rest then
    // waited the interval (an hour) for the next one.
    Context loop = vertx.getOrCreateContext();
    Promise<List<Future<ArgoCdLookup>>> asked = Promise.promise();
    loop.runOnContext(
        v -> {
          ArgoCdPoller poller = new ArgoCdPoller(vertx, wrong, Duration.ofHours(1));
          List<Future<ArgoCdLookup>> all = new ArrayList<>();
          for (int i = 0; i < 100; i++) {
            all.add(poller.next(server, "app-" + i));
          }
          asked.complete(all);
        });
    List<Future<ArgoCdLookup>> lookups = await(asked.future());

    for (Future<ArgoCdLookup> lookup : lookups) {
      assertThat(await(lookup))
          .isInstanceOfSatisfying(
              ArgoCdLookup.Unavailable.class,
              u -> assertThat(u.problem().problem()).isEqualTo(Problem.TOKEN_REFUSED));
    }
    assertThat(argo.refusedRequests()).isEqualTo(1);
  }

  @Test
  void an_application_outside_argo_cds_namespace_is_found_by_namespace_and_name() {
    ArgoCdPoller poller = new ArgoCdPoller(vertx, client, INTERVAL);
    argo.set("qa-app", "Synced", COMMIT, "Healthy");

    ArgoCdLookup lookup = await(poller.next(ArgoCdServer.parse(argo.url()), "argocd/qa-app"));

    assertThat(lookup)
        .isInstanceOfSatisfying(
            ArgoCdLookup.Found.class, f -> assertThat(f.status().name()).isEqualTo("qa-app"));
  }

  @Test
  void more_checks_than_the_bound_fail_fast_instead_of_growing_memory() {
    ArgoCdPoller poller = new ArgoCdPoller(vertx, client, Duration.ofHours(1), 10);
    ArgoCdServer server = ArgoCdServer.parse(argo.url());
    await(poller.next(server, "first"));

    List<Future<ArgoCdLookup>> waiting = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      waiting.add(poller.next(server, "app-" + i));
    }
    Future<ArgoCdLookup> eleventh = waiting.get(10);

    Throwable failure = awaitFailure(eleventh);
    assertThat(failure)
        .isInstanceOfSatisfying(
            ArgoCdException.class, e -> assertThat(e.problem()).isEqualTo(Problem.BUSY));
    assertThat(await(poller.waiting())).isEqualTo(10);
  }

  @Test
  void the_server_url_is_one_server_however_it_is_spelled() {
    assertThat(ArgoCdServer.parse("HTTPS://ArgoCD.example.com/"))
        .isEqualTo(ArgoCdServer.parse("https://argocd.example.com"));
    assertThat(ArgoCdServer.parse("http://argo.internal:8080/argo-cd/").toString())
        .isEqualTo("http://argo.internal:8080/argo-cd");
  }

  List<GateOutcome> checkAll(ArgoCdGate gate) {
    List<Future<GateOutcome>> checks = new ArrayList<>();
    for (int i = 0; i < STEPS; i++) {
      checks.add(
          gate.check(
              ArgoCdGateTest.gateCheck(
                  new StepFacts(
                      i,
                      "shop",
                      "qa",
                      "1.2.3",
                      Optional.of(COMMIT),
                      "alice",
                      Optional.of(argo.url()),
                      "app-" + i),
                  new JsonObject().put("refreshRequested", true),
                  Instant.now())));
    }
    return checks.stream().map(ArgoCdPollerTest::await).toList();
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static Throwable awaitFailure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
