package io.baton.bench;

import io.baton.Baton;
import io.baton.Config;
import io.baton.git.GitFixture;
import io.baton.git.HeldFetches;
import io.baton.release.EventFeed.ReleaseEvent;
import io.baton.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.reactivestreams.Subscription;

/**
 * The {@code pins} phase of the harness (issue 16's figure 2): a Baton of its own with 300 products
 * whose applications all live in one bare repository over file:// (each product's dev, qa and prod
 * applications on folders of their own). Two windows:
 *
 * <ol>
 *   <li>Bursts, flow {@code pins-dev-qa} (dev -> qa, a NONE step): a commit is pushed to the
 *       repository, then 300 {@code triggerPromotionFlow} mutations are sent at once over GraphQL
 *       (one connection each); measured: the time from the first send until every one is answered,
 *       each answer's latency, and the fetches Baton makes of the repository meanwhile (counted in
 *       this JVM by a JGit transport for file://). Every release must pin the commit pushed before
 *       the burst. One warm-up burst, then {@code bench.pinRounds} measured.
 *   <li>Transitions with real Git pins: the raw single-row commit rate of the same PostgreSQL
 *       ({@link Benchmarks#rawCommits}), then figure 1's loop on flow {@code pins-none} (dev -> qa
 *       -> prod, NONE steps): every product triggers over GraphQL, again each time its release
 *       ends, each trigger pinning the repository's head by a fetch made after it arrived.
 * </ol>
 */
final class SharedRepositoryPinsBenchmark {
  static final String ADMIN_TOKEN = "bench-pins-admin-token-0123456789abcdef";
  static final String FLOW = "pins-dev-qa";
  static final String THROUGHPUT_FLOW = "pins-none";

