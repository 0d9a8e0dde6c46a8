package io.baton.git;

import static io.baton.git.GitFixture.head;
import static io.baton.git.GitFixture.pathOf;
import static io.baton.testing.ReleaseJson.stepOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.Poll;
import io.baton.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A push the remote refuses for a reason of its own is a failure with its words, not a race. */
class PushRejectionTest {
  private static final String BLOCKED = "push blocked: qa is frozen until Monday";

  @TempDir Path temp;

  private SshGitServer git;
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (git != null) {
      git.close();
    }
  }

  @Test
  void a_push_refused_by_the_servers_pre_receive_hook_fails_the_step_with_its_message_at_once() {
    AtomicInteger pushes = new AtomicInteger();
    git =
        SshGitServer.start(
            temp,
            (receive, commands) -> {
              pushes.incrementAndGet();
              commands.forEach(
                  c -> c.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, BLOCKED));
            });
    Map<String, String> demo = DemoRepositories.create(temp.resolve("repos"));
    server =
        TestServer.start(
            Map.of(
                "BATON_GIT_SSH_KEY", git.keyFile().toString(),
                "BATON_GIT_SSH_KNOWN_HOSTS", git.knownHosts().toString()));
    for (String env : List.of("dev", "qa")) {
      server.data(
          "mutation($n: String!) { createEnvironment(input: {name: $n}) { name } }",
          Map.of("n", env));
    }
    server.data(
        "mutation { createProduct(input: {name: \"demo-trioapp\", promotionTemplate: {versionSource: "
            + "{file: \"values.yaml\", jsonPath: \"$.image.tag\"}}}) { name } }");
    for (String env : List.of("dev", "qa")) {
      server.data(
          """
          mutation($n: String!, $e: String!, $u: String!) {
            createApplication(input: {name: $n, product: "demo-trioapp", environment: $e, repoUrl: $u}) { name }
          }""",
          Map.of("n", "demo-trioapp-" + env, "e", env, "u", git.url(pathOf(demo.get(env)))));
    }
    server.data(
        """
        mutation { createPromotionFlow(input: {name: "to-qa", triggerEnvironment: "dev",
          steps: [{environment: "qa"}]}) { name } }""");
    String qaHead = head(pathOf(demo.get("qa")));

    String id =
        server
            .data(
                "mutation { triggerPromotionFlow(input: {flow: \"to-qa\", product: \"demo-trioapp\"}) { id } }")
            .getJsonObject("triggerPromotionFlow")
            .getString("id");
    JsonObject release =
        Poll.until(
            () ->
                server
                    .data(
                        "query($id: ID!) { release(id: $id) { status steps { environment { name } status message commitSha } } }",
                        Map.of("id", id))
                    .getJsonObject("release"),
            r -> List.of("SUCCEEDED", "FAILED", "TERMINATED").contains(r.getString("status")),
            Duration.ofSeconds(60),
            "release " + id + " to end");

    JsonObject qa = stepOf(release, "qa");
    assertThat(qa.getString("status")).as(release.encodePrettily()).isEqualTo("FAILED");
    assertThat(qa.getString("message")).contains(BLOCKED).doesNotContain("Exception");
    assertThat(qa.getString("commitSha")).isNull();
    assertThat(pushes).hasValue(1);
    assertThat(head(pathOf(demo.get("qa")))).isEqualTo(qaHead);
  }
}
