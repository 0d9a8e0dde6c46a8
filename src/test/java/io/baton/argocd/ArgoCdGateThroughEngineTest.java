package io.baton.argocd;

import static io.baton.testing.ReleaseJson.stepOf;
import static io.baton.testing.ReleaseJson.stepStatuses;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.Baton;
import io.baton.Config;
import io.baton.product.Application;
import io.baton.product.PromotionTemplate;
import io.baton.release.EngineOptions;
import io.baton.release.PromotionAction;
import io.baton.release.SourcePinner;
import io.baton.testing.MutableClock;
import io.baton.testing.Poll;
import io.baton.testing.QuickStartCatalog;
import io.baton.testing.TestPostgres;
import io.baton.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An {@code ARGOCD} gate on qa, run by the engine of a real Baton against the Argo CD stand-in:
 * qa's environment names the stand-in as its Argo CD server (through GraphQL), Baton has its token,
 * and a promotion action standing in for Git makes one commit per environment. The gate's first
 * check after the commit asks for a refresh; later checks go through the poller (one list per 10 s
 * of real time), each one when the test moves the clock past the gate's next check.
 */
class ArgoCdGateThroughEngineTest {
  private static final String TOKEN = "argocd-token-for-baton";
  private static final String APPLICATION = "demo-trioapp-qa";
  private static final String OLD_REVISION = "1111111111111111111111111111111111111111";
  private static final EngineOptions FAST =
      new EngineOptions(
          "test-engine",
          Duration.ofSeconds(2),
          Duration.ofMillis(100),
          Duration.ofMillis(100),
          64,
          0,
          Duration.ofMillis(10));

  /** Each check after the first waits for the poller's next list, up to its 10 s interval. */
  private static final Duration PATIENCE = Duration.ofSeconds(35);

  private final MutableClock clock = new MutableClock();
  private final CommittingAction action = new CommittingAction();
  private Vertx vertx;
  private ArgoCdStandIn argocd;
  private TestServer server;

