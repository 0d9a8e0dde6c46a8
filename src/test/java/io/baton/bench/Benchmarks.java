package io.baton.bench;

import com.sun.management.OperatingSystemMXBean;
import io.baton.Baton;
import io.baton.Config;
import io.baton.audit.Audit;
import io.baton.auth.Principal;
import io.baton.auth.Role;
import io.baton.release.EngineOptions;
import io.baton.release.EventFeed.ReleaseEvent;
import io.baton.release.PromotionAction;
import io.baton.release.ReleaseService;
import io.baton.release.ReleaseSqlAccess;
import io.baton.release.SourcePinner;
import io.baton.testing.TestPostgres;
import io.netty.util.internal.PlatformDependent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Baton's four performance figures, measured in one run on one machine (see docs/benchmarks.md):
 *
 * <ol>
 *   <li>stage transitions per second through the engine, beside the raw single-row commit rate of
 *       the same PostgreSQL;
 *   <li>trigger to SUCCEEDED latency of a three-environment NONE flow, seen by a WebSocket
 *       subscriber;
 *   <li>10,000 concurrent subscriptions: commit to client latency and server heap per subscription;
 *   <li>the releases list over HTTP at 32 concurrent clients;
 *   <li>issue 12's Argo CD gates: 1,000 releases whose qa steps wait on one Argo CD server (a
 *       stand-in), its requests per poll interval and the time from "all Healthy" until every qa
 *       step succeeded ({@link ArgoCdGatesBenchmark}, with a Baton of its own on real Git);
 *   <li>issue 13's automatic triggers: 200 products on 20 shared repositories polled every second,
 *       Git requests per remote per interval, idle CPU, commit -> release created by polling and by
 *       push webhook ({@link GitTriggersBenchmark}, a Baton of its own on real Git);
 *   <li>issue 13's outgoing webhooks: figure 1's transition rate with one webhook whose receiver
 *       answers slowly beside without, and the time to deliver 10,000 events (not a default phase:
 *       at 200 ms a request it takes over half an hour);
 *   <li>issue 16's shared-repository pins: 300 simultaneous triggers over GraphQL on products whose
 *       applications share one real repository, until all are answered, and the fetches they cost
 *       ({@link SharedRepositoryPinsBenchmark}, a Baton of its own on real Git; phase {@code
 *       pins}).
 *   <li>issue 16's many instances: 1 and then 4 Baton processes on one PostgreSQL, their
 *       transitions/s, list requests/s from wrk and subscriptions held at p99 under 100 ms ({@link
 *       InstancesBenchmark}; phase {@code instances}, not a default phase).
 *   <li>issue 16's hot fan-out: 10,000 subscribers of one product, commit to client latency of each
 *       event of its releases and heap per subscription ({@link HotFanoutBenchmark}, a Baton of its
 *       own, a separate subscriber process; phase {@code hot}, not a default one).
 * </ol>
 *
 * PostgreSQL is an embedded server with its durability settings at their defaults (fsync and
 * synchronous_commit on), so a commit costs what it costs. Settings are system properties ({@code
 * -Dbench.products=200}, ...).
 */
public final class Benchmarks {
  static final String TOKEN = "bench-admin-token-0123456789abcdef0123456789";
  static final String FLOW = "bench-none";

  /**
   * The same flow with COMMIT steps: each goes through the worker (lease, action, outcome) to the
   * NO_GIT action.
   */
  static final String WORKER_FLOW = "bench-commit";

  static final String LATENCY_PRODUCT = "bench-latency";
  static final String LIST_QUERY =
      "{ releases(first: 20) { nodes { id status promotionFlowName version createdAt "
          + "steps { environment { name } status } } } }";
  static final String SUBSCRIPTION_SELECTION =
      "{ cursor at status previousStatus environment { name } release { id status } }";

  private static final Principal BENCH = new Principal(0, "bench", Role.PROMOTER);

  /** Stands in for Git in the worker-path run: the promotion succeeds at once, changing nothing. */
  private static final PromotionAction NO_GIT =
      request ->
          Future.succeededFuture(
              new PromotionAction.Result(
                  request.sourceCommit(), "1.0.0", false, "benchmark: no Git"));

  private static final SourcePinner PINNED =
      (source, template) ->
          Future.succeededFuture(
              new SourcePinner.Snapshot("0123456789abcdef0123456789abcdef01234567", "1.0.0"));

  private final Map<String, String> report = new LinkedHashMap<>();
  private final int products = Integer.getInteger("bench.products", 200);
  private final int seconds = Integer.getInteger("bench.seconds", 20);
  private final int latencyRuns = Integer.getInteger("bench.latencyRuns", 500);
  private final int subscriptions = Integer.getInteger("bench.subscriptions", 10_000);
  private final int subscribedProducts = Integer.getInteger("bench.subscribedProducts", 100);
  private final List<Integer> subscriptionRates =
      Arrays.stream(System.getProperty("bench.subscriptionReleasesPerSecond", "2,10").split(","))
          .map(Integer::parseInt)
          .toList();
  private final int listClients = Integer.getInteger("bench.listClients", 32);
  private final String only =
      System.getProperty(
          "bench.only", "raw,engine,latency,list,subscriptions,argocd,triggers,pins");

  private EmbeddedPostgres postgres;
  private String jdbcUrl;
  private Baton baton;
  private Vertx clients;
  private Gql gql;
  private final Map<Long, String> productNames = new ConcurrentHashMap<>();

  public static void main(String[] args) throws Exception {
    Benchmarks bench = new Benchmarks();
    int status = 0;
    try {
      bench.run();
    } catch (Throwable t) {
      t.printStackTrace();
      status = 1;
    } finally {
      bench.close();
    }
    System.exit(status);
  }

