package io.baton.http;

import static io.baton.testing.ReleaseJson.stepOf;
import static io.baton.testing.ReleaseJson.stepStatuses;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.argocd.ArgoCdStandIn;
import io.baton.git.GitFixture;
import io.baton.testing.BatonProcess;
import io.baton.testing.GraphqlClient;
import io.baton.testing.Poll;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gates are durable: the packaged jar, run with {@code --demo} on its own data directory, is killed
 * with SIGKILL while a release waits on a gate and started again on the same directory; the gate
 * resumes where it was, with no approval lost and no second commit. The demo's environments are
 * real bare Git repositories under the data directory, so "one commit" is counted in Git.
 */
class WaitingGatesSurviveSigkillIT {
  private static final String FLOW = "multi-env-sequential-promotion";
  private static final String PRODUCT = "demo-trioapp";
  private static final String ARGOCD_TOKEN = "argocd-token-for-the-jar";
  private static final String ARGOCD_APPLICATION = "trioapp-in-qa";
  private static final String OLD_REVISION = "1111111111111111111111111111111111111111";
  private static final String RELEASE =
      "query($id: ID!) { release(id: $id) { id status message steps { environment { name } status"
          + " message commitSha attempt gates { kind when status message }"
          + " approvals { by approved comment } } } }";

  /** Long enough for a gate checked once per Argo CD poll (10 s) after a lease (15 s) ran out. */
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private Path dataDir;
  private Map<String, String> env;
  private BatonProcess baton;
  private Vertx vertx;

  @BeforeEach
  void freshDataDirectory() throws IOException {
    dataDir = Files.createTempDirectory("baton-gates-kill9");
    env = new HashMap<>(Map.of("BATON_DATA_DIR", dataDir.toString()));
  }

  @AfterEach
  void leaveNoProcessRunning() throws Exception {
    if (baton != null) {
      baton.kill();
    }
    BatonProcess.stopPostgres(dataDir);
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    deleteRecursively(dataDir);
  }

  @Test
  void
      a_prod_step_waiting_for_two_approvals_keeps_the_first_across_a_sigkill_and_the_second_commits_prod_once() {
    baton = BatonProcess.start(env, "--demo");
    GraphqlClient admin = admin();
    String promoterA = createToken(admin, "promoter-a");
    String promoterB = createToken(admin, "promoter-b");
    admin.data(
        "mutation { updateEnvironment(input: {name: \"prod\","
            + " gates: [{kind: APPROVAL, approvals: 2}]}) { gates { kind approvals } } }");
    int prodCommitsBefore = GitFixture.log(repository("prod")).size();

    String id = trigger(admin);
    JsonObject suspended =
        await(admin, id, "prod to wait for approvals", r -> "SUSPENDED".equals(status(r)));
    assertThat(stepStatuses(suspended))
        .containsExactly("dev=SUCCEEDED", "qa=SUCCEEDED", "prod=SUSPENDED");
    approve(promoterA, id, "A has read the change log");
    JsonObject approvedOnce =
        await(admin, id, "A's approval on prod", r -> approvals(r).size() == 1);
    assertThat(status(approvedOnce)).isEqualTo("SUSPENDED");
    int prodAttempt = stepOf(approvedOnce, "prod").getInteger("attempt");

    baton.kill();
    baton = BatonProcess.start(env, "--demo");
    admin = admin();

    JsonObject afterRestart = release(admin, id);
    assertThat(status(afterRestart)).as(afterRestart.encode()).isEqualTo("SUSPENDED");
    JsonObject prod = stepOf(afterRestart, "prod");
    assertThat(prod.getString("status")).isEqualTo("SUSPENDED");
    assertThat(prod.getString("commitSha")).isNull();
    assertThat(prod.getInteger("attempt")).isEqualTo(prodAttempt);
    assertThat(approvals(afterRestart))
        .as("the approval given before the kill")
        .containsExactly(
            new JsonObject()
                .put("by", "promoter-a")
                .put("approved", true)
                .put("comment", "A has read the change log"));
    assertThat(prod.getJsonArray("gates").getJsonObject(0).getString("status"))
        .isEqualTo("SUSPENDED");
    assertThat(batonCommits("prod", id)).isEmpty();
    assertThat(auditedApprovals(admin))
        .as("the audit log still has A's approval")
        .anyMatch(
            e ->
                e.getString("actor").equals("promoter-a")
                    && e.getString("input").contains("A has read the change log"));

    approve(promoterB, id, "B agrees");
    JsonObject done =
        await(
            admin,
            id,
            "the release to end",
            r -> !List.of("RUNNING", "SUSPENDED").contains(status(r)));
    assertThat(status(done)).as(done.encode()).isEqualTo("SUCCEEDED");
    assertThat(stepStatuses(done))
        .containsExactly("dev=SUCCEEDED", "qa=SUCCEEDED", "prod=SUCCEEDED");
    List<RevCommit> prodCommits = batonCommits("prod", id);
    assertThat(prodCommits).as("Baton's commits in prod for release " + id).hasSize(1);
    assertThat(prodCommits.get(0).getName()).isEqualTo(stepOf(done, "prod").getString("commitSha"));
    assertThat(GitFixture.log(repository("prod"))).hasSize(prodCommitsBefore + 1);
    assertThat(batonCommits("qa", id)).hasSize(1);
  }

