package io.baton.bench;

import io.baton.Baton;
import io.baton.Config;
import io.baton.release.EngineOptions;
import io.baton.release.EventFeed.ReleaseEvent;
import io.baton.release.PromotionAction;
import io.baton.release.SourcePinner;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The {@code hot} phase of the harness (issue 16's figure 1): a Baton of its own with one product
 * (an application in dev, qa and prod; flow {@code hot-none}: dev -> qa -> prod, NONE steps), and
 * {@code bench.hotSubscribers} identical WebSocket subscriptions to that product's events, opened
 * by a {@link SubscriberFleet} in a JVM of its own. Releases of the product then run one after
 * another (the next once every subscriber has received every event of the previous), and the fleet
 * records, for each event each subscriber receives, the time from the event's {@code at} (set in
 * the writing transaction, before its commit) to its receipt. Also measured: the server's heap per
 * subscription (used heap after full GC, before and after opening, / n), the time from {@code at}
 * to an in-process subscriber of the event feed (the floor under the fan-out), and the CPU of the
 * Baton JVM, of PostgreSQL and of the subscriber process while the releases run.
 */
final class HotFanoutBenchmark {
  static final String TOKEN = "bench-hot-admin-token-0123456789abcdef0123";
  static final String FLOW = "hot-none";
  static final String PRODUCT = "hot-product";

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
  private final String jdbcUrl;
  private final BiConsumer<String, String> put;
  private final int subscribers = Integer.getInteger("bench.hotSubscribers", 10_000);
  private final int releases = Integer.getInteger("bench.hotReleases", 20);
  private final int warmup = Integer.getInteger("bench.hotWarmup", 3);

  private Baton baton;
  private Vertx clients;
  private Gql gql;
  private Process fleet;
  private BufferedReader fleetOut;
  private PrintWriter fleetIn;
  private long productId;

  /** Events of the product seen by the in-process subscriber, by release id, once it has ended. */
  private final Map<String, CompletableFuture<Integer>> ended = new ConcurrentHashMap<>();

  private final Map<String, AtomicInteger> eventsOf = new ConcurrentHashMap<>();
  private final Stats feedLag = new Stats();
  private volatile boolean counting;

