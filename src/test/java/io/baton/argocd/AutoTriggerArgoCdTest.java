package io.baton.argocd;

import static io.baton.testing.ReleaseJson.stepOf;
import static io.baton.trigger.AutoTriggerWorld.only;
import static io.baton.trigger.AutoTriggerWorld.pass;
import static io.baton.trigger.AutoTriggerWorld.releases;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.Poll;
import io.baton.testing.TestServer;
import io.baton.trigger.AutoTriggerWorld;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An automatic release with an ARGOCD gate on its trigger environment (dev): the release is made
 * for the new commit, but its flow starts only once Argo CD (the stand-in) reports dev's
 * application Synced at that commit and Healthy.
 */
class AutoTriggerArgoCdTest {
  private static final String TOKEN = "argocd-token-for-baton";
  private static final String DEV_APP = "demo-trioapp-dev";
  private static final String OLD_REVISION = "1111111111111111111111111111111111111111";

  private final AutoTriggerWorld world = new AutoTriggerWorld();
  private Vertx vertx;
  private ArgoCdStandIn argocd;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    argocd = ArgoCdStandIn.start(vertx, TOKEN);
    argocd.set(DEV_APP, "Synced", OLD_REVISION, "Healthy");
    server =
        TestServer.start(
            Map.of(
                "BATON_GIT_POLL_INTERVAL",
                "PT0.2S",
                "BATON_ARGOCD_TOKENS",
                "127.0.0.1:" + argocd.port() + "=" + TOKEN));
    world.create(server);
    server.data(
        "mutation($s: String) { updateEnvironment(input: {name: \"dev\", argocdServer: $s,"
            + " gates: [{kind: ARGOCD, interval: \"PT1S\"}]}) { name } }",
        Map.of("s", argocd.url()));
    pass(server);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    argocd.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void the_flow_starts_once_the_trigger_application_is_synced_and_healthy_at_the_commit() {
    String commit = world.bump("dev", "2.0.0", "Build 2.0.0 of trioapp");

    JsonObject waiting =
        Poll.until(
                () -> releases(server),
                r -> !r.isEmpty() && stepOf(r.getJsonObject(0), "dev").getString("message") != null,
                Duration.ofSeconds(20),
                "an automatic release waiting on Argo CD")
            .getJsonObject(0);
    assertThat(waiting.getString("sourceCommit")).isEqualTo(commit);
    assertThat(stepOf(waiting, "dev").getString("status")).isEqualTo("RUNNING");
    assertThat(stepOf(waiting, "dev").getString("commitSha")).isEqualTo(commit);
    assertThat(stepOf(waiting, "qa").getString("status")).isEqualTo("PENDING");
    assertThat(argocd.refreshes(DEV_APP)).isEqualTo(1);

    argocd.set(DEV_APP, "Synced", commit, "Healthy");

    JsonObject started =
        Poll.until(
            () -> only(releases(server)),
            r -> !"PENDING".equals(stepOf(r, "qa").getString("status")),
            Duration.ofSeconds(40),
            "qa to start once dev is Synced and Healthy at the commit");
    assertThat(stepOf(started, "dev").getString("status")).isEqualTo("SUCCEEDED");
  }
}
