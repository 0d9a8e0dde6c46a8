package io.baton.rollback;

import static io.baton.git.GitFixture.changedLines;
import static io.baton.git.GitFixture.commit;
import static io.baton.git.GitFixture.commitOf;
import static io.baton.git.GitFixture.diff;
import static io.baton.git.GitFixture.head;
import static io.baton.git.GitFixture.log;
import static io.baton.git.GitFixture.pathOf;
import static io.baton.git.GitFixture.read;
import static io.baton.testing.ReleaseJson.stepOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.Baton;
import io.baton.git.DemoRepositories;
import io.baton.release.EngineOptions;
import io.baton.testing.Poll;
import io.baton.testing.TestPostgres;
import io.baton.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The "done when" for rollback: releases bring 1.1.0 then 1.2.0 to prod through real Git
 * repositories over file://, and a rollback to the first puts 1.1.0 back in one minimal commit.
 */
class RollbackTest {
  private static final EngineOptions FAST =
      new EngineOptions(
          "rollback-test",
          Duration.ofSeconds(10),
          Duration.ofMillis(100),
          Duration.ofMillis(100),
          64,
          2,
          Duration.ofMillis(50));
  private static final String FLOW = "multi-env-sequential-promotion";
  private static final String RELEASE_FIELDS =
      "id status promotionFlowName triggeredBy version sourceCommit"
          + " steps { environment { name } status message commitSha version }";
  private static final String PREVIEW =
      """
      query($p: String!, $e: String!, $r: ID!) {
        rollbackPreview(input: {product: $p, environment: $e, toRelease: $r}) {
          version currentVersion fromCommit changes { file path from to } files { path diff }
        }
      }""";
  private static final String ROLLBACK =
      """
      mutation($p: String!, $e: String!, $r: ID!) {
        rollback(input: {product: $p, environment: $e, toRelease: $r}) { id promotionFlowName }
      }""";

  private TestServer server;
  private Map<String, String> urls;
  private Path prod;
  private JsonObject first;
  private JsonObject second;

