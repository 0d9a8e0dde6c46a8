package io.baton.bench;

import io.baton.Baton;
import io.baton.Config;
import io.baton.audit.Audit;
import io.baton.auth.Principal;
import io.baton.auth.Role;
import io.baton.release.EngineOptions;
import io.baton.release.EventFeed.ReleaseEvent;
import io.baton.release.PromotionAction;
import io.baton.release.ReleaseService;
import io.baton.release.SourcePinner;
import io.baton.testing.Poll;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.reactivestreams.Subscription;

/**
 * The {@code fresh} phase (issue 16's figure 4): the first {@code bench.freshReleases} (300)
 * releases on a new database against the same burst on the same database once it has run for a
 * while. A burst: {@code bench.freshProducts} products each trigger the flow {@code fresh-none}
 * (dev, qa, prod, NONE steps; in-process triggers) back to back, from an idle engine, until that
 * many releases have ended; its rate is that many over the time from the first trigger to the last
 * end. The first burst runs on a database just migrated, in a Baton just started; then the engine
 * runs back to back for {@code bench.freshRunSeconds} (past autovacuum's first look), and the burst
 * is repeated {@code bench.freshRounds} times. The JIT is warmed first by the same load on a Baton
 * of its own on another database, so that what is measured is the new database, not a new JVM.
 */
final class FreshDatabaseBenchmark {
  static final String ADMIN_TOKEN = "bench-fresh-admin-token-0123456789abcdef";
  static final String FLOW = "fresh-none";
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

  private final int port;
  private final String postgresJdbcUrl;
  private final BiConsumer<String, String> put;
  private final int products = Integer.getInteger("bench.freshProducts", 200);
  private final int burst = Integer.getInteger("bench.freshReleases", 300);
  private final int runSeconds = Integer.getInteger("bench.freshRunSeconds", 90);
  private final int rounds = Integer.getInteger("bench.freshRounds", 3);
  private final int warmSeconds = Integer.getInteger("bench.freshWarmSeconds", 30);

  /**
   * @param port the embedded PostgreSQL's port; the phase creates databases of its own there
   * @param postgresJdbcUrl a JDBC URL of that server's {@code postgres} database
   */
  FreshDatabaseBenchmark(int port, String postgresJdbcUrl, BiConsumer<String, String> put) {
    this.port = port;
    this.postgresJdbcUrl = postgresJdbcUrl;
    this.put = put;
  }

  void run() throws Exception {
    put(
        "setup",
        String.format(
            "%d products, flow %s (dev -> qa -> prod, NONE steps), in-process triggers back to"
                + " back; a burst: from an idle engine until %d releases ended; the JIT warmed"
                + " for %d s by the same load on another database first",
            products, FLOW, burst, warmSeconds));
    try (Engine warm = new Engine("baton_fresh_warmup")) {
      warm.run(Duration.ofSeconds(warmSeconds));
    }
    try (Engine fresh = new Engine("baton_fresh")) {
      String load = loadAverage();
      double first = fresh.burst();
      put(
          "the first " + burst + " releases on a new database",
          String.format("%.0f releases/s; load average before: %s", first, load));
      put(
          "then back to back on the new database, releases ended per second in each 10 s",
          fresh.run(Duration.ofSeconds(runSeconds)));
      double[] steady = new double[rounds];
      for (int i = 0; i < rounds; i++) {
        load = loadAverage();
        steady[i] = fresh.burst();
        put(
            "the same burst after "
                + runSeconds
                + " s of running, round "
                + (i + 1)
                + " ("
                + fresh.releasesSoFar()
                + " releases in the database)",
            String.format("%.0f releases/s; load average before: %s", steady[i], load));
      }
      double[] sorted = steady.clone();
      Arrays.sort(sorted);
      double median = sorted[rounds / 2];
      put(
          "first " + burst + " beside steady state",
          String.format(
              "%.2fx (%.0f/s against the median of %d later bursts, %.0f/s; target: at least"
                  + " 0.8x)",
              first / median, first, rounds, median));
    }
  }

  /** A Baton of its own on a new database, its products and flow, and the load. */
  private final class Engine implements AutoCloseable {
    private final Baton baton;
    private final Vertx vertx = Vertx.vertx();
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private final AtomicBoolean triggering = new AtomicBoolean();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong ended = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Subscription feed;
    private volatile long stopAfter = Long.MAX_VALUE;
    private final CompletableFuture<Long>[] lastEnd = newEnd();