  @Test
  void
      a_qa_step_waiting_for_argo_cd_resumes_after_a_sigkill_without_a_second_commit_and_passes_once_synced_and_healthy()
          throws Exception {
    vertx = Vertx.vertx();
    // Closed with its Vert.x after the test.
    ArgoCdStandIn argocd = ArgoCdStandIn.start(vertx, ARGOCD_TOKEN);
    argocd.set(ARGOCD_APPLICATION, "OutOfSync", OLD_REVISION, "Progressing");
    env.put("BATON_ARGOCD_TOKENS", "127.0.0.1:" + argocd.port() + "=" + ARGOCD_TOKEN);
    baton = BatonProcess.start(env, "--demo");
    GraphqlClient admin = admin();
    admin.data(
        "mutation($s: String) { updateEnvironment(input: {name: \"qa\", argocdServer: $s,"
            + " gates: [{kind: ARGOCD, interval: \"PT1S\"}]}) { gates { kind } } }",
        Map.of("s", argocd.url()));
    admin.data(
        "mutation($n: String!, $a: String) { updateApplication(input: {name: $n,"
            + " argocdApplication: $a}) { argocdApplication } }",
        Map.of("n", applicationIn(admin, "qa"), "a", ARGOCD_APPLICATION));

    int qaCommitsBefore = GitFixture.log(repository("qa")).size();

    String id = trigger(admin);
    JsonObject waiting =
        await(
            admin,
            id,
            "qa's commit and its Argo CD gate waiting on Progressing",
            r ->
                stepOf(r, "qa").getString("commitSha") != null
                    && "RUNNING".equals(argoGate(r).getString("status"))
                    && String.valueOf(argoGate(r).getString("message")).contains("Progressing"));
    JsonObject qa = stepOf(waiting, "qa");
    String qaCommit = qa.getString("commitSha");
    int qaAttempt = qa.getInteger("attempt");
    assertThat(qa.getString("status")).isEqualTo("RUNNING");
    assertThat(stepOf(waiting, "prod").getString("status")).isEqualTo("PENDING");
    assertThat(batonCommits("qa", id)).extracting(RevCommit::getName).containsExactly(qaCommit);
    assertThat(argocd.refreshes(ARGOCD_APPLICATION)).isEqualTo(1);

    baton.kill();
    int listsAtKill = argocd.listRequests();
    baton = BatonProcess.start(env, "--demo");
    admin = admin();

    // The restarted Baton looks at the gate (it asks the stand-in again, twice: one poll
    // interval apart, so it has had time to write what it found) and keeps waiting.
    Poll.until(
        argocd::listRequests,
        lists -> lists >= listsAtKill + 2,
        PATIENCE,
        "the restarted Baton to ask Argo CD about qa again");
    JsonObject resumed = release(admin, id);
    assertThat(status(resumed)).as(resumed.encode()).isEqualTo("RUNNING");
    JsonObject qaResumed = stepOf(resumed, "qa");
    assertThat(qaResumed.getString("status")).isEqualTo("RUNNING");
    assertThat(qaResumed.getString("commitSha")).isEqualTo(qaCommit);
    assertThat(qaResumed.getInteger("attempt")).as("no new attempt of qa").isEqualTo(qaAttempt);
    assertThat(argoGate(resumed).getString("status")).isEqualTo("RUNNING");
    assertThat(argoGate(resumed).getString("message")).contains("Progressing");
    assertThat(stepOf(resumed, "prod").getString("status")).isEqualTo("PENDING");
    assertThat(batonCommits("qa", id)).extracting(RevCommit::getName).containsExactly(qaCommit);
    assertThat(batonCommits("prod", id)).isEmpty();
    assertThat(argocd.refreshes(ARGOCD_APPLICATION))
        .as("the refresh after qa's commit is not asked for again")
        .isEqualTo(1);

    argocd.set(ARGOCD_APPLICATION, "Synced", qaCommit, "Healthy");
    JsonObject done = await(admin, id, "the release to end", r -> !"RUNNING".equals(status(r)));
    assertThat(status(done)).as(done.encode()).isEqualTo("SUCCEEDED");
    assertThat(stepStatuses(done))
        .containsExactly("dev=SUCCEEDED", "qa=SUCCEEDED", "prod=SUCCEEDED");
    assertThat(argoGate(done).getString("status")).isEqualTo("PASSED");
    assertThat(batonCommits("qa", id)).extracting(RevCommit::getName).containsExactly(qaCommit);
    assertThat(batonCommits("prod", id))
        .extracting(RevCommit::getName)
        .containsExactly(stepOf(done, "prod").getString("commitSha"));
    assertThat(GitFixture.log(repository("qa"))).hasSize(qaCommitsBefore + 1);
    assertThat(argocd.refusedRequests()).isZero();
  }

