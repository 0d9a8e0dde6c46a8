package io.baton.bench;

import io.baton.Baton;
import io.baton.Config;
import io.baton.git.GitFixture;
import io.baton.git.HeldFetches;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The {@code pins} phase of the harness (issue 16's figure 2, first half): a Baton of its own with
 * 300 products whose applications all live in one bare repository over file:// (each product's dev
 * and qa applications on folders of their own), each with the flow {@code pins-dev-qa} (dev -> qa,
 * a NONE step). A commit is pushed to the repository, then 300 {@code triggerPromotionFlow}
 * mutations are sent at once over GraphQL (one connection each); measured: the time from the first
 * send until every one is answered, each answer's latency, and the fetches Baton makes of the
 * repository meanwhile (counted in this JVM by a JGit transport for file://). Every release must
 * pin the commit pushed before the burst. One warm-up burst, then {@code bench.pinRounds} measured.
 */
final class SharedRepositoryPinsBenchmark {
  static final String ADMIN_TOKEN = "bench-pins-admin-token-0123456789abcdef";
  static final String FLOW = "pins-dev-qa";

  private final int port;
  private final BiConsumer<String, String> put;
  private final int products = Integer.getInteger("bench.pinProducts", 300);
  private final int rounds = Integer.getInteger("bench.pinRounds", 3);

  private Path repo;
  private HeldFetches transport;
  private Baton baton;
  private Vertx clients;
  private Gql gql;
  private int builds;

  /**
   * @param port the embedded PostgreSQL's port; the phase creates a database of its own there
   * @param postgresJdbcUrl a JDBC URL of that server's {@code postgres} database
   */
  SharedRepositoryPinsBenchmark(int port, String postgresJdbcUrl, BiConsumer<String, String> put) {
    this.port = port;
    this.put = put;
    try (Connection c = DriverManager.getConnection(postgresJdbcUrl);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE baton_pins");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  void run() throws Exception {
    try {
      measure();
    } finally {
      close();
    }
  }

  private void measure() throws Exception {
    put(
        "setup",
        String.format(
            "%d products in one bare repository over file:// (each product's dev and qa"
                + " applications on folders of their own); flow %s (dev -> qa, a NONE step); a"
                + " commit pushed, then %d triggerPromotionFlow mutations sent at once over"
                + " GraphQL, %d connections; fetches counted by a JGit transport in this JVM",
            products, FLOW, products, products));
    Path reposDir = Files.createTempDirectory("baton-bench-pins-repos").toRealPath();
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < products; i++) {
      files.put(product(i) + "/dev/values.yaml", values("1.0.0"));
      files.put(product(i) + "/qa/values.yaml", values("0.9.0"));
    }
    repo = new GitFixture(reposDir).bare("shared", files);
    transport = HeldFetches.register(reposDir);
    startBaton(reposDir);
    createWorld();
    burst("warm-up");
    for (int round = 1; round <= rounds; round++) {
      burst("round " + round);
    }
  }

  private void burst(String name) throws Exception {
    String tag = "2." + (++builds) + ".0";
    Map<String, String> changed = new LinkedHashMap<>();
    for (int i = 0; i < products; i++) {
      changed.put(product(i) + "/dev/values.yaml", values(tag));
    }
    String pushed = GitFixture.commit(repo, changed, "Build " + tag).name();
    int fetchesBefore = transport.fetches();
    Stats answered = new Stats();
    List<Future<JsonObject>> triggers = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < products; i++) {
      triggers.add(
          gql.data(
                  "mutation($p: String!) { triggerPromotionFlow(input: {flow: \""
                      + FLOW
                      + "\", product: $p}) { id sourceCommit version } }",
                  Map.of("p", product(i)))
              .map(
                  data -> {
                    answered.add((System.nanoTime() - start) / 1000);
                    return data.getJsonObject("triggerPromotionFlow");
                  }));
    }
    Gql.await(Future.all(triggers));
    double allMillis = (System.nanoTime() - start) / 1e6;
    int fetches = transport.fetches() - fetchesBefore;
    long stale =
        triggers.stream().filter(t -> !pushed.equals(t.result().getString("sourceCommit"))).count();
    put(
        "300 simultaneous triggers, " + name,
        String.format(
            "all %d answered in %.0f ms; answers p50 %.0f ms, p99 %.0f ms; fetches of the"
                + " repository: %d; releases not pinned at the commit pushed before the burst: %d",
            products,
            allMillis,
            answered.percentileMillis(50),
            answered.percentileMillis(99),
            fetches,
            stale));
    if (stale > 0) {
      throw new IllegalStateException(stale + " releases pinned an older commit");
    }
  }

  private static String product(int i) {
    return String.format("pins-%03d", i + 1);
  }

  private static String values(String tag) {
    return "image:\n  repository: example/app\n  tag: \"" + tag + "\"\nreplicas: 2\n";
  }

  private void startBaton(Path reposDir) throws Exception {
    Config config =
        Config.fromEnvironment(
            Map.of(
                "BATON_PORT",
                "0",
                "BATON_DATA_DIR",
                Files.createTempDirectory("baton-bench-pins").toString(),
                "BATON_DATABASE_URL",
                "postgresql://postgres:postgres@localhost:" + port + "/baton_pins",
                "BATON_ADMIN_TOKEN",
                ADMIN_TOKEN,
                "BATON_GIT_FILE_ROOTS",
                reposDir.toString()),
            List.of());
    baton =
        Baton.start(config, Clock.systemUTC())
            .toCompletionStage()
            .toCompletableFuture()
            .get(120, TimeUnit.SECONDS);
    clients = Vertx.vertx();
    gql = new Gql(clients, baton.port(), ADMIN_TOKEN, products);
  }

  private void createWorld() {
    for (String env : List.of("dev", "qa")) {
      gql.await(
          "mutation($n: String!) { createEnvironment(input: {name: $n}) { name } }",
          Map.of("n", env));
    }
    gql.await(
        "mutation { createPromotionFlow(input: {name: \""
            + FLOW
            + "\", triggerEnvironment: \"dev\", steps: [{environment: \"qa\", action: NONE}]})"
            + " { name } }",
        Map.of());
    List<Future<JsonObject>> created = new ArrayList<>();
    for (int i = 0; i < products; i++) {
      created.add(
          gql.data(
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
                  "qaPath", product(i) + "/qa")));
    }
    Gql.await(Future.all(created));
  }

  private void put(String key, String value) {
    put.accept("16.2 Shared-repository pins: " + key, value);
  }

  private void close() {
    try {
      if (transport != null) {
        transport.close();
      }
      if (baton != null) {
        baton.close();
      }
      if (clients != null) {
        clients.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      System.err.println("closing the pins phase: " + e);
    }
  }
}