  /**
   * @param port the embedded PostgreSQL's port; the phase creates a database of its own there
   * @param postgresJdbcUrl a JDBC URL of that server's {@code postgres} database
   */
  HotFanoutBenchmark(int port, String postgresJdbcUrl, BiConsumer<String, String> put) {
    this.port = port;
    this.jdbcUrl =
        "jdbc:postgresql://localhost:" + port + "/baton_hot?user=postgres&password=postgres";
    this.put = put;
    try (Connection c = DriverManager.getConnection(postgresJdbcUrl);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE baton_hot");
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
    startBaton();
    createWorld();
    subscribeInProcess();
    long heapBefore = Benchmarks.heapAfterGc();
    long openStart = System.nanoTime();
    startFleet();
    String ready = Benchmarks.expect(fleetOut, "READY");
    double openSeconds = PhaseProbe.seconds(openStart);
    int live = Integer.parseInt(ready.split(" ")[1]);
    PhaseProbe.waitFor(
        () -> baton.services().releases().subscribers(),
        2,
        Duration.ofSeconds(60),
        "the shared execution's subscription to the event feed");
    long heapAfter = Benchmarks.heapAfterGc();
    put(
        "setup",
        String.format(
            "one product, an application in dev, qa and prod; flow %s (dev -> qa -> prod, NONE"
                + " steps); %d identical subscriptions to the product's releaseEvents (%s) from a"
                + " subscriber process of its own; %d releases one after another (the next once"
                + " every subscriber has every event of the previous), after %d warm-up",
            FLOW, subscribers, Benchmarks.SUBSCRIPTION_SELECTION, releases, warmup));
    put(
        "subscriptions opened",
        String.format(
            "%s in %.1f s (the event feed holds %d subscribers: the shared execution and the"
                + " harness's own)",
            ready, openSeconds, baton.services().releases().subscribers()));
    put(
        "server heap per subscription (used heap after full GC, before vs after opening, / n)",
        String.format(
            "%.1f KB (heap %d MB -> %d MB)",
            (heapAfter - heapBefore) / 1024.0 / live, heapBefore >> 20, heapAfter >> 20));

    Buffer trigger =
        Gql.body(
            "mutation { triggerPromotionFlow(input: {flow: \""
                + FLOW
                + "\", product: \""
                + PRODUCT
                + "\"}) { id } }",
            Map.of());
    for (int i = 0; i < warmup; i++) {
      release(trigger, live);
    }
    fleetIn.println("RESET");
    Benchmarks.expect(fleetOut, "RESET");
    synchronized (feedLag) {
      feedLag.clear();
    }
    put("load average before the releases", Benchmarks.loadAverage());
    PhaseProbe probe = new PhaseProbe(jdbcUrl);
    double[] cpuBefore = probe.cpuSeconds();
    double fleetBefore = processCpuSeconds(fleet.pid());
    Instant from = Instant.now();
    long start = System.nanoTime();
    counting = true;
    long events = 0;
    for (int i = 0; i < releases; i++) {
      events += release(trigger, live);
    }
    counting = false;
    double elapsed = PhaseProbe.seconds(start);
    double[] cpuAfter = probe.cpuSeconds();
    double fleetAfter = processCpuSeconds(fleet.pid());
    put("releases ran", from + " to " + Instant.now() + " (to line up a profile)");
    put("load average after the releases", Benchmarks.loadAverage());
    fleetIn.println("REPORT");
    String[] stats = Benchmarks.expect(fleetOut, "STATS").split(" ");
    put(
        "commit -> client (event `at`, set before commit, to receipt in the subscriber process)",
        String.format(
            "n=%s (expected %d: %d events x %d subscribers) p50=%s ms p90=%s ms p99=%s ms max=%s"
                + " ms",
            stats[1], events * live, events, live, stats[2], stats[3], stats[4], stats[5]));
    synchronized (feedLag) {
      put("event `at` -> handed to an in-process subscriber by the feed", feedLag.summary());
    }
    put(
        "CPU while the releases ran (cores busy: Baton JVM / PostgreSQL / subscriber process)",
        String.format(
            "%.2f / %.2f / %.2f over %.1f s (%.0f messages/s to clients)",
            (cpuAfter[0] - cpuBefore[0]) / elapsed,
            (cpuAfter[1] - cpuBefore[1]) / elapsed,
            (fleetAfter - fleetBefore) / elapsed,
            elapsed,
            Long.parseLong(stats[1]) / elapsed));
  }

  /**
   * Runs one release to its end and waits until every subscriber has received each of its events;
   * returns how many events it had.
   */
  private int release(Buffer trigger, int live) throws Exception {
    long before = received();
    String id =
        Gql.await(gql.post(trigger))
            .toJsonObject()
            .getJsonObject("data")
            .getJsonObject("triggerPromotionFlow")
            .getString("id");
    int events =
        ended.computeIfAbsent(id, k -> new CompletableFuture<>()).get(60, TimeUnit.SECONDS);
    PhaseProbe.waitFor(
        () -> received() - before,
        (long) events * live,
        Duration.ofSeconds(120),
        "every subscriber to receive release " + id + "'s " + events + " events");
    return events;
  }

  private long received() {
    fleetIn.println("COUNT");
    try {
      return Long.parseLong(Benchmarks.expect(fleetOut, "COUNT").split(" ")[1]);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void startFleet() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx2g", "-XX:+UseParallelGC"));
    // Options of the subscriber process's own (a profiler while tuning), space-separated.
    String extra = System.getProperty("bench.hotFleetJvm", "").trim();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            SubscriberFleet.class.getName(),
            String.valueOf(baton.port()),
            TOKEN,
            String.valueOf(subscribers),
            PRODUCT));
    fleet = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    fleetOut =
        new BufferedReader(new InputStreamReader(fleet.getInputStream(), StandardCharsets.UTF_8));
    fleetIn = new PrintWriter(fleet.getOutputStream(), true, StandardCharsets.UTF_8);
  }

