package io.baton.bench;

import io.baton.Baton;
import io.baton.Config;
import io.baton.audit.Audit;
import io.baton.auth.Principal;
import io.baton.auth.Role;
import io.baton.db.DatabaseUrl;
import io.baton.release.EngineOptions;
import io.baton.release.EventFeed.ReleaseEvent;
import io.baton.release.PromotionAction;
import io.baton.release.ReleaseService;
import io.baton.release.SourcePinner;
import io.baton.retention.Retention;
import io.baton.retention.RetentionPolicy;
import io.baton.testing.Poll;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.reactivestreams.Subscription;

/**
 * The {@code history} phase (issue 16's figure 3): a Baton of its own on a database holding a year
 * of history, written with SQL ({@code bench.historyReleases} finished releases over 365 days on
 * {@code bench.historyProducts} products, 3 to 5 steps each, every step that succeeded committed,
 * so each application's current release is among them; the events each would have had), then VACUUM
 * ANALYZE as autovacuum would have done on a long-lived database. Measured from outside the
 * server's JVM: with wrk, the releases list (20 with steps) at {@code bench.historyClients}
 * connections, a product's dashboard and one old release's view at {@code
 * bench.historyViewClients}; with a separate process on graphql-ws, the replay of one old release
 * ({@code releaseEvents(releaseId:)} until it completes). Then the engine's transition rate (its
 * products triggering back to back, in-process) in four windows: retention idle, retention
 * deleting, idle, deleting, each deleting window until retention has deleted half of {@code
 * bench.historyDelete} releases (batches of the product's default size and pause).
 */
final class HistoryBenchmark {
  static final String ADMIN_TOKEN = "bench-history-admin-token-0123456789abcdef";
  static final String ENGINE_FLOW = "hist-engine";
  private static final String DATABASE = "baton_history";
  private static final List<String> ENVIRONMENTS = List.of("dev", "qa", "staging", "perf", "prod");
  private static final Principal BENCH = new Principal(0, "bench", Role.PROMOTER);

  private static final PromotionAction NO_GIT =
      request ->
          Future.succeededFuture(
              new PromotionAction.Result(
                  request.sourceCommit(), "1.0.0", false, "benchmark: no Git"));

  private static final SourcePinner PINNED =
      (source, template) ->
          Future.succeededFuture(
              new SourcePinner.Snapshot("0123456789abcdef0123456789abcdef01234567", "1.0.0"));

  static final String DASHBOARD_QUERY =
      "query($p: String!) { product(name: $p) { id name applications { id name version"
          + " environment { id name } history(first: 1) { version commitSha at release { id } } }"
          + " releases(first: 20) { nodes { id createdAt status promotionFlowName"
          + " steps { environment { id name } status version } } } } }";

  static final String RELEASE_QUERY =
      "query($id: ID!) { release(id: $id) { id status message version sourceCommit"
          + " promotionFlowName triggeredBy createdAt startedAt finishedAt product { id name }"
          + " promotionFlow { id name } sourceApplication { id name repoUrl }"
          + " steps { environment { id name kind position } application { id name repoUrl branch"
          + " path } dependsOn { id name } action status message commitSha version attempt"
          + " startedAt finishedAt gates { kind when status message } approvals { by approved"
          + " comment at } } } }";

  private final int port;
  private final String jdbcUrl;
  private final BiConsumer<String, String> put;
  private final int releases = Integer.getInteger("bench.historyReleases", 1_000_000);
  private final int productCount = Integer.getInteger("bench.historyProducts", 200);
  private final int toDelete = Integer.getInteger("bench.historyDelete", 100_000);
  private final int chunk = Integer.getInteger("bench.historyChunk", 10_000);
  private final int clients = Integer.getInteger("bench.historyClients", 32);
  private final int viewClients = Integer.getInteger("bench.historyViewClients", 4);
  private final int seconds = Integer.getInteger("bench.historySeconds", 20);
  private final int replays = Integer.getInteger("bench.historyReplays", 500);
  private final int idleSeconds = Integer.getInteger("bench.historyIdleSeconds", 30);
  private final int batchSize =
      Integer.getInteger("bench.historyBatchSize", RetentionPolicy.DEFAULT_BATCH_SIZE);
  private final Duration batchPause =
      Duration.ofMillis(
          Integer.getInteger(
              "bench.historyBatchPauseMs", (int) RetentionPolicy.DEFAULT_BATCH_PAUSE.toMillis()));