  private void run() throws Exception {
    machine();
    startPostgres();
    if (only.contains("argocd")) {
      // First, and with a Baton and database of its own: it needs real Git and an Argo CD token.
      new ArgoCdGatesBenchmark(
              postgres.getPort(),
              TestPostgres.inBatonSchema(postgres.getJdbcUrl("postgres", "postgres")),
              this::put)
          .run();
    }
    if (only.contains("pins")) {
      // Issue 16: 300 simultaneous triggers sharing one real repository, a Baton of its own.
      new SharedRepositoryPinsBenchmark(
              postgres.getPort(), postgres.getJdbcUrl("postgres", "postgres"), this::put)
          .run();
    }
    if (only.contains("instances")) {
      // Issue 16: 1 instance, then 4, each a process of its own on this PostgreSQL.
      new InstancesBenchmark(
              postgres.getPort(), postgres.getJdbcUrl("postgres", "postgres"), this::put)
          .run();
    }
    if (only.contains("hot")) {
      // Issue 16: 10,000 subscribers of one product, a Baton of its own.
      new HotFanoutBenchmark(
              postgres.getPort(), postgres.getJdbcUrl("postgres", "postgres"), this::put)
          .run();
    }
    if (only.contains("history")) {
      // Issue 16: a year of history (written with SQL) and retention beside the engine, a Baton of
      // its own. Not in the default list: at its default size it writes about 4 GB.
      new HistoryBenchmark(
              postgres.getPort(), postgres.getJdbcUrl("postgres", "postgres"), this::put)
          .run();
    }
    if (only.contains("fresh")) {
      // Issue 16: the first releases on a new database beside steady state, Batons of its own.
      new FreshDatabaseBenchmark(
              postgres.getPort(), postgres.getJdbcUrl("postgres", "postgres"), this::put)
          .run();
    }
    if (only.contains("triggers")) {
      // With a Baton and database of its own: real Git, polled every second.
      new GitTriggersBenchmark(
              postgres.getPort(),
              TestPostgres.inBatonSchema(postgres.getJdbcUrl("postgres", "postgres")),
              this::put)
          .run();
    }
    if (Stream.of("raw", "engine", "latency", "list", "subscriptions", "webhooks")
        .noneMatch(only::contains)) {
      print();
      return;
    }
    startBaton();
    createWorld();
    if (only.contains("raw")) {
      rawCommitRate();
    }
    if (only.contains("engine")) {
      for (String mode : System.getProperty("bench.trigger", "http,service,worker").split(",")) {
        vacuum();
        engineThroughput(mode);
      }
    }
    if (only.contains("latency")) {
      triggerToSucceededLatency();
    }
    if (only.contains("list")) {
      releasesList();
    }
    if (only.contains("subscriptions")) {
      manySubscriptions();
    }
    if (only.contains("webhooks")) {
      webhookDelivery();
    }
    print();
  }

  // ---------------------------------------------------------------- setup

  private void machine() throws Exception {
    put("date", Instant.now().toString());
    put("nproc", String.valueOf(Runtime.getRuntime().availableProcessors()));
    put(
        "cpu",
        Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
            .filter(l -> l.startsWith("model name"))
            .findFirst()
            .map(l -> l.substring(l.indexOf(':') + 1).trim())
            .orElse("unknown"));
    put(
        "memory",
        Files.readAllLines(Path.of("/proc/meminfo")).stream()
            .filter(l -> l.startsWith("MemTotal"))
            .findFirst()
            .map(l -> l.replaceAll("\\s+", " "))
            .orElse("unknown"));
    put(
        "java",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    put("max heap", Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
    put("load average at start", loadAverage());
  }

  static String loadAverage() throws Exception {
    return Files.readString(Path.of("/proc/loadavg")).trim();
  }

  private void startPostgres() throws Exception {
    // zonky's builder turns durability off by default; put PostgreSQL's own defaults back, so that
    // every commit
    // is flushed to disk and the commit rate is the real one.
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
    if (Boolean.getBoolean("bench.diag")) {
      builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
    }
    postgres =
        builder
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on")
            .setServerConfig("max_connections", "300")
            .start();
    try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE baton_bench");
      ResultSet rs =
          s.executeQuery(
              "SELECT version(), current_setting('fsync'), current_setting('synchronous_commit'),"
                  + " current_setting('wal_sync_method'), current_setting('full_page_writes'), current_setting('shared_buffers'),"
                  + " current_setting('max_connections')");
      rs.next();
      put("postgresql", rs.getString(1));
      put(
          "postgresql settings",
          "fsync="
              + rs.getString(2)
              + " synchronous_commit="
              + rs.getString(3)
              + " wal_sync_method="
              + rs.getString(4)
              + " full_page_writes="
              + rs.getString(5)
              + " shared_buffers="
              + rs.getString(6)
              + " max_connections="
              + rs.getString(7));
    }
    jdbcUrl = TestPostgres.inBatonSchema(postgres.getJdbcUrl("postgres", "baton_bench"));
    if (Boolean.getBoolean("bench.diag")) {
      try (Connection c = DriverManager.getConnection(jdbcUrl);
          Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION pg_stat_statements");
      }
    }
  }

  private void startBaton() throws Exception {
    Path dataDir = Files.createTempDirectory("baton-bench");
    String url = "postgresql://postgres:postgres@localhost:" + postgres.getPort() + "/baton_bench";
    Config config =
        new Config(
            0,
            dataDir,
            Optional.of(url),
            Optional.of(TOKEN),
            false,
            List.of(),
            Duration.ofSeconds(10));
    baton =
        Baton.start(
                config,
                Clock.systemUTC(),
                new Baton.Parts(NO_GIT, PINNED, EngineOptions.defaults()))
            .toCompletionStage()
            .toCompletableFuture()
            .get(120, TimeUnit.SECONDS);
    clients = Vertx.vertx();
    gql = new Gql(clients, baton.port(), TOKEN, 512);
  }

  private void createWorld() {
    for (String env : List.of("dev", "qa", "prod")) {
      gql.await(
          "mutation($n: String!) { createEnvironment(input: {name: $n}) { name } }",
          Map.of("n", env));
    }
    gql.await(
        """
        mutation { createPromotionFlow(input: {name: "bench-none", description: "dev, qa, prod: no Git",
          version: "1.0", triggerEnvironment: "dev",
          steps: [{environment: "qa", action: NONE}, {environment: "prod", action: NONE}]}) { name } }""",
        Map.of());
    gql.await(
        """
        mutation { createPromotionFlow(input: {name: "bench-commit", description: "dev, qa, prod: a no-op action",
          version: "1.0", triggerEnvironment: "dev",
          steps: [{environment: "qa", action: COMMIT}, {environment: "prod", action: COMMIT}]}) { name } }""",
        Map.of());
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= products; i++) {
      names.add(String.format("bench-%04d", i));
    }
    names.add(LATENCY_PRODUCT);
    List<Future<JsonObject>> created = new ArrayList<>();
    for (String name : names) {
      created.add(
          gql.data(
                  "mutation($p: String!) { createProduct(input: {name: $p}) { id } "
                      + "dev: createApplication(input: {name: \""
                      + name
                      + "-dev\", product: $p, environment: \"dev\", "
                      + "repoUrl: \"file:///nowhere/bench.git\"}) { name } "
                      + "qa: createApplication(input: {name: \""
                      + name
                      + "-qa\", product: $p, environment: \"qa\", "
                      + "repoUrl: \"file:///nowhere/bench.git\"}) { name } "
                      + "prod: createApplication(input: {name: \""
                      + name
                      + "-prod\", product: $p, environment: \"prod\", "
                      + "repoUrl: \"file:///nowhere/bench.git\"}) { name } }",
                  Map.of("p", name))
              .onSuccess(
                  d ->
                      productNames.put(
                          Long.parseLong(d.getJsonObject("createProduct").getString("id")), name)));
    }
    Gql.await(Future.all(created));
    put(
        "world",
        products
            + " products (+1 for the latency run), each with an application in dev, qa and prod; flow "
            + FLOW
            + ": dev -> qa -> prod, every step action NONE; flow "
            + WORKER_FLOW
            + ": the same with COMMIT steps, "
            + "whose action is a test double that succeeds at once");
  }