  private final int port;
  private final BiConsumer<String, String> put;
  private final int products = Integer.getInteger("bench.pinProducts", 300);
  private final int rounds = Integer.getInteger("bench.pinRounds", 3);
  private final int seconds = Integer.getInteger("bench.pinSeconds", 20);
  private final int rawSeconds = Integer.getInteger("bench.pinRawSeconds", 10);
  private final String databaseUrl;
  private final String batonSchemaUrl;
  private final Map<Long, String> productNames = new ConcurrentHashMap<>();

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
    this.databaseUrl = "jdbc:postgresql://localhost:" + port + "/baton_pins?user=postgres";
    this.batonSchemaUrl = TestPostgres.inBatonSchema(databaseUrl);
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
            "%d products in one bare repository over file:// (each product's dev, qa and prod"
                + " applications on folders of their own); flow %s (dev -> qa, a NONE step); a"
                + " commit pushed, then %d triggerPromotionFlow mutations sent at once over"
                + " GraphQL, %d connections; fetches counted by a JGit transport in this JVM",
            products, FLOW, products, products));
    Path reposDir = Files.createTempDirectory("baton-bench-pins-repos").toRealPath();
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < products; i++) {
      files.put(product(i) + "/dev/values.yaml", values("1.0.0"));
      files.put(product(i) + "/qa/values.yaml", values("0.9.0"));
      files.put(product(i) + "/prod/values.yaml", values("0.8.0"));
    }
    repo = new GitFixture(reposDir).bare("shared", files);
    transport = HeldFetches.register(reposDir);
    startBaton(reposDir);
    createWorld();
    burst("warm-up");
    for (int round = 1; round <= rounds; round++) {
      burst("round " + round);
    }
    double raw = rawCommitRate();
    transitions(raw);
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

  /**
   * The raw single-row commit rate of the same PostgreSQL, measured beside the engine: as the
   * {@code raw} phase does ({@link Benchmarks#rawCommits}), into a table of this phase's database.
   */
  private double rawCommitRate() throws Exception {
    try (Connection c = DriverManager.getConnection(databaseUrl);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE public.bench_commit (id bigserial PRIMARY KEY, at timestamptz NOT NULL"
              + " DEFAULT now(), payload text)");
    }
    double best = 0;
    StringBuilder all = new StringBuilder();
    for (int connections : new int[] {1, 16, 64}) {
      double rate = Benchmarks.rawCommits(databaseUrl, connections, Duration.ofSeconds(rawSeconds));
      all.append(String.format("%d conn: %.0f/s; ", connections, rate));
      best = Math.max(best, rate);
    }
    try (Connection c = DriverManager.getConnection(databaseUrl);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE public.bench_commit");
      s.execute("VACUUM ANALYZE");
      s.execute("CHECKPOINT");
    }
    put(
        String.format(
            "raw single-row INSERT commits/s beside it (autocommit, JDBC, %d s each)", rawSeconds),
        all.toString().trim());
    return best;
  }

  /**
   * Figure 1's window with real Git pins: every product triggers flow {@value #THROUGHPUT_FLOW}
   * (dev -> qa -> prod, NONE steps) as a GraphQL mutation, again each time its release ends (seen
   * on the in-process feed, as figure 1 does), so each trigger pins its source by fetching the
   * shared repository. Measured: committed release_event rows (and status changes) per second,
   * against the raw commit rate.
   */
  private void transitions(double raw) throws Exception {
    Benchmarks.waitUntil(this::engineIdle, Duration.ofSeconds(60), "the bursts' releases to end");
    AtomicBoolean triggering = new AtomicBoolean(true);
    AtomicInteger outstanding = new AtomicInteger();
    AtomicLong failures = new AtomicLong();
    Map<String, Buffer> bodyOf = new HashMap<>();
    productNames
        .values()
        .forEach(
            name ->
                bodyOf.put(
                    name,
                    Gql.body(
                        "mutation($p: String!) { triggerPromotionFlow(input: {flow: \""
                            + THROUGHPUT_FLOW
                            + "\", product: $p}) { id status } }",
                        Map.of("p", name))));
    Consumer<String> trigger =
        new Consumer<>() {
          @Override
          public void accept(String product) {
            if (!triggering.get()) {
              return;
            }
            outstanding.incrementAndGet();
            gql.post(bodyOf.get(product))
                .onComplete(
                    r -> {
                      if (r.failed() || r.result().toString().contains("\"errors\"")) {
                        failures.incrementAndGet();
                        outstanding.decrementAndGet();
                        System.err.println(
                            "trigger failed: " + (r.failed() ? r.cause() : r.result()));
                        clients.setTimer(100, id -> accept(product));
                      }
                    });
          }
        };
    Subscription feed =
        subscribe(
            event -> {
              if (event.environmentId() == null && event.status().isTerminal()) {
                String product = productNames.get(event.productId());
                if (product != null) {
                  outstanding.decrementAndGet();
                  trigger.accept(product);
                }
              }
            });
    int fetchesBefore = transport.fetches();
    productNames.values().forEach(trigger);
    Thread.sleep(8_000); // warm-up, as figure 1's: JIT, caches, connection pools
    try (Connection c = DriverManager.getConnection(batonSchemaUrl);
        Statement s = c.createStatement()) {
      s.execute("ANALYZE release, release_step, release_event");
    }
    Thread.sleep(2_000);
    String load = Files.readString(Path.of("/proc/loadavg")).trim();
    long[] before = eventCounts();
    double[] cpuBefore = Benchmarks.cpuSeconds();
    int fetchesAtStart = transport.fetches();
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    long[] after = eventCounts();
    double[] cpuAfter = Benchmarks.cpuSeconds();
    int fetches = transport.fetches() - fetchesAtStart;
    double elapsed = (System.nanoTime() - t0) / 1e9;
    triggering.set(false);
    Benchmarks.waitUntil(
        () -> outstanding.get() <= 0, Duration.ofSeconds(60), "the last releases to end");
    feed.cancel();
    double events = (after[0] - before[0]) / elapsed;
    double transitions = (after[1] - before[1]) / elapsed;
    double releases = (after[2] - before[2]) / elapsed;
    String w = "transitions with real Git pins";
    put(
        w + ": setup",
        String.format(
            "%d products triggering back to back as GraphQL mutations, flow %s (dev -> qa ->"
                + " prod, NONE steps), each trigger pinning the shared repository's head; %d s"
                + " measured after 10 s of warm-up; load average at the start of the window %s",
            productNames.size(), THROUGHPUT_FLOW, seconds, load));
    put(w + ": release_event rows committed/s", String.format("%.0f/s", events));
    put(w + ": of which status changes/s", String.format("%.0f/s", transitions));
    put(w + ": releases completed/s (each pinned)", String.format("%.0f/s", releases));
    put(
        w + ": fetches of the repository",
        String.format(
            "%.0f/s in the window (%d since the window's triggers began)",
            fetches / elapsed, transport.fetches() - fetchesBefore));
    put(w + ": failed triggers", String.valueOf(failures.get()));
    put(
        w + ": CPU used (cores busy: this JVM / PostgreSQL / whole machine)",
        String.format(
            "%.2f / %.2f / %.2f",
            (cpuAfter[0] - cpuBefore[0]) / elapsed,
            (cpuAfter[1] - cpuBefore[1]) / elapsed,
            (cpuAfter[2] - cpuBefore[2]) / elapsed));
    put(
        w + ": vs the raw commit rate beside it",
        String.format(
            "%.2fx (release_event rows, as figure 1 counts); status changes %.2fx; raw best %.0f/s",
            events / raw, transitions / raw, raw));
  }

  private boolean engineIdle() {
    try (Connection c = DriverManager.getConnection(batonSchemaUrl);
        Statement s = c.createStatement()) {
      ResultSet rs =
          s.executeQuery(
              "SELECT count(*) FROM release WHERE status IN ('QUEUED', 'RUNNING', 'SUSPENDED')");
      rs.next();
      return rs.getLong(1) == 0;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** [events, status changes, releases ended] so far. */
  private long[] eventCounts() throws Exception {
    try (Connection c = DriverManager.getConnection(batonSchemaUrl);
        Statement s = c.createStatement()) {
      ResultSet rs =
          s.executeQuery(
              "SELECT count(*), count(*) FILTER (WHERE previous_status IS NOT NULL), count(*)"
                  + " FILTER (WHERE environment_id IS NULL AND status IN ('SUCCEEDED', 'FAILED',"
                  + " 'TERMINATED')) FROM release_event");
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
    }
  }

  /** Every release event of this Baton, in process (as figure 1 watches its releases end). */
  private Subscription subscribe(Consumer<ReleaseEvent> onEvent) throws Exception {
    return Benchmarks.subscribeInProcess(baton, onEvent);
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
    for (String env : List.of("dev", "qa", "prod")) {
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
    gql.await(
        "mutation { createPromotionFlow(input: {name: \""
            + THROUGHPUT_FLOW
            + "\", triggerEnvironment: \"dev\", steps: [{environment: \"qa\", action: NONE},"
            + " {environment: \"prod\", action: NONE}]}) { name } }",
        Map.of());
    List<Future<JsonObject>> created = new ArrayList<>();
    for (int i = 0; i < products; i++) {
      String name = product(i);
      created.add(
          gql.data(
                  """
              mutation($p: String!, $u: String!, $dev: String!, $qa: String!, $prod: String!,
                       $devPath: String!, $qaPath: String!, $prodPath: String!) {
                createProduct(input: {name: $p, promotionTemplate: {
                  versionSource: {file: "values.yaml", jsonPath: "$.image.tag"},
                  promotion: [{file: "values.yaml", jsonPaths: ["$.image.tag"]}]}}) { id }
                dev: createApplication(input: {name: $dev, product: $p, environment: "dev",
                  repoUrl: $u, path: $devPath}) { name }
                qa: createApplication(input: {name: $qa, product: $p, environment: "qa",
                  repoUrl: $u, path: $qaPath}) { name }
                prod: createApplication(input: {name: $prod, product: $p, environment: "prod",
                  repoUrl: $u, path: $prodPath}) { name } }""",
                  Map.of(
                      "p", name,
                      "u", GitFixture.url(repo),
                      "dev", name + "-dev",
                      "qa", name + "-qa",
                      "prod", name + "-prod",
                      "devPath", name + "/dev",
                      "qaPath", name + "/qa",
                      "prodPath", name + "/prod"))
              .onSuccess(
                  d ->
                      productNames.put(
                          Long.parseLong(d.getJsonObject("createProduct").getString("id")), name)));
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