  private Baton baton;
  private Vertx vertx;
  private Gql gql;
  private final List<String> products = new ArrayList<>();

  /**
   * @param port the embedded PostgreSQL's port; the phase creates a database of its own there
   * @param postgresJdbcUrl a JDBC URL of that server's {@code postgres} database
   */
  HistoryBenchmark(int port, String postgresJdbcUrl, BiConsumer<String, String> put) {
    this.port = port;
    this.put = put;
    try (Connection c = DriverManager.getConnection(postgresJdbcUrl);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + DATABASE);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    this.jdbcUrl =
        "jdbc:postgresql://localhost:"
            + port
            + "/"
            + DATABASE
            + "?user=postgres&password=postgres&currentSchema="
            + DatabaseUrl.SCHEMA;
  }

  void run() throws Exception {
    try {
      startBaton();
      createWorld();
      seed();
      hold();
      releasesList();
      dashboard();
      releaseView();
      replay();
      retentionBesideTheEngine();
    } finally {
      close();
    }
  }

  // ---------------------------------------------------------------- the world and its history

  private void startBaton() throws Exception {
    Config config =
        Config.fromEnvironment(
            Map.of(
                "BATON_PORT",
                "0",
                "BATON_DATA_DIR",
                Files.createTempDirectory("baton-bench-history").toString(),
                "BATON_DATABASE_URL",
                "postgresql://postgres:postgres@localhost:" + port + "/" + DATABASE,
                "BATON_ADMIN_TOKEN",
                ADMIN_TOKEN),
            List.of());
    baton =
        Baton.start(
                config,
                Clock.systemUTC(),
                new Baton.Parts(NO_GIT, PINNED, EngineOptions.defaults()))
            .toCompletionStage()
            .toCompletableFuture()
            .get(120, TimeUnit.SECONDS);
    vertx = Vertx.vertx();
    gql = new Gql(vertx, baton.port(), ADMIN_TOKEN, 64);
  }

  /**
   * Five environments; products with 3 (three in four), 4 or 5 of them, each with the flow through
   * its environments ({@code hist-3}, {@code hist-4}, {@code hist-5}); the engine's flow {@code
   * hist-engine} (dev, qa, prod, NONE steps) runs on every product.
   */
  private void createWorld() {
    for (String env : ENVIRONMENTS) {
      gql.await(
          "mutation($n: String!) { createEnvironment(input: {name: $n}) { name } }",
          Map.of("n", env));
    }
    for (int steps = 3; steps <= 5; steps++) {
      List<String> envs = environments(steps);
      StringJoiner flowSteps = new StringJoiner(", ");
      for (int i = 1; i < envs.size(); i++) {
        flowSteps.add("{environment: \"" + envs.get(i) + "\", action: COMMIT}");
      }
      gql.await(
          "mutation { createPromotionFlow(input: {name: \"hist-"
              + steps
              + "\", triggerEnvironment: \"dev\", steps: ["
              + flowSteps
              + "]}) { name } }",
          Map.of());
    }
    gql.await(
        "mutation { createPromotionFlow(input: {name: \""
            + ENGINE_FLOW
            + "\", triggerEnvironment: \"dev\", steps: [{environment: \"qa\", action: NONE},"
            + " {environment: \"prod\", action: NONE}]}) { name } }",
        Map.of());
    List<Future<JsonObject>> created = new ArrayList<>();
    for (int i = 0; i < productCount; i++) {
      String product = String.format("hist-%03d", i);
      products.add(product);
      StringBuilder mutation =
          new StringBuilder("mutation($p: String!) { createProduct(input: {name: $p}) { id } ");
      for (String env : environments(stepsOf(i))) {
        mutation
            .append(env)
            .append(": createApplication(input: {name: \"")
            .append(product)
            .append('-')
            .append(env)
            .append("\", product: $p, environment: \"")
            .append(env)
            .append("\", repoUrl: \"file:///nowhere/")
            .append(product)
            .append(".git\"}) { name } ");
      }
      created.add(gql.data(mutation.append('}').toString(), Map.of("p", product)));
    }
    Gql.await(Future.all(created));
  }