  @BeforeEach
  void prodHadOneOneZeroThenOneTwoZero() {
    server =
        TestServer.start(
            TestPostgres.newDatabase(),
            Clock.systemUTC(),
            false,
            new Baton.Parts(null, null, FAST));
    urls = DemoRepositories.create(server.dataDir());
    prod = pathOf(urls.get("prod"));
    for (String env : List.of("dev", "qa", "prod")) {
      server.data(
          "mutation($n: String!) { createEnvironment(input: {name: $n}) { name } }",
          Map.of("n", env));
    }
    server.data(
        """
        mutation { createProduct(input: {name: "demo-trioapp", promotionTemplate: {
          versionSource: {file: "values.yaml", jsonPath: "$.image.tag"},
          promotion: [{file: "values.yaml", jsonPaths: ["$.image.tag"]}]}}) { name } }""");
    urls.forEach(
        (env, url) ->
            server.data(
                """
                mutation($n: String!, $e: String!, $u: String!) {
                  createApplication(input: {name: $n, product: "demo-trioapp", environment: $e,
                    repoUrl: $u, path: ""}) { name }
                }""",
                Map.of("n", "demo-trioapp-" + env, "e", env, "u", url)));
    server.data(
        """
        mutation { createPromotionFlow(input: {name: "multi-env-sequential-promotion",
          timeout: "PT5M", triggerEnvironment: "dev",
          steps: [{environment: "qa"}, {environment: "prod"}]}) { name } }""");

    first = succeeded(trigger());
    assertThat(stepOf(first, "prod").getString("version")).isEqualTo("1.1.0");
    Path dev = pathOf(urls.get("dev"));
    commit(
        dev,
        Map.of("values.yaml", read(dev, "values.yaml").replace("\"1.1.0\"", "\"1.2.0\"")),
        "Build 1.2.0 of trioapp");
    second = succeeded(trigger());
    assertThat(stepOf(second, "prod").getString("version")).isEqualTo("1.2.0");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String trigger() {
    return server
        .data(
            "mutation($f: String!) { triggerPromotionFlow(input: {flow: $f, product: \"demo-trioapp\"}) { id } }",
            Map.of("f", FLOW))
        .getJsonObject("triggerPromotionFlow")
        .getString("id");
  }

  private JsonObject succeeded(String id) {
    JsonObject release =
        Poll.until(
            () ->
                server
                    .data(
                        "query($id: ID!) { release(id: $id) { " + RELEASE_FIELDS + " } }",
                        Map.of("id", id))
                    .getJsonObject("release"),
            r -> List.of("SUCCEEDED", "FAILED", "TERMINATED").contains(r.getString("status")),
            Duration.ofSeconds(60),
            "release " + id + " to end");
    assertThat(release.getString("status")).as(release.encodePrettily()).isEqualTo("SUCCEEDED");
    return release;
  }

  private static Map<String, Object> input(String env, String release) {
    return Map.of("p", "demo-trioapp", "e", env, "r", release);
  }

  private JsonObject preview(String env, String release) {
    return server.data(PREVIEW, input(env, release)).getJsonObject("rollbackPreview");
  }

  private JsonObject rollback(String env, String release) {
    return server.graphql(ROLLBACK, input(env, release));
  }

  private JsonArray history() {
    return server
        .data(
            "{ application(name: \"demo-trioapp-prod\") {"
                + " history { version commitSha release { id promotionFlowName } } } }")
        .getJsonObject("application")
        .getJsonArray("history");
  }

  @Test
  void rolling_prod_back_to_the_first_release_commits_only_its_tag_and_history_lists_it_first() {
    String theirs =
        commit(prod, Map.of("NOTES.md", "pushed to prod by someone else\n"), "Notes").name();
    String before = head(prod);
    String valuesBefore = read(prod, "values.yaml");
    int commits = log(prod).size();

    JsonObject made = rollback("prod", first.getString("id"));

    assertThat(made.getJsonArray("errors")).as(made.encode()).isNull();
    JsonObject created = made.getJsonObject("data").getJsonObject("rollback");
    assertThat(created.getString("promotionFlowName")).isEqualTo("Rollback");
    JsonObject release = succeeded(created.getString("id"));
    assertThat(release.getString("triggeredBy")).isEqualTo("admin");
    assertThat(release.getString("version")).isEqualTo("1.1.0");
    assertThat(release.getString("sourceCommit"))
        .isEqualTo(stepOf(first, "prod").getString("commitSha"));
    assertThat(release.getJsonArray("steps")).hasSize(1);
    JsonObject step = stepOf(release, "prod");
    assertThat(step.getString("version")).isEqualTo("1.1.0");

    assertThat(log(prod)).hasSize(commits + 1);
    String sha = head(prod);
    assertThat(step.getString("commitSha")).isEqualTo(sha);
    RevCommit made1 = commitOf(prod, sha);
    assertThat(made1.getParentCount()).isEqualTo(1);
    assertThat(made1.getParent(0).name()).isEqualTo(before);
    assertThat(made1.getShortMessage()).isEqualTo("Restore demo-trioapp 1.1.0 in prod");
    assertThat(changedLines(diff(prod, sha)))
        .containsExactly("-  tag: \"1.2.0\"", "+  tag: \"1.1.0\"");
    assertThat(read(prod, "values.yaml"))
        .isEqualTo(valuesBefore.replace("tag: \"1.2.0\"", "tag: \"1.1.0\""));
    assertThat(read(prod, "NOTES.md")).isEqualTo("pushed to prod by someone else\n");
    assertThat(log(prod).stream().map(RevCommit::name)).contains(theirs);

    JsonArray history = history();
    assertThat(history.stream().map(JsonObject.class::cast).map(v -> v.getString("version")))
        .containsExactly("1.1.0", "1.2.0", "1.1.0");
    assertThat(
            history.stream()
                .map(JsonObject.class::cast)
                .map(v -> v.getJsonObject("release").getString("id")))
        .containsExactly(release.getString("id"), second.getString("id"), first.getString("id"));
    assertThat(history.getJsonObject(0).getString("commitSha")).isEqualTo(sha);
    assertThat(history.getJsonObject(0).getJsonObject("release").getString("promotionFlowName"))
        .isEqualTo("Rollback");

    JsonObject audit =
        server
            .data("{ auditLog(first: 1) { nodes { actor operation input } } }")
            .getJsonObject("auditLog")
            .getJsonArray("nodes")
            .getJsonObject(0);
    assertThat(audit.getString("operation")).isEqualTo("rollback");
    assertThat(audit.getString("actor")).isEqualTo("admin");
    assertThat(audit.getString("input")).contains(first.getString("id"));
  }

  @Test
  void the_rollback_step_runs_prods_gates_and_waits_behind_the_products_running_release() {
    server.data(
        "mutation { updateEnvironment(input: {name: \"prod\", gates: [{kind: APPROVAL}]}) { name } }");
    String before = head(prod);
    int commits = log(prod).size();

    String held = created(rollback("prod", first.getString("id")));
    awaitStatus(held, "SUSPENDED");
    String queued = created(rollback("prod", first.getString("id")));

    assertThat(status(queued)).isEqualTo("QUEUED");
    assertThat(head(prod)).isEqualTo(before);
    approve(held);
    JsonObject done = succeeded(held);
    assertThat(stepOf(done, "prod").getString("commitSha")).isEqualTo(head(prod));
    assertThat(log(prod)).hasSize(commits + 1);
    awaitStatus(queued, "SUSPENDED");
    approve(queued);
    JsonObject after = succeeded(queued);
    assertThat(stepOf(after, "prod").getString("commitSha"))
        .isEqualTo(stepOf(done, "prod").getString("commitSha"));
    assertThat(log(prod)).hasSize(commits + 1);
  }

  private static String created(JsonObject answer) {
    assertThat(answer.getJsonArray("errors")).as(answer.encode()).isNull();
    return answer.getJsonObject("data").getJsonObject("rollback").getString("id");
  }

  private String status(String id) {
    return server
        .data("query($id: ID!) { release(id: $id) { status } }", Map.of("id", id))
        .getJsonObject("release")
        .getString("status");
  }

  private void awaitStatus(String id, String status) {
    Poll.until(
        () -> status(id), status::equals, Duration.ofSeconds(30), "release " + id + " " + status);
  }

  private void approve(String id) {
    server.data(
        "mutation($id: ID!) { approveStep(input: {releaseId: $id, environment: \"prod\"}) { id } }",
        Map.of("id", id));
  }

  @Test
  void the_preview_lists_the_promoted_values_the_rollback_would_put_back_and_commits_nothing() {
    String before = head(prod);

    JsonObject preview = preview("prod", first.getString("id"));

    assertThat(preview.getString("version")).isEqualTo("1.1.0");
    assertThat(preview.getString("currentVersion")).isEqualTo("1.2.0");
    assertThat(preview.getString("fromCommit"))
        .isEqualTo(stepOf(first, "prod").getString("commitSha"));
    assertThat(preview.getJsonArray("changes"))
        .containsExactly(
            new JsonObject()
                .put("file", "values.yaml")
                .put("path", "$.image.tag")
                .put("from", "1.2.0")
                .put("to", "1.1.0"));
    JsonArray files = preview.getJsonArray("files");
    assertThat(files).hasSize(1);
    assertThat(files.getJsonObject(0).getString("path")).isEqualTo("values.yaml");
    assertThat(changedLines(files.getJsonObject(0).getString("diff")))
        .containsExactly("-  tag: \"1.2.0\"", "+  tag: \"1.1.0\"");
    assertThat(head(prod)).isEqualTo(before);

    JsonObject same = preview("prod", second.getString("id"));
    assertThat(same.getJsonArray("changes")).isEmpty();
    assertThat(same.getJsonArray("files")).isEmpty();
    assertThat(same.getString("version")).isEqualTo("1.2.0");
  }

  @Test
  void an_unknown_product_environment_or_release_is_not_found() {
    String id = first.getString("id");
    List<JsonObject> answers =
        List.of(
            server.graphql(ROLLBACK, Map.of("p", "no-such-product", "e", "prod", "r", id)),
            server.graphql(ROLLBACK, input("no-such-env", id)),
            server.graphql(ROLLBACK, input("prod", "999999")),
            server.graphql(ROLLBACK, input("prod", "not-a-number")),
            server.graphql(PREVIEW, input("prod", "999999")));

    assertThat(answers).allSatisfy(a -> assertThat(TestServer.codeOf(a)).isEqualTo("NOT_FOUND"));
    assertThat(TestServer.firstError(answers.get(0)).getString("message"))
        .contains("no-such-product");
    assertThat(TestServer.firstError(answers.get(1)).getString("message")).contains("no-such-env");
    assertThat(TestServer.firstError(answers.get(2)).getString("message")).contains("999999");
  }

  @Test
  void a_release_that_never_committed_into_the_environments_application_is_refused() {
    String toQa =
        server
            .data(
                """
                mutation { promote(input: {product: "demo-trioapp", sourceEnvironment: "dev",
                  targetEnvironment: "qa"}) { id } }""")
            .getJsonObject("promote")
            .getString("id");
    succeeded(toQa);
    int commits = log(prod).size();

    JsonObject answer = rollback("prod", toQa);

    assertThat(TestServer.codeOf(answer)).as(answer.encode()).isEqualTo("BAD_USER_INPUT");
    assertThat(TestServer.firstError(answer).getString("message"))
        .isEqualTo(
            "release "
                + toQa
                + " never committed into application \"demo-trioapp-prod\":"
                + " Application.history lists the releases that did");
    assertThat(TestServer.codeOf(server.graphql(PREVIEW, input("prod", toQa))))
        .isEqualTo("BAD_USER_INPUT");
    assertThat(log(prod)).hasSize(commits);
  }

  @Test
  void rolling_back_to_the_values_prod_already_holds_is_a_conflict_that_says_nothing_changes() {
    int releases =
        server
            .data("{ releases { nodes { id } } }")
            .getJsonObject("releases")
            .getJsonArray("nodes")
            .size();

    JsonObject answer = rollback("prod", second.getString("id"));

    assertThat(TestServer.codeOf(answer)).as(answer.encode()).isEqualTo("CONFLICT");
    assertThat(TestServer.firstError(answer).getString("message"))
        .isEqualTo(
            "nothing to roll back: demo-trioapp-prod already holds the values release "
                + second.getString("id")
                + " left in it (version 1.2.0)");
    assertThat(
            server
                .data("{ releases { nodes { id } } }")
                .getJsonObject("releases")
                .getJsonArray("nodes"))
        .hasSize(releases);
  }

  @Test
  void a_repository_that_cannot_be_read_is_an_internal_error_that_says_why() {
    String gone = "file://" + server.dataDir().resolve("gone.git");
    server.data(
        "mutation($u: String!) { updateApplication(input: {name: \"demo-trioapp-prod\", repoUrl: $u}) { name } }",
        Map.of("u", gone));

    JsonObject answer = server.graphql(PREVIEW, input("prod", first.getString("id")));

    assertThat(TestServer.codeOf(answer)).as(answer.encode()).isEqualTo("INTERNAL");
    assertThat(TestServer.firstError(answer).getString("message")).contains("gone.git");
  }

  @Test
  void a_viewer_may_preview_a_rollback_but_not_make_one() {
    String viewer =
        server
            .data("mutation { createApiToken(input: {name: \"watcher\", role: VIEWER}) { token } }")
            .getJsonObject("createApiToken")
            .getString("token");
    int commits = log(prod).size();

    JsonObject answer = server.graphql(viewer, ROLLBACK, input("prod", first.getString("id")));
    JsonObject preview = server.graphql(viewer, PREVIEW, input("prod", first.getString("id")));

    assertThat(TestServer.codeOf(answer)).isEqualTo("FORBIDDEN");
    assertThat(TestServer.firstError(answer).getString("message"))
        .isEqualTo("rollback needs the PROMOTER role; token \"watcher\" has VIEWER");
    assertThat(preview.getJsonArray("errors")).as(preview.encode()).isNull();
    assertThat(log(prod)).hasSize(commits);
  }
}
