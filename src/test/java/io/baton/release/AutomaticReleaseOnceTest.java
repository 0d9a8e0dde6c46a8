package io.baton.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.Baton;
import io.baton.audit.Audit;
import io.baton.error.BatonException;
import io.baton.error.ErrorCode;
import io.baton.testing.MutableClock;
import io.baton.testing.QuickStartCatalog;
import io.baton.testing.TestPostgres;
import io.baton.testing.TestServer;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A release triggered by a commit: pinned to it, said to be automatic, and started at most once per
 * product, flow and commit, by the database's constraint, however many triggers race.
 */
class AutomaticReleaseOnceTest {
  private static final String FLOW = "multi-env-sequential-promotion";
  private static final String SHA = "89abcdef0123456789abcdef0123456789abcdef";

  private final ScriptedAction action = new ScriptedAction();
  private TestServer server;

  @BeforeEach
  void quickStartWorld() {
    server =
        TestServer.start(
            TestPostgres.newDatabase(),
            new MutableClock(),
            false,
            new Baton.Parts(action, action, ReleaseEngineTest.FAST));
    QuickStartCatalog.create(server::data);
    QuickStartCatalog.createFlow(server::data, "PT5M");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Future<Release> triggerBy(String sha) {
    return server
        .baton()
        .services()
        .releases()
        .trigger(
            new ReleaseService.Trigger(FLOW, "demo-trioapp", null),
            new TriggerSource.Commit(sha),
            Audit.of("auto:" + sha, "autoTrigger", Map.of("commit", sha)));
  }

  private static List<Future<Release>> awaitAll(List<Future<Release>> triggered) {
    Future.join(triggered)
        .toCompletionStage()
        .toCompletableFuture()
        .orTimeout(20, TimeUnit.SECONDS)
        .exceptionally(e -> null)
        .join();
    return triggered;
  }

  @Test
  void a_commit_starts_one_release_pinned_to_it_and_said_to_be_automatic() {
    Release release = awaitAll(List.of(triggerBy(SHA))).get(0).result();

    assertThat(release.sourceCommit()).isEqualTo(SHA);
    assertThat(release.triggeredBy()).isEqualTo("auto:" + SHA);
  }

  @Test
  void many_triggers_of_one_commit_at_once_start_exactly_one_release_and_the_others_conflict() {
    List<Future<Release>> triggered = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      triggered.add(triggerBy(SHA));
    }
    triggered.add(triggerBy("f" + SHA.substring(1)));
    awaitAll(triggered);

    assertThat(triggered.subList(0, 8).stream().filter(Future::succeeded)).hasSize(1);
    assertThat(triggered.subList(0, 8).stream().filter(Future::failed))
        .allSatisfy(
            failed ->
                assertThat(((BatonException) failed.cause()).code()).isEqualTo(ErrorCode.CONFLICT));
    assertThat(triggered.get(8).succeeded())
        .as("another commit in the same batch is not held back by the duplicates")
        .isTrue();
    assertThat(awaitAll(List.of(triggerBy(SHA))).get(0).failed())
        .as("and a later trigger of the same commit")
        .isTrue();
    int releases =
        server
            .data("{ releases(first: 50) { nodes { triggeredBy } } }")
            .getJsonObject("releases")
            .getJsonArray("nodes")
            .size();
    assertThat(releases).isEqualTo(2);
  }
}
