package io.baton.trigger;

import static io.baton.trigger.AutoTriggerWorld.FLOW;
import static io.baton.trigger.AutoTriggerWorld.HOTFIX_FLOW;
import static io.baton.trigger.AutoTriggerWorld.only;
import static io.baton.trigger.AutoTriggerWorld.pass;
import static io.baton.trigger.AutoTriggerWorld.releases;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.git.GitFixture;
import io.baton.testing.Poll;
import io.baton.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Git watcher on a real repository (file://) made by the test: commits to dev's folder start
 * releases by themselves, once, pinned to the commit; other commits start nothing.
 */
class GitWatcherTest {
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

  private JsonArray awaitReleases(int n) {
    return Poll.until(
        () -> releases(server),
        r -> r.size() >= n,
        Duration.ofSeconds(20),
        n + " release(s) of demo-trioapp");
  }

  @Test
  void a_commit_that_bumps_dev_image_tag_starts_the_flow_once_pinned_to_that_commit() {
    String commit = world.bump("dev", "2.0.0", "Build 2.0.0 of trioapp");

    JsonObject release = awaitReleases(1).getJsonObject(0);

    assertThat(release.getString("promotionFlowName")).isEqualTo(FLOW);
    assertThat(release.getString("triggeredBy")).isEqualTo("auto:" + commit);
    assertThat(release.getString("sourceCommit")).isEqualTo(commit);
    assertThat(release.getString("version")).isEqualTo("2.0.0");
    String id = release.getString("id");
    Poll.until(
        () -> only(releases(server)).getString("status"),
        "SUCCEEDED"::equals,
        Duration.ofSeconds(30),
        "release " + id + " to succeed");
    assertThat(GitFixture.read(world.repository, "prod/values.yaml")).contains("tag: 2.0.0");
    pass(server);
    pass(server);
    assertThat(releases(server)).as("the same commit seen again starts nothing").hasSize(1);
  }

  @Test
  void a_commit_that_only_touches_another_applications_path_starts_nothing() {
    world.bump("other-dev", "0.2.0", "Build 0.2.0 of other");
    pass(server);
    pass(server);

    assertThat(releases(server)).isEmpty();

    String commit = world.bump("dev", "2.0.0", "Build 2.0.0 of trioapp");
    assertThat(awaitReleases(1).getJsonObject(0).getString("sourceCommit"))
        .as("the watcher still follows the branch after a commit it ignored")
        .isEqualTo(commit);
  }

  @Test
  void selectors_route_a_commit_whose_message_matches_hotfix_to_the_second_flow() {
    String commit = world.bump("dev", "1.0.1", "hotfix: pin the base image");

    JsonObject release = awaitReleases(1).getJsonObject(0);

    assertThat(release.getString("promotionFlowName")).isEqualTo(HOTFIX_FLOW);
    assertThat(release.getString("sourceCommit")).isEqualTo(commit);
  }

  @Test
  void commits_that_arrive_together_start_one_release_for_the_newest_that_changed_the_path() {
    server.baton().watcher().stop();
    world.bump("dev", "2.0.0", "Build 2.0.0 of trioapp");
    String newest = world.bump("dev", "3.0.0", "Build 3.0.0 of trioapp");
    world.bump("other-dev", "0.2.0", "Build 0.2.0 of other");

    pass(server);
    pass(server);

    JsonObject release = only(releases(server));
    assertThat(release.getString("sourceCommit")).isEqualTo(newest);
    assertThat(release.getString("version")).isEqualTo("3.0.0");
  }

  @Test
  void an_application_moved_to_another_branch_is_watched_from_that_branchs_head() {
    GitFixture.commit(
        world.repository,
        "candidate",
        Map.of("dev/values.yaml", AutoTriggerWorld.values("9.9.9")),
        "Build 9.9.9 on the candidate branch");
    server.data(
        "mutation { updateApplication(input: {name: \"demo-trioapp-dev\", branch: \"candidate\"})"
            + " { name } }");
    pass(server);
    pass(server);

    assertThat(releases(server)).as("the new branch's history is not new to the product").isEmpty();

    String commit =
        GitFixture.commit(
                world.repository,
                "candidate",
                Map.of("dev/values.yaml", AutoTriggerWorld.values("9.9.10")),
                "Build 9.9.10")
            .name();
    assertThat(awaitReleases(1).getJsonObject(0).getString("sourceCommit")).isEqualTo(commit);
  }

  @Test
  void a_wake_for_the_repository_looks_at_it_now_under_any_spelling_of_its_url() {
    server.baton().watcher().stop();
    // stop() ends the polling, not a pass already under way: one that read the remote after the
    // bump would start a release by polling. A pass asked for now runs after it, so awaiting it
    // waits that one out.
    AutoTriggerWorld.await(server.baton().watcher().lookAtAll());
    String commit = world.bump("dev", "2.0.0", "Build 2.0.0 of trioapp");

    AutoTriggerWorld.await(
        server
            .baton()
            .watcher()
            .lookAt(new PushNotice("github", Set.of("https://example.com/other.git"), "main")));
    assertThat(releases(server)).as("an unwatched repository wakes nothing").isEmpty();

    server.baton().watcher().wake(new PushNotice("gitea", Set.of(world.url() + "/"), "main"));

    assertThat(awaitReleases(1).getJsonObject(0).getString("sourceCommit")).isEqualTo(commit);
  }
}