  /** Three steps for three products in four, then four, then five. */
  private static int stepsOf(int product) {
    int k = product % 20;
    return k < 15 ? 3 : k < 18 ? 4 : 5;
  }

  private static List<String> environments(int steps) {
    return switch (steps) {
      case 3 -> List.of("dev", "qa", "prod");
      case 4 -> List.of("dev", "qa", "staging", "prod");
      default -> ENVIRONMENTS;
    };
  }

  /**
   * Writes the history with SQL, {@code bench.historyChunk} releases per transaction (so the events
   * of one chunk share a transaction id, older releases' events older ones), oldest first, without
   * the foreign-key triggers (session_replication_role = replica, as a restore does), then VACUUM
   * ANALYZE.
   */
  private void seed() throws Exception {
    long t0 = System.nanoTime();
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement()) {
      s.execute("SET session_replication_role = replica");
      s.execute(
          """
          CREATE TEMP TABLE hist_product AS
          SELECT (row_number() OVER (ORDER BY p.name) - 1)::int AS idx, p.id AS product_id, f.id AS flow_id,
                 f.name AS flow_name, a.id AS source_application_id, a.environment_id AS trigger_environment_id
          FROM product p
          JOIN application a ON a.product_id = p.id
          JOIN environment e ON e.id = a.environment_id AND e.name = 'dev'
          JOIN promotion_flow f ON f.name = 'hist-' || (SELECT count(*) FROM application x WHERE x.product_id = p.id)
          WHERE p.name LIKE 'hist-%'""");
      s.execute(
          """
          CREATE TEMP TABLE hist_step AS
          SELECT a.product_id, a.environment_id, a.id AS application_id, e.name AS environment_name,
                 (row_number() OVER w - 1)::int AS position,
                 array_remove(ARRAY[lag(a.environment_id) OVER w], NULL) AS depends_on,
                 row_number() OVER w = count(*) OVER (PARTITION BY a.product_id) AS last
          FROM application a JOIN environment e ON e.id = a.environment_id
          WINDOW w AS (PARTITION BY a.product_id ORDER BY e.position, e.id)""");
      s.execute("ALTER TABLE hist_step ALTER COLUMN depends_on TYPE bigint[]");
      for (int lo = 1; lo <= releases; lo += chunk) {
        int hi = Math.min(releases, lo + chunk - 1);
        c.setAutoCommit(false);
        s.execute(releasesSql(lo, hi));
        s.execute(stepsSql(lo, hi));
        s.execute(eventsSql(lo, hi));
        c.commit();
        c.setAutoCommit(true);
      }
      s.execute(
          "SELECT setval(pg_get_serial_sequence('release', 'id'), (SELECT max(id) FROM release))");
    }
    double written = (System.nanoTime() - t0) / 1e9;
    long t1 = System.nanoTime();
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement()) {
      s.execute("VACUUM ANALYZE release, release_step, release_event, release_gate");
    }
    double vacuumed = (System.nanoTime() - t1) / 1e9;
    long[] counts =
        longs(
            "SELECT (SELECT count(*) FROM release), (SELECT count(*) FROM release_step),"
                + " (SELECT count(*) FROM release_event), (SELECT sum(pg_total_relation_size(t))"
                + " FROM unnest(ARRAY['release', 'release_step', 'release_event',"
                + " 'release_gate']::regclass[]) t)");
    put(
        "history",
        String.format(
            "%,d releases over 365 days on %d products (3 to 5 steps; 90%% SUCCEEDED, 6%% FAILED,"
                + " 4%% TERMINATED), %,d steps, %,d events (%.1f a release); %.1f GB in the"
                + " release tables with their indexes; written with SQL in %.0f s (%,d releases a"
                + " transaction), VACUUM ANALYZE %.0f s",
            counts[0],
            productCount,
            counts[1],
            counts[2],
            counts[2] / (double) counts[0],
            counts[3] / 1e9,
            written,
            chunk,
            vacuumed));
  }

  private String releasesSql(int lo, int hi) {
    return """
        INSERT INTO release (id, product_id, flow_id, flow_name, source_application_id, trigger_environment_id,
                             source_commit, version, status, message, triggered_by, timeout_ms, created_at,
                             started_at, finished_at, deadline_at)
        SELECT g, p.product_id, p.flow_id, p.flow_name, p.source_application_id, p.trigger_environment_id,
               md5(g::text) || substr(md5(g::text), 1, 8), '1.' || g || '.0', o.status,
               CASE o.status WHEN 'SUCCEEDED' THEN 'all steps succeeded'
                             WHEN 'FAILED' THEN 'step prod failed: the push was rejected'
                             ELSE 'terminated by alice' END,
               CASE WHEN g %% 3 = 0 THEN 'user:alice' ELSE 'token:ci' END, 86400000,
               t.created, t.created + interval '1 second', t.created + interval '3 minutes',
               t.created + interval '1 day'
        FROM generate_series(%1$d, %2$d) g
        JOIN hist_product p ON p.idx = ((g::bigint * 2654435761) %% %3$d)::int
        CROSS JOIN LATERAL (SELECT CASE WHEN g %% 100 < 90 THEN 'SUCCEEDED' WHEN g %% 100 < 96 THEN 'FAILED'
                                        ELSE 'TERMINATED' END AS status) o
        CROSS JOIN LATERAL (SELECT now() - interval '366 days'
                                   + (g::float8 / %4$d) * interval '365 days' AS created) t"""
        .formatted(lo, hi, productCount, releases);
  }

  private static String stepsSql(int lo, int hi) {
    return """
        INSERT INTO release_step (release_id, environment_id, position, depends_on, action, application_id, status,
                                  message, commit_sha, version, attempt, started_at, finished_at)
        SELECT r.id, s.environment_id, s.position, s.depends_on, 'COMMIT', s.application_id, o.status,
               CASE o.status WHEN 'SUCCEEDED' THEN 'promoted ' || r.version ELSE r.message END,
               CASE WHEN o.status = 'SUCCEEDED'
                    THEN md5(r.id::text || s.environment_name) || substr(md5(s.environment_name), 1, 8) END,
               r.version, 1, r.started_at + s.position * interval '30 seconds',
               r.started_at + (s.position + 1) * interval '30 seconds'
        FROM release r JOIN hist_step s ON s.product_id = r.product_id
        CROSS JOIN LATERAL (SELECT CASE WHEN s.last THEN r.status ELSE 'SUCCEEDED' END AS status) o
        WHERE r.id BETWEEN %1$d AND %2$d"""
        .formatted(lo, hi);
  }

  /**
   * A release's events, in order: QUEUED, RUNNING, its end; each step's PENDING (not the trigger
   * environment's), RUNNING and end, between them.
   */
  private static String eventsSql(int lo, int hi) {
    return """
        INSERT INTO release_event (at, release_id, product_id, environment_id, status, previous_status, message)
        SELECT at, release_id, product_id, environment_id, status, previous_status, message FROM (
          SELECT r.created_at + v.n * interval '1 millisecond' AS at, r.id AS release_id, r.product_id,
                 NULL::bigint AS environment_id, v.status, v.previous AS previous_status, NULL AS message,
                 v.n AS seq
          FROM release r, (VALUES (0, 'QUEUED', NULL), (1, 'RUNNING', 'QUEUED')) v(n, status, previous)
          WHERE r.id BETWEEN %1$d AND %2$d
          UNION ALL
          SELECT r.finished_at, r.id, r.product_id, NULL, r.status, 'RUNNING', r.message, 1000
          FROM release r WHERE r.id BETWEEN %1$d AND %2$d
          UNION ALL
          SELECT CASE v.n WHEN 0 THEN r.started_at ELSE s.started_at + (v.n - 1) * interval '29 seconds' END,
                 r.id, r.product_id, s.environment_id, CASE WHEN v.n = 2 THEN s.status ELSE v.status END,
                 v.previous, CASE WHEN v.n = 2 THEN s.message END, 10 + s.position * 3 + v.n
          FROM release r JOIN release_step s ON s.release_id = r.id,
               (VALUES (0, 'PENDING', NULL), (1, 'RUNNING', 'PENDING'), (2, NULL, 'RUNNING')) v(n, status, previous)
          WHERE r.id BETWEEN %1$d AND %2$d AND (s.position > 0 OR v.n > 0)
        ) e
        ORDER BY release_id, seq"""
        .formatted(lo, hi);
  }

  /**
   * With {@code bench.historyHoldMinutes}, waits that long after seeding, the database up, for
   * looking at plans by hand (psql on the port printed).
   */
  private void hold() throws Exception {
    int minutes = Integer.getInteger("bench.historyHoldMinutes", 0);
    if (minutes > 0) {
      put(
          "holding",
          "the database for "
              + minutes
              + " minutes: psql -h localhost -p "
              + port
              + " -U postgres "
              + DATABASE);
      Thread.sleep(minutes * 60_000L);
    }
  }

  // ---------------------------------------------------------------- reads, from wrk

  private void releasesList() throws Exception {
    String body = Gql.body(Benchmarks.LIST_QUERY, Map.of()).toString();
    check(body);
    wrk(
        "releases list, first 20 with their steps, newest first",
        "wrk.body = [[" + body + "]]\n",
        clients);
  }

  private void dashboard() throws Exception {
    check(Gql.body(DASHBOARD_QUERY, Map.of("p", products.get(0))).toString());
    String[] parts = Gql.body(DASHBOARD_QUERY, Map.of("p", "@@")).toString().split("@@");
    wrk(
        "a product's dashboard (its applications with their current version, its newest 20"
            + " releases with steps; a random product each request)",
        "request = function()\n"
            + "  local name = string.format(\"hist-%03d\", math.random(0, "
            + (productCount - 1)
            + "))\n"
            + "  return wrk.format(nil, nil, nil, [["
            + parts[0]
            + "]] .. name .. [["
            + parts[1]
            + "]])\n"
            + "end\n",
        viewClients);
  }

  /** A random release among the oldest half of the history. */
  private void releaseView() throws Exception {
    check(Gql.body(RELEASE_QUERY, Map.of("id", "1")).toString());
    String[] parts = Gql.body(RELEASE_QUERY, Map.of("id", "@@")).toString().split("@@");
    wrk(
        "one release's view (the web app's fields: steps, applications, gates, approvals; a"
            + " random release among the oldest half)",
        "request = function()\n"
            + "  local id = math.random(1, "
            + Math.max(1, releases / 2)
            + ")\n"
            + "  return wrk.format(nil, nil, nil, [["
            + parts[0]
            + "]] .. id .. [["
            + parts[1]
            + "]])\n"
            + "end\n",
        viewClients);
  }

  private void check(String body) {
    String answer = Gql.await(gql.post(Buffer.buffer(body))).toString();
    if (answer.contains("\"errors\"") || answer.contains(":null}")) {
      throw new IllegalStateException("the benchmark's request failed: " + answer);
    }
  }

  private void wrk(String what, String lua, int connections) throws Exception {
    Path script = Files.createTempFile("bench-history", ".lua");
    Files.writeString(
        script,
        "math.randomseed(os.time())\n"
            + "wrk.method = \"POST\"\n"
            + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
            + "wrk.headers[\"Accept\"] = \"application/json\"\n"
            + "wrk.headers[\"Authorization\"] = \"Bearer "
            + ADMIN_TOKEN
            + "\"\n"
            + lua);
    String load = loadAverage();
    Process wrk =
        new ProcessBuilder(
                "wrk",
                "-t2",
                "-c" + connections,
                "-d" + seconds + "s",
                "--latency",
                "-s",
                script.toString(),
                "http://localhost:" + baton.port() + "/graphql")
            .redirectErrorStream(true)
            .start();
    String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    wrk.waitFor();
    output.lines().forEach(l -> System.out.println("[wrk] " + l));
    String non2xx =
        output.lines().filter(l -> l.contains("Non-2xx")).findFirst().orElse("Non-2xx: none");
    put(
        what + ", wrk " + connections + " connections, " + seconds + " s",
        String.format(
            "%s requests/s; p50=%s p90=%s p99=%s; %s; load average before: %s",
            wrkValue(output, "Requests/sec:"),
            wrkValue(output, "50%"),
            wrkValue(output, "90%"),
            wrkValue(output, "99%"),
            non2xx.trim(),
            load));
  }

  private static String wrkValue(String output, String label) {
    return output
        .lines()
        .map(String::trim)
        .filter(l -> l.startsWith(label))
        .findFirst()
        .map(l -> l.substring(label.length()).trim().split("\\s+")[0])
        .orElse("?");
  }

  // ---------------------------------------------------------------- replay, from another process

  private void replay() throws Exception {
    int warmup = Math.min(200, replays);
    StringJoiner ids = new StringJoiner(",");
    for (int i = 0; i < warmup + replays; i++) {
      ids.add(String.valueOf(ThreadLocalRandom.current().nextInt(1, Math.max(2, releases / 2))));
    }
    String load = loadAverage();
    Process client =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                ReplayClient.class.getName(),
                String.valueOf(baton.port()),
                ADMIN_TOKEN,
                ids.toString(),
                String.valueOf(warmup))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    client.waitFor(10, TimeUnit.MINUTES);
    String[] stats =
        output
            .lines()
            .filter(l -> l.startsWith("STATS"))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the replay client said: " + output))
            .split(" ");
    put(
        "replay of one release: releaseEvents(releaseId:) over graphql-ws from a separate"
            + " process, subscribe -> complete, one at a time on one socket ("
            + warmup
            + " warm-up first; random releases among the oldest half)",
        String.format(
            "n=%s p50=%s ms p90=%s ms p99=%s ms max=%s ms mean=%s ms; %s events (%.1f a"
                + " replay); errors %s; load average before: %s",
            stats[1],
            stats[2],
            stats[3],
            stats[4],
            stats[5],
            stats[6],
            stats[7],
            Long.parseLong(stats[7]) / Double.parseDouble(stats[1]),
            stats[8],
            load));
  }

  // ---------------------------------------------------------------- retention beside the engine

  /**
   * The engine's transition rate with retention idle and with retention deleting, in the order
   * idle, deleting, idle, deleting, so that a drift over the run weighs on both alike.
   */
  private void retentionBesideTheEngine() throws Exception {
    AtomicLong transitions = new AtomicLong();
    AtomicBoolean triggering = new AtomicBoolean(true);
    AtomicInteger running = new AtomicInteger();
    AtomicLong failures = new AtomicLong();
    Map<Long, String> nameOf = new ConcurrentHashMap<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, name FROM product")) {
      while (rs.next()) {
        nameOf.put(rs.getLong(1), rs.getString(2));
      }
    }
    @SuppressWarnings("unchecked")
    Consumer<String>[] trigger = new Consumer[1];
    trigger[0] =
        product -> {
          if (!triggering.get()) {
            return;
          }
          running.incrementAndGet();
          baton
              .services()
              .releases()
              .trigger(
                  new ReleaseService.Trigger(ENGINE_FLOW, product, null),
                  BENCH,
                  Audit.of(BENCH.name(), "triggerPromotionFlow", Map.of("product", product)))
              .onFailure(
                  e -> {
                    failures.incrementAndGet();
                    running.decrementAndGet();
                    vertx.setTimer(100, id -> trigger[0].accept(product));
                  });
        };
    Subscription feed =
        subscribe(
            event -> {
              if (event.previousStatus() != null) {
                transitions.incrementAndGet();
              }
              if (event.environmentId() == null && event.status().isTerminal()) {
                running.decrementAndGet();
                trigger[0].accept(nameOf.get(event.productId()));
              }
            });
    products.forEach(trigger[0]);
    Thread.sleep(10_000); // warm-up
    Pool pool =
        PgBuilder.pool()
            .with(new PoolOptions().setMaxSize(1))
            .connectingTo(
                DatabaseUrl.parse(
                        "postgresql://postgres:postgres@localhost:" + port + "/" + DATABASE)
                    .connectOptions())
            .using(baton.vertx())
            .build();
    put(
        "retention",
        String.format(
            "the product's Retention on the server's Vert.x with a pool of its own (1 connection),"
                + " BATON_RETENTION_MAX_AGE set so that the oldest %,d releases (half of %,d) are"
                + " older in each deleting window; batches of %d, %d ms apart (the defaults: %d, %d"
                + " ms); the"
                + " engine: %d products triggering %s back to back, in-process",
            toDelete / 2,
            toDelete,
            batchSize,
            batchPause.toMillis(),
            RetentionPolicy.DEFAULT_BATCH_SIZE,
            RetentionPolicy.DEFAULT_BATCH_PAUSE.toMillis(),
            products.size(),
            ENGINE_FLOW));
    double[] idle = new double[2];
    double[] deleting = new double[2];
    try {
      for (int round = 0; round < 2; round++) {
        String load = loadAverage();
        long before = transitions.get();
        long t0 = System.nanoTime();
        Thread.sleep(idleSeconds * 1000L);
        idle[round] = (transitions.get() - before) / ((System.nanoTime() - t0) / 1e9);
        put(
            "engine, retention idle, window " + (round + 1),
            String.format(
                "%.0f transitions/s over %d s; load average before: %s",
                idle[round], idleSeconds, load));
        deleting[round] = deletingWindow(pool, round, transitions);
      }
    } finally {
      triggering.set(false);
      Poll.until(running::get, n -> n <= 0, Duration.ofSeconds(60), "the last releases to end");
      feed.cancel();
      pool.close();
    }
    double idleMean = (idle[0] + idle[1]) / 2;
    double deletingMean = (deleting[0] + deleting[1]) / 2;
    put(
        "engine transition rate while retention deletes, beside idle",
        String.format(
            "%.0f/s deleting (%.0f, %.0f), %.0f/s idle (%.0f, %.0f): %.1f%% %s (target: within"
                + " 10%%); failed triggers %d",
            deletingMean,
            deleting[0],
            deleting[1],
            idleMean,
            idle[0],
            idle[1],
            Math.abs(100 * (1 - deletingMean / idleMean)),
            deletingMean <= idleMean ? "lower" : "higher",
            failures.get()));
  }

  /**
   * Starts a Retention whose max age lets the oldest {@code toDelete / 2 * (round + 1)} seeded
   * releases go, until they are gone; the engine's transition rate meanwhile.
   */
  private double deletingWindow(Pool pool, int round, AtomicLong transitions) throws Exception {
    int upTo = Math.min(releases, toDelete / 2 * (round + 1));
    long[] cutoff =
        longs(
            "SELECT (extract(epoch FROM finished_at) * 1000000)::bigint + 1 FROM release WHERE id = "
                + upTo);
    Instant cutoffAt = Instant.EPOCH.plusNanos(cutoff[0] * 1000);
    Duration maxAge = Duration.ofDays(1);
    String left =
        "SELECT count(*) FROM release WHERE finished_at < to_timestamp("
            + cutoff[0]
            + " / 1000000.0)";
    long start = longs(left)[0];
    Retention retention =
        new Retention(
            baton.vertx(),
            pool,
            Clock.fixed(cutoffAt.plus(maxAge), ZoneOffset.UTC),
            new RetentionPolicy(
                Optional.of(maxAge),
                OptionalInt.empty(),
                Duration.ofMillis(100),
                batchSize,
                batchPause));
    String load = loadAverage();
    long before = transitions.get();
    long t0 = System.nanoTime();
    retention.start();
    long remaining = start;
    long unchangedSince = System.nanoTime();
    while (remaining > 0
        && System.nanoTime() - unchangedSince < batchPause.toNanos() * 4 + 2_000_000_000L) {
      Thread.sleep(200);
      long now = longs(left)[0];
      if (now != remaining) {
        remaining = now;
        unchangedSince = System.nanoTime();
      }
    }
    retention.stop();
    double elapsed = (System.nanoTime() - t0) / 1e9;
    double rate = (transitions.get() - before) / elapsed;
    put(
        "engine, retention deleting, window " + (round + 1),
        String.format(
            "%.0f transitions/s over %.1f s while retention deleted %,d releases (%.0f a"
                + " second; %,d older than the cutoff left); load average before: %s",
            rate, elapsed, start - remaining, (start - remaining) / elapsed, remaining, load));
    return rate;
  }

  private Subscription subscribe(Consumer<ReleaseEvent> onEvent) throws Exception {
    return Benchmarks.subscribeInProcess(baton, onEvent);
  }

  // ---------------------------------------------------------------- helpers

  private long[] longs(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      long[] values = new long[rs.getMetaData().getColumnCount()];
      for (int i = 0; i < values.length; i++) {
        values[i] = rs.getLong(i + 1);
      }
      return values;
    }
  }

  private static String loadAverage() throws Exception {
    return Files.readString(Path.of("/proc/loadavg")).trim();
  }

  private void put(String key, String value) {
    put.accept("16.3 History: " + key, value);
  }

  private void close() {
    try {
      if (baton != null) {
        baton.close();
      }
      if (vertx != null) {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      System.err.println("closing the history phase: " + e);
    }
  }
}