    Engine(String database) throws Exception {
      try (Connection c = DriverManager.getConnection(postgresJdbcUrl);
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + database);
      }
      Config config =
          Config.fromEnvironment(
              Map.of(
                  "BATON_PORT",
                  "0",
                  "BATON_DATA_DIR",
                  Files.createTempDirectory("baton-bench-fresh").toString(),
                  "BATON_DATABASE_URL",
                  "postgresql://postgres:postgres@localhost:" + port + "/" + database,
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
      Gql gql = new Gql(vertx, baton.port(), ADMIN_TOKEN, 64);
      for (String env : List.of("dev", "qa", "prod")) {
        gql.await(
            "mutation($n: String!) { createEnvironment(input: {name: $n}) { name } }",
            Map.of("n", env));
      }
      gql.await(
          "mutation { createPromotionFlow(input: {name: \""
              + FLOW
              + "\", triggerEnvironment: \"dev\", steps: [{environment: \"qa\", action: NONE},"
              + " {environment: \"prod\", action: NONE}]}) { name } }",
          Map.of());
      List<Future<JsonObject>> created = new ArrayList<>();
      for (int i = 0; i < products; i++) {
        String name = String.format("fresh-%03d", i);
        created.add(
            gql.data(
                    "mutation($p: String!) { createProduct(input: {name: $p}) { id } "
                        + "dev: createApplication(input: {name: \""
                        + name
                        + "-dev\", product: $p, environment: \"dev\", repoUrl: "
                        + "\"file:///nowhere/fresh.git\"}) { name } "
                        + "qa: createApplication(input: {name: \""
                        + name
                        + "-qa\", product: $p, environment: \"qa\", repoUrl: "
                        + "\"file:///nowhere/fresh.git\"}) { name } "
                        + "prod: createApplication(input: {name: \""
                        + name
                        + "-prod\", product: $p, environment: \"prod\", repoUrl: "
                        + "\"file:///nowhere/fresh.git\"}) { name } }",
                    Map.of("p", name))
                .onSuccess(
                    d ->
                        names.put(
                            Long.parseLong(d.getJsonObject("createProduct").getString("id")),
                            name)));
      }
      Gql.await(Future.all(created));
      feed = subscribe(this::onEvent);
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<Long>[] newEnd() {
      return new CompletableFuture[] {new CompletableFuture<Long>()};
    }

    private void onEvent(ReleaseEvent event) {
      if (event.environmentId() == null && event.status().isTerminal()) {
        running.decrementAndGet();
        long n = ended.incrementAndGet();
        if (n >= stopAfter) {
          triggering.set(false);
          lastEnd[0].complete(System.nanoTime());
        }
        trigger(names.get(event.productId()));
      }
    }

    private void trigger(String product) {
      if (!triggering.get() || product == null) {
        return;
      }
      running.incrementAndGet();
      baton
          .services()
          .releases()
          .trigger(
              new ReleaseService.Trigger(FLOW, product, null),
              BENCH,
              Audit.of(BENCH.name(), "triggerPromotionFlow", Map.of("product", product)))
          .onFailure(
              e -> {
                failures.incrementAndGet();
                running.decrementAndGet();
                vertx.setTimer(100, id -> trigger(product));
              });
    }

    /** Releases per second of a burst of {@code burst} releases from an idle engine. */
    double burst() throws Exception {
      Poll.until(running::get, n -> n <= 0, Duration.ofSeconds(60), "the engine to be idle");
      lastEnd[0] = new CompletableFuture<>();
      stopAfter = ended.get() + burst;
      triggering.set(true);
      long t0 = System.nanoTime();
      names.values().forEach(this::trigger);
      long end = lastEnd[0].get(5, TimeUnit.MINUTES);
      return burst / ((end - t0) / 1e9);
    }

    /** Back to back for a while, then idle; releases ended per second in each 10 s. */
    String run(Duration duration) throws Exception {
      Poll.until(running::get, n -> n <= 0, Duration.ofSeconds(60), "the engine to be idle");
      stopAfter = Long.MAX_VALUE;
      triggering.set(true);
      names.values().forEach(this::trigger);
      StringBuilder rates = new StringBuilder();
      long deadline = System.nanoTime() + duration.toNanos();
      while (deadline - System.nanoTime() > 1_000_000_000L) {
        long before = ended.get();
        long t0 = System.nanoTime();
        Thread.sleep(Math.min(10_000, Math.max(1, (deadline - t0) / 1_000_000)));
        rates
            .append(rates.length() == 0 ? "" : ", ")
            .append(Math.round((ended.get() - before) / ((System.nanoTime() - t0) / 1e9)));
      }
      triggering.set(false);
      Poll.until(running::get, n -> n <= 0, Duration.ofSeconds(60), "the engine to be idle");
      return rates.toString();
    }

    long releasesSoFar() {
      return ended.get();
    }

    @Override
    public void close() throws Exception {
      triggering.set(false);
      feed.cancel();
      baton.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Subscription subscribe(Consumer<ReleaseEvent> onEvent) throws Exception {
      return Benchmarks.subscribeInProcess(baton, onEvent);
    }
  }

  private static String loadAverage() throws Exception {
    return Files.readString(Path.of("/proc/loadavg")).trim();
  }

  private void put(String key, String value) {
    put.accept("16.4 Fresh database: " + key, value);
  }
}