  private GraphqlClient admin() {
    try {
      return new GraphqlClient(
          baton.port(), Files.readString(dataDir.resolve("admin-token")).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private GraphqlClient as(String token) {
    return new GraphqlClient(baton.port(), token);
  }

  private static String createToken(GraphqlClient admin, String name) {
    return admin
        .data(
            "mutation($n: String!) { createApiToken(input: {name: $n, role: PROMOTER}) { token } }",
            Map.of("n", name))
        .getJsonObject("createApiToken")
        .getString("token");
  }

  private static String applicationIn(GraphqlClient admin, String environment) {
    return admin
        .data(
            "query($p: String!) { product(name: $p) { applications { name environment { name } } } }",
            Map.of("p", PRODUCT))
        .getJsonObject("product")
        .getJsonArray("applications")
        .stream()
        .map(JsonObject.class::cast)
        .filter(a -> a.getJsonObject("environment").getString("name").equals(environment))
        .map(a -> a.getString("name"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the demo has no application in " + environment));
  }

  private static String trigger(GraphqlClient client) {
    return client
        .data(
            "mutation($f: String!, $p: String!) { triggerPromotionFlow(input: {flow: $f,"
                + " product: $p}) { id } }",
            Map.of("f", FLOW, "p", PRODUCT))
        .getJsonObject("triggerPromotionFlow")
        .getString("id");
  }

  private void approve(String token, String id, String comment) {
    as(token)
        .data(
            "mutation($id: ID!, $c: String) { approveStep(input: {releaseId: $id,"
                + " environment: \"prod\", comment: $c}) { id } }",
            Map.of("id", id, "c", comment));
  }

  private static List<JsonObject> auditedApprovals(GraphqlClient admin) {
    return admin
        .data("{ auditLog(first: 200) { edges { node { actor operation input } } } }")
        .getJsonObject("auditLog")
        .getJsonArray("edges")
        .stream()
        .map(e -> ((JsonObject) e).getJsonObject("node"))
        .filter(e -> e.getString("operation").equals("approveStep"))
        .toList();
  }

  private static JsonObject release(GraphqlClient client, String id) {
    return client.data(RELEASE, Map.of("id", id)).getJsonObject("release");
  }

  private static JsonObject await(
      GraphqlClient client, String id, String what, Predicate<JsonObject> done) {
    return Poll.until(() -> release(client, id), done, PATIENCE, what + " (release " + id + ")");
  }

  private static String status(JsonObject release) {
    return release.getString("status");
  }

  private static List<JsonObject> approvals(JsonObject release) {
    JsonArray approvals = stepOf(release, "prod").getJsonArray("approvals");
    return approvals.stream().map(JsonObject.class::cast).toList();
  }

  private static JsonObject argoGate(JsonObject release) {
    return stepOf(release, "qa").getJsonArray("gates").stream()
        .map(JsonObject.class::cast)
        .filter(g -> "ARGOCD".equals(g.getString("kind")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("qa has no ARGOCD gate: " + release.encode()));
  }

  /** The demo's bare repository of an environment, under the data directory. */
  private Path repository(String environment) {
    return dataDir.resolve("demo-repos").resolve(PRODUCT + "-" + environment + ".git");
  }

  /** The commits Baton made in an environment's repository for a release, by their trailers. */
  private List<RevCommit> batonCommits(String environment, String releaseId) {
    return GitFixture.log(repository(environment)).stream()
        .filter(c -> c.getFooterLines("Baton-Release").contains(releaseId))
        .toList();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
