package io.baton.trigger;

import static io.baton.trigger.AutoTriggerWorld.await;
import static io.baton.trigger.AutoTriggerWorld.pass;
import static io.baton.trigger.AutoTriggerWorld.releases;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.db.DatabaseUrl;
import io.baton.testing.Poll;
import io.baton.testing.TestPostgres;
import io.baton.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Baton instances on one database, each polling the same repository every tenth of a second:
 * every commit still starts exactly one release.
 */
class AutoTriggerTwoInstancesTest {
  private final AutoTriggerWorld world = new AutoTriggerWorld();
  private TestServer first;
  private TestServer second;

  @BeforeEach
  void start() {
    DatabaseUrl database = TestPostgres.newDatabase();
    Map<String, String> env =
        Map.of(
            "BATON_DATABASE_URL",
            TestPostgres.urlOf(database),
            "BATON_GIT_POLL_INTERVAL",
            "PT0.1S");
    first = TestServer.start(env);
    second = TestServer.start(env);
    world.create(first);
    pass(first);
  }

  @AfterEach
  void stop() {
    second.close();
    first.close();
  }

  @Test
  void two_instances_polling_the_same_repository_start_exactly_one_release_per_commit() {
    List<String> commits = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      commits.add(world.bump("dev", i + ".5.0", "Build " + i + ".5.0 of trioapp"));
      int expected = i;
      Future<Void> a = first.baton().watcher().lookAtAll();
      Future<Void> b = second.baton().watcher().lookAtAll();
      await(Future.join(a, b));
      Poll.until(
          () -> releases(first),
          r -> r.size() >= expected,
          Duration.ofSeconds(20),
          expected + " releases");
      pass(first);
      pass(second);
    }

    JsonArray releases = releases(second);
    assertThat(releases.stream().map(r -> ((JsonObject) r).getString("sourceCommit")))
        .containsExactlyInAnyOrderElementsOf(commits);
  }
}