  // ---------------------------------------------------------------- 1a. raw commit rate

  private void rawCommitRate() throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE bench_commit (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), "
              + "payload text)");
    }
    double best = 0;
    StringBuilder all = new StringBuilder();
    for (int connections : new int[] {1, 16, 64}) {
      double rate = rawCommits(jdbcUrl, connections, Duration.ofSeconds(10));
      all.append(String.format("%d conn: %.0f/s; ", connections, rate));
      best = Math.max(best, rate);
    }
    put("1. raw single-row INSERT commits/s (autocommit, JDBC, 10 s each)", all.toString().trim());
    put("1. raw commit rate (best)", String.format("%.0f/s", best));
    rawBest = best;
  }

  private double rawBest;

  /**
   * Single-row INSERT commits per second into {@code bench_commit} (which must exist) of the
   * database at {@code jdbcUrl}, from {@code connections} JDBC connections in autocommit.
   */
  static double rawCommits(String jdbcUrl, int connections, Duration duration) throws Exception {
    AtomicLong commits = new AtomicLong();
    long until = System.nanoTime() + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Thread t =
          new Thread(
              () -> {
                try (Connection c = DriverManager.getConnection(jdbcUrl);
                    PreparedStatement insert =
                        c.prepareStatement("INSERT INTO bench_commit (payload) VALUES (?)")) {
                  c.setAutoCommit(true);
                  long n = 0;
                  while (System.nanoTime() < until) {
                    insert.setString(1, "x");
                    insert.executeUpdate();
                    n++;
                  }
                  commits.addAndGet(n);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      threads.add(t);
    }
    long start = System.nanoTime();
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    return commits.get() / ((System.nanoTime() - start) / 1e9);
  }

  // ---------------------------------------------------------------- 1b. engine throughput

  /**
   * {@code mode}: "http" (GraphQL mutations), "service" (in-process triggers), or "worker"
   * (in-process triggers of the COMMIT flow, so that qa and prod go through the worker: lease,
   * action, outcome).
   */
  private void engineThroughput(String mode) throws Exception {
    engineThroughput(
        mode,
        switch (mode) {
          case "http" -> "1a. engine, GraphQL triggers";
          case "service" -> "1b. engine, in-process triggers";
          default -> "1c. engine, worker path (COMMIT steps, no-op action), in-process triggers";
        });
  }

  /**
   * As {@link #engineThroughput(String)}, its figures put under {@code e}; returns the status
   * changes (release_event rows with previous_status set) committed per second.
   */
  private double engineThroughput(String mode, String e) throws Exception {
    boolean inProcess = !"http".equals(mode);
    String flow = "worker".equals(mode) ? WORKER_FLOW : FLOW;
    put(
        e + ": triggers sent",
        inProcess
            ? "in-process, through ReleaseService.trigger (no HTTP, no GraphQL, no audit)"
                + ", flow "
                + flow
            : "as GraphQL mutations over HTTP (keep-alive), each audited as the product does, flow "
                + flow);
    AtomicBoolean triggering = new AtomicBoolean(true);
    AtomicInteger outstanding = new AtomicInteger();
    AtomicLong failures = new AtomicLong();
    Stats triggerLatency = new Stats();
    AtomicBoolean measuring = new AtomicBoolean();
    Map<String, Buffer> bodyOf = new ConcurrentHashMap<>();
    productNames
        .values()
        .forEach(
            name ->
                bodyOf.put(
                    name,
                    Gql.body(
                        "mutation($p: String!) { triggerPromotionFlow("
                            + "input: {flow: \""
                            + flow
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
            long t0 = System.nanoTime();
            Future<?> triggered =
                inProcess
                    ? baton
                        .services()
                        .releases()
                        .trigger(
                            new ReleaseService.Trigger(flow, product, null),
                            BENCH,
                            Audit.of(
                                BENCH.name(), "triggerPromotionFlow", Map.of("product", product)))
                        .map(release -> Buffer.buffer("{}"))
                    : gql.post(bodyOf.get(product));
            triggered.onComplete(
                r -> {
                  if (r.failed() || r.result().toString().contains("\"errors\"")) {
                    failures.incrementAndGet();
                    outstanding.decrementAndGet();
                    System.err.println("trigger failed: " + (r.failed() ? r.cause() : r.result()));
                    clients.setTimer(100, id -> accept(product));
                    return;
                  }
                  if (measuring.get()) {
                    synchronized (triggerLatency) {
                      triggerLatency.add((System.nanoTime() - t0) / 1000);
                    }
                  }
                });
          }
        };
    Subscription feed =
        subscribeInProcess(
            event -> {
              if (event.environmentId() == null && event.status().isTerminal()) {
                String product = productNames.get(event.productId());
                if (product != null && !product.equals(LATENCY_PRODUCT)) {
                  outstanding.decrementAndGet();
                  trigger.accept(product);
                }
              }
            });
    productNames.values().stream().filter(n -> !n.equals(LATENCY_PRODUCT)).forEach(trigger);
    Thread.sleep(8_000); // warm-up: JIT, caches, connection pools
    // The release tables grew from nothing during the warm-up. Statements prepared while they were
    // nearly empty
    // keep plans made for empty tables until the tables are analyzed; autovacuum would do it within
    // a minute. The
    // figure is the engine's steady state, so analyze now (it also drops those plans), then settle
    // for 2 s.
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement()) {
      s.execute("ANALYZE release, release_step, release_event");
    }
    Thread.sleep(2_000);
    Thread sampler =
        Boolean.getBoolean("bench.diag") ? diagnose(Duration.ofSeconds(seconds)) : null;
    measuring.set(true);
    if (Boolean.getBoolean("bench.diag")) {
      try (Connection c = DriverManager.getConnection(jdbcUrl);
          Statement s = c.createStatement()) {
        s.execute("SELECT pg_stat_statements_reset()");
      }
    }
    long[] before = eventCounts();
    double[] cpuBefore = cpuSeconds();
    long t0 = System.nanoTime();
    for (int i = 0; i < seconds; i++) {
      Thread.sleep(1000);
    }
    long[] after = eventCounts();
    double[] cpuAfter = cpuSeconds();
    if (sampler != null) {
      sampler.join();
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;
    measuring.set(false);
    triggering.set(false);
    waitUntil(() -> outstanding.get() <= 0, Duration.ofSeconds(60), "the last releases to end");
    feed.cancel();
    if (Boolean.getBoolean("bench.diag")) {
      try (Connection c = DriverManager.getConnection(jdbcUrl);
          Statement s = c.createStatement()) {
        ResultSet rs =
            s.executeQuery(
                "SELECT array_agg(id)::text FROM (SELECT id FROM release ORDER BY id DESC LIMIT 100) x");
        rs.next();
        explain(ReleaseSqlAccess.STEPS_OF, "bigint[]", "'" + rs.getString(1) + "'");
      }
      long releasesDone = after[2] - before[2];
      printStatements("total_exec_time", 25, releasesDone, "release");
      try (Connection c = DriverManager.getConnection(jdbcUrl);
          Statement s = c.createStatement()) {
        ResultSet rs =
            s.executeQuery("SELECT sum(calls), sum(total_exec_time) FROM pg_stat_statements");
        rs.next();
        System.out.printf(
            "[stmt] total %.1f statements/release, %.3f ms/release%n",
            rs.getLong(1) / (double) releasesDone, rs.getDouble(2) / releasesDone);
      }
    }
    double events = (after[0] - before[0]) / elapsed;
    double transitions = (after[1] - before[1]) / elapsed;
    double releases = (after[2] - before[2]) / elapsed;
    double writes = (after[3] - before[3]) / elapsed;
    put(e + ": products triggering back to back", String.valueOf(products));
    put(e + ": release_event rows committed/s", String.format("%.0f/s", events));
    put(
        e + ": of which status changes (previous_status set)/s",
        String.format("%.0f/s", transitions));
    put(e + ": releases completed/s", String.format("%.0f/s", releases));
    put(
        e + ": write transactions/s (xids assigned, whole database)",
        String.format("%.0f/s (%.1f events each)", writes, events / writes));
    put(
        e + ": WAL written per release",
        String.format(
            "%.1f KB (%.1f full-page images)",
            (after[4] - before[4]) / 1024.0 / (after[2] - before[2]),
            (after[5] - before[5]) / (double) (after[2] - before[2])));
    put(e + ": trigger mutation latency under load", triggerLatency.summary());
    put(e + ": failed triggers", String.valueOf(failures.get()));
    put(
        e + ": CPU used (cores busy: Baton JVM incl. load generator / PostgreSQL / whole machine)",
        String.format(
            "%.2f / %.2f / %.2f",
            (cpuAfter[0] - cpuBefore[0]) / elapsed,
            (cpuAfter[1] - cpuBefore[1]) / elapsed,
            (cpuAfter[2] - cpuBefore[2]) / elapsed));
    if (rawBest > 0) {
      put(e + ": events vs raw commit rate", String.format("%.2fx", events / rawBest));
    }
    return transitions;
  }

  /**
   * The costliest statements from pg_stat_statements (diagnostics), per unit of work done in the
   * window.
   */
  private void printStatements(String orderBy, int limit, long units, String unit)
      throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement()) {
      ResultSet rs =
          s.executeQuery(
              "SELECT calls, total_exec_time, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) "
                  + "FROM pg_stat_statements ORDER BY "
                  + orderBy
                  + " DESC LIMIT "
                  + limit);
      while (rs.next()) {
        System.out.printf(
            "[stmt] %6.2f calls/%s %7.3f ms/%s  %s%n",
            rs.getLong(1) / (double) units, unit, rs.getDouble(2) / units, unit, rs.getString(3));
      }
    }
  }

  /** Samples what PostgreSQL's sessions wait for (diagnostics while tuning; -Dbench.diag=true). */
  private Thread diagnose(Duration duration) {
    Thread t =
        new Thread(
            () -> {
              Map<String, Integer> waits = new TreeMap<>();
              Map<String, Integer> queries = new HashMap<>();
              long until = System.nanoTime() + duration.toNanos();
              int samples = 0;
              try (Connection c = DriverManager.getConnection(jdbcUrl);
                  Statement s = c.createStatement()) {
                while (System.nanoTime() < until) {
                  ResultSet rs =
                      s.executeQuery(
                          "SELECT state, wait_event_type, wait_event, left(query, 60) FROM pg_stat_activity "
                              + "WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'");
                  while (rs.next()) {
                    waits.merge(
                        rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3),
                        1,
                        Integer::sum);
                    if ("active".equals(rs.getString(1))
                        || "idle in transaction".equals(rs.getString(1))) {
                      queries.merge(
                          rs.getString(1) + ": " + rs.getString(4).replaceAll("\\s+", " "),
                          1,
                          Integer::sum);
                    }
                  }
                  samples++;
                  Thread.sleep(50);
                }
              } catch (Exception e) {
                e.printStackTrace();
              }
              int n = samples;
              System.out.println(
                  "[diag] " + n + " samples of pg_stat_activity (sessions per sample):");
              waits.forEach((k, v) -> System.out.printf("[diag]   %6.2f %s%n", v / (double) n, k));
              queries.entrySet().stream()
                  .sorted((a, b) -> b.getValue() - a.getValue())
                  .limit(15)
                  .forEach(
                      e ->
                          System.out.printf(
                              "[diag]   %6.2f %s%n", e.getValue() / (double) n, e.getKey()));
            });
    t.start();
    return t;
  }

  /** Prints the generic plan of a statement, as the prepared-statement cache would run it. */
  private void explain(String sql, String types, String args) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement()) {
      s.execute("SET plan_cache_mode = force_generic_plan");
      s.execute("PREPARE q(" + types + ") AS " + sql);
      ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) EXECUTE q(" + args + ")");
      while (rs.next()) {
        System.out.println("[explain] " + rs.getString(1));
      }
    }
  }

  private static double gcSeconds() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
            .mapToLong(b -> Math.max(0, b.getCollectionTime()))
            .sum()
        / 1000.0;
  }

  private static double jitSeconds() {
    return ManagementFactory.getCompilationMXBean().getTotalCompilationTime() / 1000.0;
  }

  /** CPU seconds used so far by [this JVM, the PostgreSQL processes, the whole machine]. */
  static double[] cpuSeconds() {
    double jvm =
        ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime()
            / 1e9;
    double pg = 0;
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String stat = Files.readString(proc.resolve("stat"));
          String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          if (comm.startsWith("postgres")) {
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            pg += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
          }
        } catch (Exception gone) {
          // the process ended while we looked
        }
      }
      String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      double busy = 0;
      for (int i = 1; i < cpu.length; i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(cpu[i]);
        }
      }
      return new double[] {jvm, pg, busy / 100.0, gcSeconds(), jitSeconds()};
    } catch (Exception e) {
      return new double[] {jvm, pg, 0, gcSeconds(), jitSeconds()};
    }
  }

  /** [events, status changes, releases ended, xids assigned] so far. */
  private long[] eventCounts() throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement()) {
      ResultSet rs =
          s.executeQuery(
              "SELECT count(*), count(*) FILTER (WHERE previous_status IS NOT NULL), "
                  + "count(*) FILTER (WHERE environment_id IS NULL AND status IN ('SUCCEEDED', 'FAILED', 'TERMINATED')), "
                  + "txid_snapshot_xmax(txid_current_snapshot()), (SELECT wal_bytes FROM pg_stat_wal), "
                  + "(SELECT wal_fpi FROM pg_stat_wal) FROM release_event");
      rs.next();
      return new long[] {
        rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)
      };
    }
  }

  private Subscription subscribeInProcess(Consumer<ReleaseEvent> onEvent) throws Exception {
    return subscribeInProcess(baton, onEvent);
  }

  /**
   * Every release event of {@code baton}, in process (as figure 1 watches its releases end); once
   * the feed counts the new subscriber.
   */
  static Subscription subscribeInProcess(Baton baton, Consumer<ReleaseEvent> onEvent)
      throws Exception {
    int before = baton.services().releases().subscribers();
    Publisher<ReleaseEvent> events =
        Gql.await(baton.services().releases().events(null, null, null));
    CompletableFuture<Subscription> subscription = new CompletableFuture<>();
    events.subscribe(
        new Subscriber<>() {
          @Override
          public void onSubscribe(Subscription s) {
            s.request(Long.MAX_VALUE);
            subscription.complete(s);
          }

          @Override
          public void onNext(ReleaseEvent event) {
            onEvent.accept(event);
          }

          @Override
          public void onError(Throwable t) {
            t.printStackTrace();
          }

          @Override
          public void onComplete() {}
        });
    waitUntil(
        () -> baton.services().releases().subscribers() > before,
        Duration.ofSeconds(10),
        "the feed");
    return subscription.get(10, TimeUnit.SECONDS);
  }

  // ---------------------------------------------------------------- 2. trigger -> SUCCEEDED
  // latency

  private void triggerToSucceededLatency() throws Exception {
    waitUntil(this::engineIdle, Duration.ofSeconds(60), "the engine to be idle");
    vacuum();
    put("2. load average before", loadAverage());
    Map<String, CompletableFuture<Long>> succeeded = new ConcurrentHashMap<>();
    var wsClient = clients.createWebSocketClient(new WebSocketClientOptions());
    int before = baton.services().releases().subscribers();
    WebSocket ws =
        Gql.await(
            WsSubscription.open(
                wsClient,
                baton.port(),
                TOKEN,
                "subscription { releaseEvents(product: \""
                    + LATENCY_PRODUCT
                    + "\") "
                    + SUBSCRIPTION_SELECTION
                    + " }",
                event -> {
                  if (event.getValue("environment") == null
                      && "SUCCEEDED".equals(event.getString("status"))) {
                    succeeded
                        .computeIfAbsent(
                            event.getJsonObject("release").getString("id"),
                            k -> new CompletableFuture<>())
                        .complete(System.nanoTime());
                  }
                }));
    waitUntil(
        () -> baton.services().releases().subscribers() > before,
        Duration.ofSeconds(10),
        "the subscription");
    Buffer body =
        Gql.body(
            "mutation { triggerPromotionFlow(input: {flow: \""
                + FLOW
                + "\", product: \""
                + LATENCY_PRODUCT
                + "\"}) { id } }",
            Map.of());
    Stats stats = new Stats();
    Stats responses = new Stats();
    int warmup = 50;
    for (int i = 0; i < warmup + latencyRuns; i++) {
      long t0 = System.nanoTime();
      JsonObject response = Gql.await(gql.post(body)).toJsonObject();
      if (i >= warmup) {
        responses.add((System.nanoTime() - t0) / 1000);
      }
      String id =
          response.getJsonObject("data").getJsonObject("triggerPromotionFlow").getString("id");
      long t1 =
          succeeded.computeIfAbsent(id, k -> new CompletableFuture<>()).get(30, TimeUnit.SECONDS);
      if (i >= warmup) {
        stats.add((t1 - t0) / 1000);
      }
    }
    ws.close();
    put("2. of which: the trigger mutation's response", responses.summary());
    put(
        "2. trigger -> SUCCEEDED (mutation sent -> release SUCCEEDED event received over graphql-transport-ws), "
            + latencyRuns
            + " sequential after "
            + warmup
            + " warm-up",
        stats.summary());
  }

  /**
   * After a write-heavy phase, autovacuum would clean the tables and the checkpointer write the
   * pages while the next phase runs, taking its CPU; do both now, so that each phase measures what
   * it says. (The raw commit rate's table goes: it has served its purpose.) Empty tables are not
   * analyzed: statistics saying "empty" make PostgreSQL plan the foreign-key checks of every later
   * insert as scans of the whole table, a trap that autovacuum, which only analyzes tables that
   * have rows, never sets.
   */
  private void vacuum() throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS bench_commit");
      ResultSet rs = s.executeQuery("SELECT count(*) FROM release");
      rs.next();
      if (rs.getLong(1) > 0) {
        s.execute("VACUUM ANALYZE");
      }
      s.execute("CHECKPOINT");
    }
  }

  private boolean engineIdle() {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
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

  // ---------------------------------------------------------------- 4. releases list

  private void releasesList() throws Exception {
    waitUntil(this::engineIdle, Duration.ofSeconds(60), "the engine to be idle");
    vacuum();
    put("4. load average before", loadAverage());
    Gql list = new Gql(clients, baton.port(), TOKEN, listClients);
    Buffer body = Gql.body(LIST_QUERY, Map.of());
    JsonObject sample = Gql.await(list.post(body)).toJsonObject();
    int nodes = sample.getJsonObject("data").getJsonObject("releases").getJsonArray("nodes").size();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicBoolean measuring = new AtomicBoolean();
    AtomicLong done = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<Stats> perClient = new ArrayList<>();
    List<Promise<Void>> finished = new ArrayList<>();
    for (int i = 0; i < listClients; i++) {
      Stats stats = new Stats();
      perClient.add(stats);
      Promise<Void> end = Promise.promise();
      finished.add(end);
      Runnable[] loop = new Runnable[1];
      loop[0] =
          () -> {
            if (!running.get()) {
              end.tryComplete();
              return;
            }
            long t0 = System.nanoTime();
            list.post(body)
                .onComplete(
                    r -> {
                      boolean ok =
                          r.succeeded()
                              && r.result().length() > 100
                              && r.result().getByte(2) == 'd';
                      if (measuring.get()) {
                        if (ok) {
                          synchronized (stats) {
                            stats.add((System.nanoTime() - t0) / 1000);
                          }
                          done.incrementAndGet();
                        } else {
                          errors.incrementAndGet();
                        }
                      }
                      loop[0].run();
                    });
          };
      clients.runOnContext(v -> loop[0].run());
    }
    Thread.sleep(
        Integer.getInteger("bench.listWarmup", 10)
            * 1000L); // JIT: the list's code paths are new here
    if (Boolean.getBoolean("bench.diag")) {
      try (Connection c = DriverManager.getConnection(jdbcUrl);
          Statement s = c.createStatement()) {
        s.execute("SELECT pg_stat_statements_reset()");
      }
    }
    measuring.set(true);
    double[] cpuBefore = cpuSeconds();
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    measuring.set(false);
    double elapsed = (System.nanoTime() - t0) / 1e9;
    double[] cpuAfter = cpuSeconds();
    put(
        "4. CPU used (cores busy: Baton JVM incl. load generator / PostgreSQL / whole machine; JVM GC, JIT)",
        String.format(
            "%.2f / %.2f / %.2f; %.2f, %.2f",
            (cpuAfter[0] - cpuBefore[0]) / elapsed,
            (cpuAfter[1] - cpuBefore[1]) / elapsed,
            (cpuAfter[2] - cpuBefore[2]) / elapsed,
            (cpuAfter[3] - cpuBefore[3]) / elapsed,
            (cpuAfter[4] - cpuBefore[4]) / elapsed));
    long count = done.get();
    running.set(false);
    Gql.await(Future.all(finished.stream().map(Promise::future).toList()));
    Stats all = new Stats();
    perClient.forEach(all::addAll);
    if (Boolean.getBoolean("bench.diag")) {
      printStatements("calls", 8, count, "request");
      explain(ReleaseSqlAccess.PAGE_WITH_STEPS, "int", "21");
      explain(
          ReleaseSqlAccess.EVENTS_AFTER,
          "bigint, bigint, bigint, bigint, bigint, bigint, int",
          (eventCounts()[3] - 50) + ", 0, null, null, null, null, 500");
      explain(
          ReleaseSqlAccess.CLAIM, "timestamptz, text, int, timestamptz", "now(), 'x', 64, now()");
    }
    put(
        "4. releases list: "
            + listClients
            + " concurrent clients (in-JVM, keep-alive HTTP/1.1), "
            + nodes
            + " releases with their steps per response",
        String.format(
            "%.0f requests/s; %s; errors %d", count / elapsed, all.summary(), errors.get()));
    if (!"false".equals(System.getProperty("bench.wrk")) && onPath("wrk")) {
      releasesListWithWrk(body);
    }
  }

  /**
   * The same load from wrk, a client written in C in a process of its own: it takes less of the two
   * cores than the in-JVM client does, so more of them is left to the server.
   */
  private void releasesListWithWrk(Buffer body) throws Exception {
    Path script = Files.createTempFile("bench-list", ".lua");
    Files.writeString(
        script,
        "wrk.method = \"POST\"\n"
            + "wrk.body = [["
            + body.toString()
            + "]]\n"
            + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
            + "wrk.headers[\"Accept\"] = \"application/json\"\n"
            + "wrk.headers[\"Authorization\"] = \"Bearer "
            + TOKEN
            + "\"\n");
    double[] cpuBefore = cpuSeconds();
    long t0 = System.nanoTime();
    Process wrk =
        new ProcessBuilder(
                "wrk",
                "-t2",
                "-c" + listClients,
                "-d" + seconds + "s",
                "--latency",
                "-s",
                script.toString(),
                "http://localhost:" + baton.port() + "/graphql")
            .redirectErrorStream(true)
            .start();
    String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    wrk.waitFor();
    double elapsed = (System.nanoTime() - t0) / 1e9;
    double[] cpuAfter = cpuSeconds();
    output.lines().forEach(l -> System.out.println("[wrk] " + l));
    String rate = wrkValue(output, "Requests/sec:");
    String p50 = wrkValue(output, "50%");
    String p90 = wrkValue(output, "90%");
    String p99 = wrkValue(output, "99%");
    String non2xx =
        output.lines().filter(l -> l.contains("Non-2xx")).findFirst().orElse("Non-2xx: none");
    put(
        "4. releases list, same load from wrk (" + listClients + " connections, 2 threads)",
        String.format(
            "%s requests/s; p50=%s p90=%s p99=%s; %s", rate, p50, p90, p99, non2xx.trim()));
    put(
        "4. with wrk: CPU used (cores busy: Baton JVM / PostgreSQL / whole machine incl. wrk)",
        String.format(
            "%.2f / %.2f / %.2f",
            (cpuAfter[0] - cpuBefore[0]) / elapsed,
            (cpuAfter[1] - cpuBefore[1]) / elapsed,
            (cpuAfter[2] - cpuBefore[2]) / elapsed));
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

  private static boolean onPath(String program) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
  }

  // ---------------------------------------------------------------- 3. many subscriptions

  private void manySubscriptions() throws Exception {
    waitUntil(this::engineIdle, Duration.ofSeconds(60), "the engine to be idle");
    vacuum();
    List<String> subscribed =
        productNames.values().stream()
            .filter(n -> !n.equals(LATENCY_PRODUCT))
            .sorted()
            .limit(subscribedProducts)
            .toList();
    long heapBefore = heapAfterGc();
    long directBefore = directMemory();
    int subsBefore = baton.services().releases().subscribers();
    String classpath = System.getProperty("java.class.path");
    Process fleet =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g",
                "-XX:+UseParallelGC",
                "-cp",
                classpath,
                SubscriberFleet.class.getName(),
                String.valueOf(baton.port()),
                TOKEN,
                String.valueOf(subscriptions),
                String.join(",", subscribed))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(fleet.getInputStream(), StandardCharsets.UTF_8));
    PrintWriter in = new PrintWriter(fleet.getOutputStream(), true, StandardCharsets.UTF_8);
    long openStart = System.nanoTime();
    String ready = expect(out, "READY");
    double openSeconds = (System.nanoTime() - openStart) / 1e9;
    // Identical subscriptions share one execution, so the event feed holds one subscriber per
    // subscribed product, not one per subscription: wait for those, and count the fleet's.
    waitUntil(
        () -> baton.services().releases().subscribers() - subsBefore >= subscribed.size(),
        Duration.ofSeconds(60),
        "the server to hold every product's subscription");
    int feedSubscribers = baton.services().releases().subscribers() - subsBefore;
    int live = Integer.parseInt(ready.split(" ")[1]);
    long heapAfter = heapAfterGc();
    long directAfter = directMemory();
    if (Boolean.getBoolean("bench.diag")) {
      Process histo =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                  String.valueOf(ProcessHandle.current().pid()),
                  "GC.class_histogram")
              .redirectErrorStream(true)
              .start();
      new String(histo.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .limit(60)
          .forEach(l -> System.out.println("[histo] " + l));
    }
    put(
        "3. subscriptions opened",
        ready
            + " ("
            + feedSubscribers
            + " shared executions on the server's event feed), in "
            + String.format("%.1f s", openSeconds));
    put(
        "3. server heap per subscription (used heap after full GC, before vs after opening, / n)",
        String.format(
            "%.1f KB (heap %d MB -> %d MB)",
            (heapAfter - heapBefore) / 1024.0 / live, heapBefore >> 20, heapAfter >> 20));
    put(
        "3. server direct (Netty) memory per subscription",
        String.format(
            "%.1f KB (%d MB -> %d MB)",
            (directAfter - directBefore) / 1024.0 / live, directBefore >> 20, directAfter >> 20));

    // Warm-up: two releases per product, so that every subscriber has seen events (and the JIT has
    // seen them).
    Map<String, Integer> eventsPerProduct = new ConcurrentHashMap<>();
    AtomicInteger running = new AtomicInteger();
    Set<String> subscribedSet = Set.copyOf(subscribed);
    AtomicBoolean counting = new AtomicBoolean();
    Stats feedLag = new Stats();
    Subscription feed =
        subscribeInProcess(
            event -> {
              String product = productNames.get(event.productId());
              if (product == null || !subscribedSet.contains(product)) {
                return;
              }
              if (counting.get()) {
                eventsPerProduct.merge(product, 1, Integer::sum);
                synchronized (feedLag) {
                  feedLag.add(ChronoUnit.MICROS.between(event.at(), Instant.now()));
                }
              }
              if (event.environmentId() == null && event.status().isTerminal()) {
                running.decrementAndGet();
              }
            });
    Map<String, Buffer> bodyOf = new LinkedHashMap<>();
    subscribed.forEach(
        name ->
            bodyOf.put(
                name,
                Gql.body(
                    "mutation($p: String!) { triggerPromotionFlow("
                        + "input: {flow: \""
                        + FLOW
                        + "\", product: $p}) { id } }",
                    Map.of("p", name))));
    for (int round = 0; round < 2; round++) {
      for (String product : subscribed) {
        running.incrementAndGet();
        Gql.await(gql.post(bodyOf.get(product)));
        Thread.sleep(100);
      }
    }
    waitUntil(() -> running.get() == 0, Duration.ofSeconds(60), "the warm-up releases to end");
    Thread.sleep(2000);
    for (int rate : subscriptionRates) {
      in.println("RESET");
      expect(out, "RESET");
      eventsPerProduct.clear();
      synchronized (feedLag) {
        feedLag.clear();
      }
      put("3. load average before the " + rate + "/s run", loadAverage());
      counting.set(true);
      int releases = rate * seconds;
      double[] cpuBefore = cpuSeconds();
      long start = System.nanoTime();
      for (int i = 0; i < releases; i++) {
        running.incrementAndGet();
        gql.post(bodyOf.get(subscribed.get(i % subscribed.size())));
        long due = start + (i + 1) * 1_000_000_000L / rate;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
      waitUntil(() -> running.get() == 0, Duration.ofSeconds(120), "the releases to end");
      Thread.sleep(3000);
      counting.set(false);
      double elapsed = (System.nanoTime() - start) / 1e9;
      double[] cpuAfter = cpuSeconds();
      long expected =
          eventsPerProduct.values().stream()
              .mapToLong(n -> (long) n * subscriptions / subscribed.size())
              .sum();
      in.println("REPORT");
      String[] stats = expect(out, "STATS").split(" ");
      put(
          "3. at " + rate + " releases/s",
          String.format(
              "%d releases round-robin over %d products (%d subscribers "
                  + "each): %.0f messages/s to clients",
              releases,
              subscribed.size(),
              subscriptions / subscribed.size(),
              Long.parseLong(stats[1]) / (double) seconds));
      put(
          "3. at "
              + rate
              + " releases/s: commit -> client (event `at`, set before commit, to receipt in the "
              + "subscriber process)",
          String.format(
              "n=%s (expected %d) p50=%s ms p90=%s ms p99=%s ms max=%s ms",
              stats[1], expected, stats[2], stats[3], stats[4], stats[5]));
      synchronized (feedLag) {
        put(
            "3. at "
                + rate
                + " releases/s: event `at` -> handed to an in-process subscriber by the feed",
            feedLag.summary());
      }
      put(
          "3. at "
              + rate
              + " releases/s: CPU used (cores busy: Baton JVM / PostgreSQL / whole machine incl. the "
              + "subscriber process)",
          String.format(
              "%.2f / %.2f / %.2f",
              (cpuAfter[0] - cpuBefore[0]) / elapsed,
              (cpuAfter[1] - cpuBefore[1]) / elapsed,
              (cpuAfter[2] - cpuBefore[2]) / elapsed));
    }
    feed.cancel();
    in.println("EXIT");
    fleet.waitFor(30, TimeUnit.SECONDS);
    fleet.destroy();
  }

  static String expect(BufferedReader out, String prefix) throws Exception {
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new IllegalStateException("the subscriber fleet ended before saying " + prefix);
  }

  static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(300);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long directMemory() {
    long netty = PlatformDependent.usedDirectMemory();
    long nio =
        ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(b -> b.getName().equals("direct"))
            .mapToLong(BufferPoolMXBean::getMemoryUsed)
            .sum();
    return Math.max(netty, 0) + nio;
  }

  // ---------------------------------------------------------------- 7. webhook delivery

  private final int webhookDelayMs = Integer.getInteger("bench.webhookDelayMs", 200);
  private final int webhookEvents = Integer.getInteger("bench.webhookEvents", 10_000);
  private final int webhookWaitMinutes = Integer.getInteger("bench.webhookWaitMinutes", 60);

  /**
   * Issue 13's webhook figure: the engine's transition rate (figure 1's loop) without webhooks and
   * with one webhook registered for every event type whose receiver (a Vert.x HTTP server on a
   * Vert.x of its own) answers each POST after {@code bench.webhookDelayMs}, in the order without,
   * with, without, with (the webhook deleted in between and registered again), so that a drift over
   * the run (tables growing, other load) weighs on both alike; then the time until the receiver has
   * answered {@code bench.webhookEvents} deliveries of the second webhook.
   */
  private void webhookDelivery() throws Exception {
    String mode = System.getProperty("bench.webhookTrigger", "service");
    String e = "7. webhooks";
    Vertx receiverVertx = Vertx.vertx();
    AtomicInteger answered = new AtomicInteger();
    AtomicLong lastAnsweredMicros = new AtomicLong();
    try {
      HttpServer receiver =
          receiverVertx
              .createHttpServer()
              .requestHandler(
                  request ->
                      request
                          .body()
                          .onComplete(
                              body ->
                                  receiverVertx.setTimer(
                                      webhookDelayMs,
                                      id -> {
                                        request.response().setStatusCode(204).end();
                                        if (answered.incrementAndGet() <= webhookEvents) {
                                          lastAnsweredMicros.set(epochMicros());
                                        }
                                      })))
              .listen(0, "127.0.0.1")
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      String url = "http://127.0.0.1:" + receiver.actualPort() + "/hook";
      put(
          e + ": webhook",
          "one, for every release and step event type, CLOUDEVENTS, signed; its receiver answers"
              + " 204 "
              + webhookDelayMs
              + " ms after each request, on a Vert.x of its own in the harness's JVM");
      double[] without = new double[2];
      double[] with = new double[2];
      for (int round = 0; round < 2; round++) {
        vacuum();
        without[round] =
            engineThroughput(mode, e + ", engine without webhooks, run " + (round + 1));
        registerSlowWebhook(url);
        vacuum();
        with[round] =
            engineThroughput(mode, e + ", engine with the slow webhook, run " + (round + 1));
        if (round == 0) {
          gql.await("mutation { deleteWebhook(name: \"bench-slow\") { name } }", Map.of());
          answered.set(0);
        }
      }
      long engineEndMicros = epochMicros();
      long[] outbox =
          longs(
              "SELECT count(*), (extract(epoch FROM min(created_at)) * 1000000)::bigint"
                  + " FROM webhook_delivery");
      long[] wanted =
          longs(
              "SELECT count(*) FROM release_event e, webhook w WHERE w.name = 'bench-slow'"
                  + " AND e.at >= w.created_at"
                  + " AND webhook_event_type(e.environment_id, e.status, e.previous_status)"
                  + " IS NOT NULL");
      double withMean = (with[0] + with[1]) / 2;
      double withoutMean = (without[0] + without[1]) / 2;
      put(
          e + ": transition rate with the webhook beside without",
          String.format(
              "%.0f/s with (%.0f, %.0f), %.0f/s without (%.0f, %.0f): %.1f%% %s (target: under"
                  + " 10%% lower); when the engine stopped, %d events for the second webhook in"
                  + " the log, %d of them fed to it as deliveries",
              withMean,
              with[0],
              with[1],
              withoutMean,
              without[0],
              without[1],
              Math.abs(100 * (1 - withMean / withoutMean)),
              withMean <= withoutMean ? "lower" : "higher",
              wanted[0],
              outbox[0]));
      boolean all =
          waitFor(() -> answered.get() >= webhookEvents, Duration.ofMinutes(webhookWaitMinutes));
      long[] tenth =
          longs(
              "SELECT count(*) FILTER (WHERE status = 'DELIVERED'),"
                  + " count(*) FILTER (WHERE status = 'FAILED'),"
                  + " count(*) FILTER (WHERE attempts > 1)"
                  + " FROM (SELECT status, attempts FROM webhook_delivery ORDER BY id LIMIT "
                  + webhookEvents
                  + ") d");
      double tookSeconds = (lastAnsweredMicros.get() - outbox[1]) / 1e6;
      int done = Math.min(answered.get(), webhookEvents);
      put(
          e + ": delivery",
          String.format(
              "%s %d deliveries answered %.1f s after the first was fed from the log"
                  + " (%.1f a second, %.1f ms each; the engine had stopped %.1f s after it);"
                  + " of the first %d fed: %d DELIVERED, %d FAILED, %d needed more than"
                  + " one attempt",
              all ? "all" : "only (waited " + webhookWaitMinutes + " minutes)",
              done,
              tookSeconds,
              done / tookSeconds,
              tookSeconds * 1000 / done,
              (engineEndMicros - outbox[1]) / 1e6,
              webhookEvents,
              tenth[0],
              tenth[1],
              tenth[2]));
    } finally {
      receiverVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private void registerSlowWebhook(String url) throws Exception {
    gql.await(
        """
        mutation($u: String!) { createWebhook(input: {name: "bench-slow", url: $u,
          secret: "bench-webhook-secret-0123456789abcdef",
          events: [RELEASE_STARTED, RELEASE_SUCCEEDED, RELEASE_FAILED, RELEASE_TERMINATED,
                   RELEASE_SUSPENDED, STEP_STARTED, STEP_SUCCEEDED, STEP_FAILED, STEP_SUSPENDED]})
          { name } }""",
        Map.of("u", url));
  }

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

  private static long epochMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
  }

  /** Polls every 100 ms; whether {@code condition} held before the timeout. */
  private static boolean waitFor(BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(100);
    }
    return true;
  }

  // ---------------------------------------------------------------- output

  private void put(String key, String value) {
    report.put(key, value);
    System.out.println("[bench] " + key + ": " + value);
  }

  private void print() throws Exception {
    StringBuilder md = new StringBuilder();
    report.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    Path file = Path.of("target", "benchmarks", "latest.md");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "| what | measured |\n|---|---|\n" + md);
    System.out.println();
    System.out.println(Files.readString(file));
  }

  static void waitUntil(BooleanSupplier condition, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  private void close() {
    try {
      if (baton != null) {
        baton.close();
      }
      if (clients != null) {
        clients.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
      if (postgres != null) {
        postgres.close();
      }
    } catch (Exception e) {
      System.err.println("closing: " + e);
    }
  }
}
