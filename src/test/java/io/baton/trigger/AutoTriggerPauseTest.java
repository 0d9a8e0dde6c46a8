package io.baton.trigger;

import static io.baton.trigger.AutoTriggerWorld.only;
import static io.baton.trigger.AutoTriggerWorld.pass;
import static io.baton.trigger.AutoTriggerWorld.releases;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.Poll;
import io.baton.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pausing a product's automatic triggers stops new releases; resuming starts one, for the newest.
 */
class AutoTriggerPauseTest {
  private final AutoTriggerWorld world = new AutoTriggerWorld();
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(Map.of("BATON_GIT_POLL_INTERVAL", "PT0.2S"));
    world.create(server);
    pass(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void pausing_stops_new_releases_and_resuming_starts_one_for_the_newest_commit() {
    server.data(
        "mutation { pauseAutoTrigger(product: \"demo-trioapp\", reason: \"release freeze\") {"
            + " name } }");
    world.bump("dev", "2.0.0", "Build 2.0.0 of trioapp");
    String newest = world.bump("dev", "3.0.0", "Build 3.0.0 of trioapp");
    pass(server);
    pass(server);

    assertThat(releases(server)).as("nothing starts while paused").isEmpty();

    server.data("mutation { resumeAutoTrigger(product: \"demo-trioapp\") { name } }");

    JsonObject release =
        only(
            Poll.until(
                () -> releases(server),
                r -> !r.isEmpty(),
                Duration.ofSeconds(20),
                "a release once resumed"));
    assertThat(release.getString("sourceCommit")).isEqualTo(newest);
    assertThat(release.getString("version")).isEqualTo("3.0.0");
    pass(server);
    pass(server);
    assertThat(releases(server)).hasSize(1);
  }
}
