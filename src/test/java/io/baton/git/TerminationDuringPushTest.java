package io.baton.git;

import static io.baton.git.GitFixture.commit;
import static io.baton.git.GitFixture.log;
import static io.baton.git.GitFixture.pathOf;
import static io.baton.git.GitFixture.read;
import static io.baton.testing.ReleaseJson.stepOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.Baton;
import io.baton.db.DatabaseUrl;
import io.baton.release.EngineOptions;
import io.baton.release.PromotionAction;
import io.baton.testing.Poll;
import io.baton.testing.TestPostgres;
import io.baton.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when": terminating a release at any moment of a push never leaves a commit in
 * the target that the step does not record. qa is served over SSH by a JGit server whose hooks can
 * hold a push before or after the branch moves; the action can be held before it starts, before it
 * pushes and after its push, before its outcome is written.
 */
class TerminationDuringPushTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String FIELDS =
      "id status message steps { environment { name } status message commitSha version }";

  /**
   * Where the test can hold a push while it terminates the release: up to BEFORE_PUSH nothing may
   * be pushed any more; from BEFORE_REF_UPDATE on, the push is on the wire and lands.
   */
  enum Moment {
    ACTION_START,
    BEFORE_PUSH,
    BEFORE_REF_UPDATE,
    AFTER_REF_UPDATE,
    AFTER_PUSH
  }

  /** A hold armed at one moment: the push waits there until the test lets it go. */
  private record Hold(Moment moment, CompletableFuture<Void> reached, CompletableFuture<Void> go) {
    void await() {
      try {
        reached.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new AssertionError("the push never reached " + moment, e);
      }
    }
  }

  @TempDir Path temp;

  private final AtomicReference<Hold> armed = new AtomicReference<>();
  private final List<TestServer> servers = new ArrayList<>();
  private Vertx vertx;
  private SshGitServer ssh;
  private GitRepositories repositories;
  private Path dev;
  private Path qa;
  private String qaUrl;
  private DatabaseUrl database;
  private int builds;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    ssh =
        SshGitServer.start(
            temp,
            (receive, commands) -> holdHere(Moment.BEFORE_REF_UPDATE),
            (receive, commands) -> holdHere(Moment.AFTER_REF_UPDATE));
    Map<String, String> demo = DemoRepositories.create(temp.resolve("repos"));
    dev = pathOf(demo.get("dev"));
    qa = pathOf(demo.get("qa"));
    qaUrl = ssh.url(qa);
    GitRemotes remotes =
        new GitRemotes(
            Map.of(),
            Optional.of(ssh.keyFile()),
            Optional.of(ssh.knownHosts()),
            Duration.ofSeconds(10),
            new RemoteAccess(List.of(temp)));
    repositories = new GitRepositories(vertx, temp.resolve("cache"), remotes, Clock.systemUTC());
    database = TestPostgres.newDatabase();
  }

  @AfterEach
  void tearDown() {
    Hold hold = armed.getAndSet(null);
    if (hold != null) {
      hold.go().complete(null);
    }
    servers.forEach(TestServer::close);
    repositories.close();
    ssh.close();
    GitFixture.await(vertx.close());
  }

  @Test
  void terminating_at_each_moment_of_a_push_never_leaves_a_commit_the_step_does_not_record() {
    Instance baton = start("a", Duration.ofSeconds(10));
    catalog(baton.server());
    for (Moment moment : Moment.values()) {
      Hold hold = arm(moment);
      String id = trigger(baton.server());
      hold.await();

      assertThat(terminate(baton.server(), id)).as(moment.name()).isEqualTo("TERMINATED");
      hold.go().complete(null);

      assertStepRecordsWhatLanded(baton, id, moment.name());
      boolean pushed = moment.compareTo(Moment.BEFORE_REF_UPDATE) >= 0;
      assertThat(landed(id).isPresent()).as(moment + ": a commit landed").isEqualTo(pushed);
    }
  }

  @Test
  void terminating_after_any_delay_never_leaves_a_commit_the_step_does_not_record() {
    Instance baton = start("a", Duration.ofSeconds(10));
    catalog(baton.server());
    long started = System.nanoTime();
    String untouched = trigger(baton.server());
    Poll.until(
        () -> status(baton.server(), untouched),
        "SUCCEEDED"::equals,
        WAIT,
        "release " + untouched + " to succeed");
    long whole = System.nanoTime() - started;

    for (int step = 0; step <= 24; step++) {
      long delay = whole * step / 24;
      String id = trigger(baton.server());
      LockSupport.parkNanos(delay);

      terminate(baton.server(), id);

      assertStepRecordsWhatLanded(
          baton,
          id,
          "terminated " + TimeUnit.NANOSECONDS.toMillis(delay) + " ms after the trigger");
    }
  }

  @Test
  void a_step_terminated_after_its_holder_pushed_and_died_records_the_commit_its_trailers_name() {
    Instance first = start("a", Duration.ofSeconds(1));
    catalog(first.server());
    Hold hold = arm(Moment.AFTER_PUSH);
    String id = trigger(first.server());
    hold.await();
    terminate(first.server(), id);
    crash(first);

    Instance second = start("b", Duration.ofSeconds(1));

    assertStepRecordsWhatLanded(second, id, "settled by the instance that took over");
    assertThat(landed(id)).isPresent();
  }

  @Test
  void a_step_taken_over_after_its_holder_died_mid_push_and_then_terminated_records_the_commit() {
    Instance first = start("a", Duration.ofSeconds(1));
    catalog(first.server());
    Hold pushed = arm(Moment.AFTER_PUSH);
    String id = trigger(first.server());
    pushed.await();
    crash(first);
    Hold takenOver = arm(Moment.ACTION_START);
    Instance second = start("b", Duration.ofSeconds(1));
    takenOver.await();

    assertThat(terminate(second.server(), id)).isEqualTo("TERMINATED");
    takenOver.go().complete(null);

    assertStepRecordsWhatLanded(second, id, "terminated after the takeover");
    assertThat(landed(id)).isPresent();
  }

  /** A Baton on the test's database whose promotions go through the test's holds. */
  private record Instance(TestServer server, AtomicInteger actionsRunning) {}

  private Instance start(String name, Duration lease) {
    GitPromotionAction git =
        new GitPromotionAction(
            vertx,
            repositories,
            GitAuthor.DEFAULT,
            Clock.systemUTC(),
            null,
            GitPromotionAction.DEFAULT_PUSH_ATTEMPTS,
            (repo, branch) -> holdHere(Moment.BEFORE_PUSH));
    AtomicInteger running = new AtomicInteger();
    PromotionAction held =
        new PromotionAction() {
          @Override
          public Future<Result> promote(Request request) {
            running.incrementAndGet();
            return held(Moment.ACTION_START)
                .compose(v -> git.promote(request))
                .compose(result -> held(Moment.AFTER_PUSH).map(result))
                .onComplete(result -> running.decrementAndGet());
          }

          @Override
          public Future<Optional<Result>> committed(Request request) {
            return git.committed(request);
          }
        };
    EngineOptions options =
        new EngineOptions(
            name,
            lease,
            Duration.ofMillis(50),
            Duration.ofMillis(100),
            64,
            2,
            Duration.ofMillis(50));
    TestServer server =
        TestServer.start(
            database,
            Clock.systemUTC(),
            false,
            new Baton.Parts(held, new GitSourcePinner(repositories), options));
    servers.add(server);
    return new Instance(server, running);
  }

  /** The instance stops as if killed: whatever its actions were doing never reports. */
  private void crash(Instance instance) {
    servers.remove(instance.server());
    instance.server().close();
  }

  private void catalog(TestServer server) {
    for (String env : List.of("dev", "qa")) {
      server.data(
          "mutation($n: String!) { createEnvironment(input: {name: $n}) { name } }",
          Map.of("n", env));
    }
    server.data(
        """
        mutation { createProduct(input: {name: "demo-trioapp", promotionTemplate: {
          versionSource: {file: "values.yaml", jsonPath: "$.image.tag"},
          promotion: [{file: "values.yaml", jsonPaths: ["$.image.tag"]}]}}) { name } }""");
    for (var app : Map.of("dev", GitFixture.url(dev), "qa", qaUrl).entrySet()) {
      server.data(
          """
          mutation($n: String!, $e: String!, $u: String!) {
            createApplication(input: {name: $n, product: "demo-trioapp", environment: $e, repoUrl: $u}) { name }
          }""",
          Map.of("n", "demo-trioapp-" + app.getKey(), "e", app.getKey(), "u", app.getValue()));
    }
    server.data(
        """
        mutation { createPromotionFlow(input: {name: "to-qa", triggerEnvironment: "dev",
          steps: [{environment: "qa"}]}) { name } }""");
  }

  /** Builds a new version in dev (so qa has something to take) and triggers its promotion. */
  private String trigger(TestServer server) {
    builds++;
    commit(
        dev,
        Map.of(
            "values.yaml",
            read(dev, "values.yaml").replaceAll("tag: \"[^\"]*\"", "tag: \"3." + builds + ".0\"")),
        "Build 3." + builds + ".0");
    return server
        .data(
            "mutation { triggerPromotionFlow(input: {flow: \"to-qa\", product: \"demo-trioapp\"}) { id } }")
        .getJsonObject("triggerPromotionFlow")
        .getString("id");
  }

  private static String status(TestServer server, String id) {
    return server
        .data("query($id: ID!) { release(id: $id) { status } }", Map.of("id", id))
        .getJsonObject("release")
        .getString("status");
  }

  private static String terminate(TestServer server, String id) {
    JsonObject response =
        server.graphql(
            "mutation($id: ID!) { terminateRelease(id: $id) { status } }", Map.of("id", id));
    JsonObject data = response.getJsonObject("data");
    return data == null || data.getJsonObject("terminateRelease") == null
        ? response.encode()
        : data.getJsonObject("terminateRelease").getString("status");
  }

  private Hold arm(Moment moment) {
    Hold hold = new Hold(moment, new CompletableFuture<>(), new CompletableFuture<>());
    armed.set(hold);
    return hold;
  }

  /** Blocks this (worker or server) thread while a hold is armed at {@code moment}. */
  private void holdHere(Moment moment) {
    Hold hold = take(moment);
    if (hold == null) {
      return;
    }
    hold.reached().complete(null);
    try {
      hold.go().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the test never let the push go on from " + moment, e);
    }
  }

  /** The same, without blocking: the future completes when the test lets the promotion go on. */
  private Future<Void> held(Moment moment) {
    Hold hold = take(moment);
    if (hold == null) {
      return Future.succeededFuture();
    }
    hold.reached().complete(null);
    return Future.fromCompletionStage(hold.go());
  }

  private Hold take(Moment moment) {
    Hold hold = armed.getAndUpdate(h -> h != null && h.moment() == moment ? null : h);
    return hold != null && hold.moment() == moment ? hold : null;
  }

  /**
   * Once the step's action has ended and its lease is released (nothing more can land for it), the
   * target holds the release's commit exactly when the step records that commit.
   */
  private void assertStepRecordsWhatLanded(Instance baton, String id, String when) {
    Poll.until(
        () -> baton.actionsRunning().get() == 0 && !stepIsLeased(id),
        settled -> settled,
        WAIT,
        "release " + id + "'s qa step to settle (" + when + ")");
    JsonObject release =
        baton
            .server()
            .data("query($id: ID!) { release(id: $id) { " + FIELDS + " } }", Map.of("id", id))
            .getJsonObject("release");
    JsonObject step = stepOf(release, "qa");
    Optional<RevCommit> landed = landed(id);
    // Terminated, unless the push was over before the termination came.
    assertThat(release.getString("status")).as(when).isIn("TERMINATED", "SUCCEEDED");
    if (landed.isPresent()) {
      assertThat(step.getString("commitSha"))
          .as(when + ": qa holds the release's commit; " + release.encodePrettily())
          .isEqualTo(landed.get().name());
      if (step.getString("status").equals("TERMINATED")) {
        assertThat(step.getString("message")).as(when).contains("terminated after committing");
      }
    } else {
      assertThat(step.getString("commitSha"))
          .as(when + ": qa holds no commit of the release; " + release.encodePrettily())
          .isNull();
    }
  }

  private Optional<RevCommit> landed(String id) {
    return log(qa).stream()
        .filter(c -> CommitMessage.isStep(c, Long.parseLong(id), "qa", "demo-trioapp"))
        .findFirst();
  }

  private boolean stepIsLeased(String id) {
    try (Connection c =
            DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        PreparedStatement s =
            c.prepareStatement(
                "SELECT s.lease_owner FROM release_step s JOIN environment e ON e.id = s.environment_id "
                    + "WHERE s.release_id = ? AND e.name = 'qa'")) {
      s.setLong(1, Long.parseLong(id));
      try (ResultSet rows = s.executeQuery()) {
        return rows.next() && rows.getString(1) != null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