  @BeforeEach
  void quickStartWorldWithArgoCdOnQa() throws Exception {
    vertx = Vertx.vertx();
    argocd = ArgoCdStandIn.start(vertx, TOKEN);
    argocd.set(APPLICATION, "OutOfSync", OLD_REVISION, "Healthy");
    server =
        TestServer.start(
            TestPostgres.newDatabase(),
            clock,
            false,
            new Baton.Parts(action, action, FAST),
            new Config.ArgoCd(Map.of("127.0.0.1:" + argocd.port(), TOKEN)));
    QuickStartCatalog.create(server::data);
    QuickStartCatalog.createFlow(server::data, "PT10M");
    JsonObject qa =
        server
            .data(
                "mutation($s: String) { updateEnvironment(input: {name: \"qa\", argocdServer: $s,"
                    + " gates: [{kind: ARGOCD, interval: \"PT1S\"}]}) { argocdServer gates { kind } } }",
                Map.of("s", argocd.url()))
            .getJsonObject("updateEnvironment");
    assertThat(qa.getString("argocdServer")).isEqualTo(argocd.url());
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (argocd != null) {
      argocd.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void
      qa_waits_while_argo_cd_progresses_or_runs_an_older_revision_and_passes_once_synced_and_healthy_at_its_commit() {
    argocd.set(APPLICATION, "OutOfSync", OLD_REVISION, "Progressing");
    String id = trigger();
    JsonObject progressing =
        await(id, "qa waiting on a Progressing application", qaMessageContains("Progressing"));
    JsonObject qa = stepOf(progressing, "qa");
    assertThat(qa.getString("status")).isEqualTo("RUNNING");
    assertThat(qa.getString("message")).contains("Argo CD").contains("Progressing");
    assertThat(stepOf(progressing, "prod").getString("status")).isEqualTo("PENDING");
    assertThat(argocd.refreshes(APPLICATION)).isEqualTo(1);
    String commit = qa.getString("commitSha");
    assertThat(commit).isEqualTo(CommittingAction.commitFor("qa"));

    argocd.set(APPLICATION, "Synced", OLD_REVISION, "Healthy");
    clock.advance(Duration.ofSeconds(1));
    JsonObject older =
        await(id, "qa waiting on an older revision", qaMessageContains("another revision"));
    assertThat(stepOf(older, "qa").getString("status")).isEqualTo("RUNNING");
    assertThat(stepOf(older, "prod").getString("status")).isEqualTo("PENDING");
    assertThat(action.requestsFor("prod")).isZero();
    assertThat(argocd.listRequests()).isPositive();

    argocd.set(APPLICATION, "Synced", commit, "Healthy");
    clock.advance(Duration.ofSeconds(1));
    JsonObject done = await(id, "SUCCEEDED", r -> "SUCCEEDED".equals(r.getString("status")));
    assertThat(stepStatuses(done))
        .containsExactly("dev=SUCCEEDED", "qa=SUCCEEDED", "prod=SUCCEEDED");
    assertThat(action.requestsFor("prod")).isEqualTo(1);
    assertThat(argocd.refreshes(APPLICATION)).isEqualTo(1);
    assertThat(argocd.refusedRequests()).isZero();
  }

  @Test
  void qa_degraded_at_its_commit_past_the_grace_fails_and_prod_is_skipped() {
    argocd.set(APPLICATION, "OutOfSync", OLD_REVISION, "Progressing");
    String id = trigger();
    JsonObject progressing =
        await(id, "qa waiting on a Progressing application", qaMessageContains("Progressing"));
    String commit = stepOf(progressing, "qa").getString("commitSha");

    argocd.set(APPLICATION, "Synced", commit, "Degraded");
    clock.advance(Duration.ofSeconds(1));
    JsonObject degraded = await(id, "qa Degraded within the grace", qaMessageContains("Degraded"));
    assertThat(stepOf(degraded, "qa").getString("status")).isEqualTo("RUNNING");
    assertThat(stepOf(degraded, "prod").getString("status")).isEqualTo("PENDING");

    clock.advance(ArgoCdRule.DEFAULT_GRACE);
    JsonObject failed = await(id, "FAILED", r -> "FAILED".equals(r.getString("status")));
    assertThat(stepStatuses(failed)).containsExactly("dev=SUCCEEDED", "qa=FAILED", "prod=SKIPPED");
    assertThat(stepOf(failed, "qa").getString("message"))
        .contains("Argo CD")
        .contains("Degraded")
        .contains("longer than the grace");
    assertThat(action.requestsFor("prod")).isZero();
  }

  private static Predicate<JsonObject> qaMessageContains(String text) {
    return r -> String.valueOf(stepOf(r, "qa").getString("message")).contains(text);
  }

  private String trigger() {
    return server
        .data(
            "mutation { triggerPromotionFlow(input: {flow: \"multi-env-sequential-promotion\", "
                + "product: \"demo-trioapp\"}) { id } }")
        .getJsonObject("triggerPromotionFlow")
        .getString("id");
  }

  private JsonObject release(String id) {
    return server
        .data(
            "query($id: ID!) { release(id: $id) { id status message "
                + "steps { environment { name } status message commitSha } } }",
            Map.of("id", id))
        .getJsonObject("release");
  }

  private JsonObject await(String id, String what, Predicate<JsonObject> done) {
    return Poll.until(() -> release(id), done, PATIENCE, what + " of release " + id);
  }

  /** Promotes by "committing" a commit of its own per target environment, as Git would. */
  private static final class CommittingAction implements PromotionAction, SourcePinner {
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    static String commitFor(String environment) {
      return (Integer.toHexString(environment.hashCode()) + "0".repeat(40)).substring(0, 40);
    }

    long requestsFor(String environment) {
      return requests.stream().filter(r -> r.targetEnvironment().equals(environment)).count();
    }

    @Override
    public Future<Result> promote(Request request) {
      requests.add(request);
      return Future.succeededFuture(
          new Result(commitFor(request.targetEnvironment()), "2.0.0", true, "promoted 2.0.0"));
    }

    @Override
    public Future<Snapshot> pin(Application source, PromotionTemplate template) {
      return Future.succeededFuture(new Snapshot("a".repeat(40), "2.0.0"));
    }
  }
}
