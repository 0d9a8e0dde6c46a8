package io.baton.git;

import static io.baton.git.GitFixture.await;
import static io.baton.git.GitFixture.commit;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.Baton;
import io.baton.product.Application;
import io.baton.product.PromotionTemplate;
import io.baton.release.EngineOptions;
import io.baton.release.SourcePinner;
import io.baton.testing.Poll;
import io.baton.testing.TestPostgres;
import io.baton.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Triggers over GraphQL on products whose trigger applications share one repository (real
 * PostgreSQL, a real bare repository over file://): their pins share fetches, and each release's
 * source is a commit fetched after its trigger arrived, even while an older fetch was in flight
 * (held by {@link HeldFetches}). The pinner is Baton's own, over a cache this test can watch: it
 * counts the pins asked for, so the test knows when a trigger has reached Git.
 */
class SingleFlightTriggerTest {
  private static final EngineOptions FAST =
      new EngineOptions(
          "single-flight-test",
          Duration.ofSeconds(10),
          Duration.ofMillis(100),
          Duration.ofMillis(100),
          64,
          2,
          Duration.ofMillis(50));
  private static final int PRODUCTS = 30;

  private Path remotes;
  private Path repo;
  private HeldFetches transport;
  private Vertx vertx;
  private GitRepositories repositories;
  private final AtomicInteger pinsAsked = new AtomicInteger();
  private final ExecutorService clients = Executors.newCachedThreadPool();
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    remotes = Files.createTempDirectory(TestServer.TEMP, "single-flight");
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 1; i <= PRODUCTS; i++) {
      files.put(product(i) + "/dev/values.yaml", values("1.0.0"));
      files.put(product(i) + "/qa/values.yaml", values("0.9.0"));
    }
    repo = new GitFixture(remotes).bare("shared", files);
    transport = HeldFetches.register(remotes);
    vertx = Vertx.vertx();
    repositories =
        new GitRepositories(
            vertx,
            remotes.resolve("cache"),
            GitRemotes.local(Duration.ofSeconds(30), remotes),
            Clock.systemUTC());
    SourcePinner git = new GitSourcePinner(repositories);
    SourcePinner counted =
        new SourcePinner() {
          @Override
          public Future<Snapshot> pin(Application source, PromotionTemplate template) {
            Future<Snapshot> pinned = git.pin(source, template);
            pinsAsked.incrementAndGet();
            return pinned;
          }
        };
    server =
        TestServer.start(
            TestPostgres.newDatabase(),
            Clock.systemUTC(),
            false,
            new Baton.Parts(null, counted, FAST));
    for (String env : List.of("dev", "qa")) {
      server.data(
          "mutation($n: String!) { createEnvironment(input: {name: $n}) { name } }",
          Map.of("n", env));
    }
    server.data(
        """
        mutation { createPromotionFlow(input: {name: "dev-qa", triggerEnvironment: "dev",
          steps: [{environment: "qa", action: NONE}]}) { name } }""");
    for (int i = 1; i <= PRODUCTS; i++) {
      server.data(
          """
          mutation($p: String!, $u: String!, $dev: String!, $qa: String!, $devPath: String!,
                   $qaPath: String!) {
            createProduct(input: {name: $p, promotionTemplate: {
              versionSource: {file: "values.yaml", jsonPath: "$.image.tag"},
              promotion: [{file: "values.yaml", jsonPaths: ["$.image.tag"]}]}}) { id }
            dev: createApplication(input: {name: $dev, product: $p, environment: "dev",
              repoUrl: $u, path: $devPath}) { name }
            qa: createApplication(input: {name: $qa, product: $p, environment: "qa",
              repoUrl: $u, path: $qaPath}) { name } }""",
          Map.of(
              "p", product(i),
              "u", GitFixture.url(repo),
              "dev", product(i) + "-dev",
              "qa", product(i) + "-qa",
              "devPath", product(i) + "/dev",
              "qaPath", product(i) + "/qa"));
    }
  }

  @AfterEach
  void stop() {
    transport.close();
    clients.shutdownNow();
    server.close();
    repositories.close();
    await(vertx.close());
  }

  private static String product(int i) {
    return String.format("shared-%02d", i);
  }

  private static String values(String tag) {
    return "image:\n  tag: \"" + tag + "\"\n";
  }

  private String push(int product, String tag) {
    return commit(repo, Map.of(product(product) + "/dev/values.yaml", values(tag)), "Build " + tag)
        .name();
  }

  /** Triggers the flow on {@code product} from another thread; the release once created. */
  private CompletableFuture<JsonObject> trigger(int product) {
    return CompletableFuture.supplyAsync(
        () ->
            server
                .data(
                    """
                    mutation($p: String!) { triggerPromotionFlow(input: {flow: "dev-qa", product: $p})
                      { id sourceCommit version } }""",
                    Map.of("p", product(product)))
                .getJsonObject("triggerPromotionFlow"),
        clients);
  }

  private void untilPinsAsked(int count) {
    Poll.until(pinsAsked::get, n -> n == count, Duration.ofSeconds(30), count + " pins asked");
  }

  private static JsonObject answer(CompletableFuture<JsonObject> trigger) throws Exception {
    return trigger.get(60, TimeUnit.SECONDS);
  }

  @Test
  void a_release_pins_the_commit_pushed_before_its_trigger_while_an_older_fetch_was_in_flight()
      throws Exception {
    String before = GitFixture.head(repo);
    transport.hold();
    CompletableFuture<JsonObject> first = trigger(1);
    Poll.until(transport::waiting, n -> n == 1, Duration.ofSeconds(30), "a fetch in flight");
    String pushed = push(2, "2.0.0");
    CompletableFuture<JsonObject> second = trigger(2);
    untilPinsAsked(2);
    transport.release();

    assertThat(answer(first).getString("sourceCommit")).isEqualTo(before);
    JsonObject release = answer(second);
    assertThat(release.getString("sourceCommit")).isEqualTo(pushed);
    assertThat(release.getString("version")).isEqualTo("2.0.0");
  }

  @Test
  void simultaneous_triggers_share_fetches_and_each_pins_every_commit_pushed_before_it()
      throws Exception {
    transport.hold();
    CompletableFuture<JsonObject> first = trigger(1);
    Poll.until(transport::waiting, n -> n == 1, Duration.ofSeconds(30), "a fetch in flight");
    int fetchesBefore = transport.fetches();
    List<String> pushed = new ArrayList<>();
    List<CompletableFuture<JsonObject>> triggers = new ArrayList<>();
    for (int i = 2; i <= PRODUCTS; i++) {
      pushed.add(push(i, "2." + i + ".0"));
      triggers.add(trigger(i));
    }
    untilPinsAsked(PRODUCTS);
    transport.release();
    answer(first);

    for (int i = 0; i < triggers.size(); i++) {
      JsonObject release = answer(triggers.get(i));
      assertThat(GitFixture.isAncestor(repo, pushed.get(i), release.getString("sourceCommit")))
          .as("release of %s holds the commit pushed before its trigger", product(i + 2))
          .isTrue();
      assertThat(release.getString("version")).isEqualTo("2." + (i + 2) + ".0");
    }
    assertThat(transport.fetches() - fetchesBefore)
        .as("fetches for %d triggers that arrived while one fetch was in flight", PRODUCTS - 1)
        .isEqualTo(1);
  }
}