  /**
   * The harness's own subscriber on the event feed: counts each release's events, and their lag.
   */
  private void subscribeInProcess() throws Exception {
    Publisher<ReleaseEvent> events =
        Gql.await(baton.services().releases().events(null, null, null));
    CompletableFuture<Void> subscribed = new CompletableFuture<>();
    events.subscribe(
        new Subscriber<>() {
          @Override
          public void onSubscribe(Subscription s) {
            s.request(Long.MAX_VALUE);
            subscribed.complete(null);
          }

          @Override
          public void onNext(ReleaseEvent event) {
            if (event.productId() != productId) {
              return;
            }
            String release = String.valueOf(event.releaseId());
            int count =
                eventsOf.computeIfAbsent(release, k -> new AtomicInteger()).incrementAndGet();
            if (counting) {
              synchronized (feedLag) {
                feedLag.add(ChronoUnit.MICROS.between(event.at(), Instant.now()));
              }
            }
            if (event.environmentId() == null && event.status().isTerminal()) {
              ended.computeIfAbsent(release, k -> new CompletableFuture<>()).complete(count);
            }
          }

          @Override
          public void onError(Throwable t) {
            t.printStackTrace();
          }

          @Override
          public void onComplete() {}
        });
    subscribed.get(10, TimeUnit.SECONDS);
  }

  private void startBaton() throws Exception {
    Config config =
        Config.fromEnvironment(
            Map.of(
                "BATON_PORT",
                "0",
                "BATON_DATA_DIR",
                Files.createTempDirectory("baton-bench-hot").toString(),
                "BATON_DATABASE_URL",
                "postgresql://postgres:postgres@localhost:" + port + "/baton_hot",
                "BATON_ADMIN_TOKEN",
                TOKEN),
            List.of());
    baton =
        Baton.start(
                config,
                Clock.systemUTC(),
                new Baton.Parts(NO_GIT, PINNED, EngineOptions.defaults()))
            .toCompletionStage()
            .toCompletableFuture()
            .get(120, TimeUnit.SECONDS);
    clients = Vertx.vertx();
    gql = new Gql(clients, baton.port(), TOKEN, 4);
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
            + "\", triggerEnvironment: \"dev\", steps: [{environment: \"qa\", action: NONE},"
            + " {environment: \"prod\", action: NONE}]}) { name } }",
        Map.of());
    StringBuilder apps = new StringBuilder();
    for (String env : List.of("dev", "qa", "prod")) {
      apps.append(
          String.format(
              " %s: createApplication(input: {name: \"%s-%s\", product: $p, environment: \"%s\","
                  + " repoUrl: \"file:///nowhere/bench.git\"}) { name }",
              env, PRODUCT, env, env));
    }
    productId =
        Long.parseLong(
            gql.await(
                    "mutation($p: String!) { createProduct(input: {name: $p}) { id }" + apps + " }",
                    Map.of("p", PRODUCT))
                .getJsonObject("createProduct")
                .getString("id"));
  }

  /** CPU seconds used so far by a process, from /proc/pid/stat (utime + stime). */
  private static double processCpuSeconds(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
  }

  private void put(String key, String value) {
    put.accept("16.1 Hot fan-out: " + key, value);
  }

  private void close() {
    try {
      if (fleet != null) {
        fleetIn.println("EXIT");
        fleet.waitFor(30, TimeUnit.SECONDS);
        fleet.destroy();
      }
      if (baton != null) {
        baton.close();
      }
      if (clients != null) {
        clients.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      System.err.println("closing the hot phase: " + e);
    }
  }
}
