package io.baton.bench;

import io.baton.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The {@code instances} phase of the harness (issue 16's figure 5): Baton instances as processes of
 * their own ({@link BenchInstance}, each with a fixed heap, {@code bench.instanceHeap}) on one
 * PostgreSQL, first 1 and then 4 ({@code bench.instanceCounts}), each count on a database of its
 * own, measured from outside their JVMs:
 *
 * <ul>
 *   <li><b>transitions/s</b>: {@code bench.instanceProducts} products triggering back to back over
 *       GraphQL, product i on instance i mod n; each product's next trigger is sent when its
 *       release's terminal event arrives on a WebSocket subscription to that product on the same
 *       instance (figure 1a's loop, its events read over the wire instead of in-process);
 *   <li><b>list requests/s</b>: figure 4's releases list from wrk, one wrk process per instance,
 *       {@code bench.listClients} connections split between them;
 *   <li><b>subscriptions held</b>: {@link InstanceSubscribers} processes ({@code
 *       bench.instanceFleets}) open WebSocket subscriptions spread evenly over the instances and
 *       over {@code bench.instanceSubscribedProducts} products, in steps (the totals {@code
 *       bench.instanceSubscriptionSteps}); after each step releases run at {@code
 *       bench.instanceReleasesPerSecond} for {@code bench.instanceSubscriptionSeconds} over those
 *       products, and the step is held when every event reached every subscriber and commit ->
 *       client p99 stayed under 100 ms. The figure is the last step held; the ladder stops at the
 *       first step not held (latency, a lost event, a subscription refused or an instance ending,
 *       e.g. out of its heap) or after its last step.
 * </ul>
 *
 * <p>Every instance's data directory, JIT and heap are its own; the subscriber processes and wrk
 * run on the same machine, so on a small one they take CPU from the instances in both counts.
 */
final class InstancesBenchmark {
  static final String TOKEN = "bench-instances-admin-token-0123456789abcdef";
  private static final String FLOW = Benchmarks.FLOW;
  private static final double HELD_P99_MILLIS = 100;
  private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "TERMINATED");

  private final int port;
  private final String postgresJdbcUrl;
  private final BiConsumer<String, String> put;
  private final List<Integer> counts =
      Arrays.stream(System.getProperty("bench.instanceCounts", "1,4").split(","))
          .map(String::trim)
          .map(Integer::parseInt)
          .toList();
  private final String parts =
      System.getProperty("bench.instanceParts", "idle,transitions,fixed,list,subscriptions");
  private final int fixedRate = Integer.getInteger("bench.instanceFixedReleasesPerSecond", 20);
  private final int idleSeconds = Integer.getInteger("bench.instanceIdleSeconds", 10);
  private final String heap = System.getProperty("bench.instanceHeap", "512m");
  private final String poolSize = System.getProperty("bench.instancePoolSize", "");
  private final int products = Integer.getInteger("bench.instanceProducts", 200);
  private final int seconds = Integer.getInteger("bench.instanceSeconds", 20);
  // Each instance's JVM compiles its own hot code, on a quarter of the traffic when there are four:
  // longer than figure 1's 8 s.
  private final int warmup = Integer.getInteger("bench.instanceWarmup", 20);
  private final int listClients = Integer.getInteger("bench.listClients", 32);
  private final int listWarmup = Integer.getInteger("bench.instanceListWarmup", 20);
  private final int subscribedProducts =
      Integer.getInteger("bench.instanceSubscribedProducts", 100);
  private final int releasesPerSecond = Integer.getInteger("bench.instanceReleasesPerSecond", 2);
  private final int subscriptionSeconds =
      Integer.getInteger("bench.instanceSubscriptionSeconds", 10);
  private final List<Integer> steps =
      Arrays.stream(
              System.getProperty(
                      "bench.instanceSubscriptionSteps",
                      "1000,2500,5000,10000,15000,19000,25000,30000,40000,50000,60000,70000,76000")
                  .split(","))
          .map(String::trim)
          .map(Integer::parseInt)
          .toList();
  // A process may hold 20,000 open files here: five of them hold 80,000 client sockets.
  private final int fleets = Integer.getInteger("bench.instanceFleets", 5);

  /**
   * The most sockets one instance is asked to hold: a process on the benchmark machine may have
   * 20,000 open files ({@code ulimit -n}, which cannot be raised there), and a server past it stops
   * accepting, so that a step beyond it would wait for ever rather than fail.
   */
  private final int socketsPerInstance = Integer.getInteger("bench.instanceMaxSockets", 19_000);

  private final String fleetHeap = System.getProperty("bench.instanceFleetHeap", "512m");

  private final Map<Integer, Map<String, Double>> figures = new LinkedHashMap<>();
  private Vertx clients;
  private String jdbcUrl;
  private String database;
  private PhaseProbe probe;
  private final List<Instance> instances = new ArrayList<>();
  private final Map<Long, String> productNames = new HashMap<>();

  /**
   * @param port the embedded PostgreSQL's port; the phase creates a database there per count
   * @param postgresJdbcUrl a JDBC URL of that server's {@code postgres} database
   */
  InstancesBenchmark(int port, String postgresJdbcUrl, BiConsumer<String, String> put) {
    this.port = port;
    this.postgresJdbcUrl = postgresJdbcUrl;
    this.put = put;
  }

  void run() throws Exception {
    put(
        "setup",
        String.format(
            "instances %s, each a JVM of its own (-Xmx%s%s) with figure 1's test doubles for Git,"
                + " on one PostgreSQL, a fresh database per count; clients outside their JVMs",
            counts, heap, poolSize.isEmpty() ? "" : ", BATON_DATABASE_POOL_SIZE=" + poolSize));
    clients = Vertx.vertx();
    try {
      for (int n : counts) {
        round(n);
      }
      compare();
    } finally {
      stopInstances();
      clients.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private void round(int n) throws Exception {
    database = "baton_instances_" + n;
    try (Connection c = DriverManager.getConnection(postgresJdbcUrl);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    jdbcUrl =
        TestPostgres.inBatonSchema(postgresJdbcUrl.replace("/postgres?", "/" + database + "?"));
    figures.put(n, new LinkedHashMap<>());
    startInstances(n);
    probe = new PhaseProbe(jdbcUrl);
    createWorld();
    if (parts.contains("idle")) {
      idle(n);
    }
    put(
        n,
        "connections to the database after start (pg_stat_activity)",
        String.valueOf(probe.count(connectionsSql())));
    if (parts.contains("transitions")) {
      transitions(n);
    }
    if (parts.contains("fixed")) {
      fixedRate(n);
    }
    if (parts.contains("list")) {
      list(n);
    }
    if (parts.contains("subscriptions")) {
      subscriptions(n);
    }
    stopInstances();
  }

  // ---------------------------------------------------------------- instances

  private record Instance(Process process, int port, Gql gql) {}

  private void startInstances(int n) throws Exception {
    String url = "postgresql://postgres:postgres@localhost:" + port + "/" + database;
    List<Process> started = new ArrayList<>();
    List<CompletableFuture<Integer>> ports = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx" + heap,
                  "-XX:+ExitOnOutOfMemoryError",
                  "-cp",
                  System.getProperty("java.class.path"),
                  BenchInstance.class.getName())
              .redirectErrorStream(true);
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(name -> name.startsWith("BATON_"));
      env.put("BATON_PORT", "0");
      env.put("BATON_DATA_DIR", Files.createTempDirectory("baton-bench-instance").toString());
      env.put("BATON_DATABASE_URL", url);
      env.put("BATON_ADMIN_TOKEN", TOKEN);
      if (!poolSize.isEmpty()) {
        env.put("BATON_DATABASE_POOL_SIZE", poolSize);
      }
      Process process = builder.start();
      started.add(process);
      ports.add(listening(process, i));
    }
    for (int i = 0; i < n; i++) {
      int p = ports.get(i).get(180, TimeUnit.SECONDS);
      instances.add(new Instance(started.get(i), p, new Gql(clients, p, TOKEN, 256)));
    }
  }

  /** Reads an instance's log until it listens; then keeps reading it, echoing its warnings. */
  private static CompletableFuture<Integer> listening(Process process, int index) {
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              String marker = "Baton is listening on http://localhost:";
              int echoed = 0;
              try (BufferedReader log =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = log.readLine(); line != null; line = log.readLine()) {
                  int at = line.indexOf(marker);
                  if (at >= 0) {
                    String rest = line.substring(at + marker.length());
                    port.complete(Integer.parseInt(rest.substring(0, rest.indexOf('/'))));
                  } else if ((line.contains("WARN") || line.contains("ERROR") || !port.isDone())
                      && echoed++ < 40) {
                    System.out.println("[instance " + index + "] " + line);
                  }
                }
                port.completeExceptionally(
                    new IllegalStateException(
                        "instance " + index + " ended: exit " + process.waitFor()));
              } catch (IOException | InterruptedException e) {
                port.completeExceptionally(e);
              }
            },
            "bench-instance-log-" + index);
    reader.setDaemon(true);
    reader.start();
    return port;
  }

  private void stopInstances() throws InterruptedException {
    for (Instance instance : instances) {
      instance.process().destroy();
    }
    for (Instance instance : instances) {
      if (!instance.process().waitFor(60, TimeUnit.SECONDS)) {
        instance.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    instances.clear();
  }

  private String deadInstances() {
    List<String> dead = new ArrayList<>();
    for (int i = 0; i < instances.size(); i++) {
      if (!instances.get(i).process().isAlive()) {
        dead.add("instance " + i + " ended (exit " + instances.get(i).process().exitValue() + ")");
      }
    }
    return String.join(", ", dead);
  }

  private void createWorld() {
    Gql gql = instances.get(0).gql();
    for (String env : List.of("dev", "qa", "prod")) {
      gql.await(
          "mutation($n: String!) { createEnvironment(input: {name: $n}) { name } }",
          Map.of("n", env));
    }
    gql.await(
        "mutation { createPromotionFlow(input: {name: \""
            + FLOW
            + "\", version: \"1.0\", triggerEnvironment: \"dev\", steps: [{environment: \"qa\","
            + " action: NONE}, {environment: \"prod\", action: NONE}]}) { name } }",
        Map.of());
    productNames.clear();
    List<Future<JsonObject>> created = new ArrayList<>();
    for (int i = 0; i < Math.max(products, subscribedProducts); i++) {
      String name = product(i);
      StringBuilder apps = new StringBuilder();
      for (String env : List.of("dev", "qa", "prod")) {
        apps.append(
            String.format(
                " %s: createApplication(input: {name: \"%s-%s\", product: $p, environment: \"%s\","
                    + " repoUrl: \"file:///nowhere/bench.git\"}) { name }",
                env, name, env, env));
      }
      created.add(
          gql.data(
                  "mutation($p: String!) { createProduct(input: {name: $p}) { id }" + apps + " }",
                  Map.of("p", name))
              .onSuccess(
                  d -> {
                    synchronized (productNames) {
                      productNames.put(
                          Long.parseLong(d.getJsonObject("createProduct").getString("id")), name);
                    }
                  }));
    }
    Gql.await(Future.all(created));
  }

  private static String product(int i) {
    return String.format("bench-%04d", i + 1);
  }

  // ---------------------------------------------------------------- transitions/s

  private void transitions(int n) throws Exception {
    AtomicBoolean triggering = new AtomicBoolean(true);
    AtomicInteger outstanding = new AtomicInteger();
    AtomicLong failures = new AtomicLong();
    List<Runnable> triggers = new ArrayList<>();
    for (int i = 0; i < products; i++) {
      Gql gql = instances.get(i % n).gql();
      Buffer body =
          Gql.body(
              "mutation($p: String!) { triggerPromotionFlow(input: {flow: \""
                  + FLOW
                  + "\", product: $p}) { id } }",
              Map.of("p", product(i)));
      Runnable[] trigger = new Runnable[1];
      trigger[0] =
          () -> {
            if (!triggering.get()) {
              return;
            }
            outstanding.incrementAndGet();
            gql.post(body)
                .onComplete(
                    r -> {
                      if (r.failed() || r.result().toString().contains("\"errors\"")) {
                        if (failures.incrementAndGet() <= 5) {
                          System.err.println(
                              "trigger failed: " + (r.failed() ? r.cause() : r.result()));
                        }
                        outstanding.decrementAndGet();
                        clients.setTimer(100, id -> trigger[0].run());
                      }
                    });
          };
      triggers.add(trigger[0]);
    }
    WebSocketClient ws =
        clients.createWebSocketClient(
            new WebSocketClientOptions().setMaxConnections(products + 10));
    List<Future<WebSocket>> sockets = new ArrayList<>();
    for (int i = 0; i < products; i++) {
      Runnable trigger = triggers.get(i);
      sockets.add(
          subscribe(
              ws,
              instances.get(i % n).port(),
              "subscription { releaseEvents(product: \""
                  + product(i)
                  + "\") { status environment { name } } }",
              event -> {
                if (event.getValue("environment") == null
                    && TERMINAL.contains(event.getString("status"))) {
                  outstanding.decrementAndGet();
                  trigger.run();
                }
              }));
    }
    Gql.await(Future.all(sockets));
    Thread.sleep(2_000); // the server registers a subscription a moment after it is written
    triggers.forEach(Runnable::run);
    Thread.sleep(warmup * 1000L);
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement()) {
      s.execute("ANALYZE release, release_step, release_event");
    }
    Thread.sleep(2_000);
    long[] before = eventCounts();
    double[] cpuBefore = cpu();
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    long[] after = eventCounts();
    double[] cpuAfter = cpu();
    long connections = probe.count(connectionsSql());
    double elapsed = PhaseProbe.seconds(t0);
    triggering.set(false);
    PhaseProbe.waitFor(
        () -> outstanding.get() <= 0 ? 1 : 0, 1, Duration.ofSeconds(60), "the last releases");
    sockets.forEach(s -> s.result().close());
    ws.close();
    double transitions = (after[0] - before[0]) / elapsed;
    figures.get(n).put("transitions", transitions);
    put(
        n,
        "transitions/s (status changes committed, GraphQL triggers of "
            + products
            + " products back to back, spread over the instances)",
        String.format(
            "%.0f/s; releases completed %.0f/s; failed triggers %d; connections to the database"
                + " while running: %d",
            transitions, (after[1] - before[1]) / elapsed, failures.get(), connections));
    put(n, "transitions: CPU " + cpuLabel(), cpuText(cpuBefore, cpuAfter, elapsed));
    put(
        n,
        "transitions: CPU per 1,000 transitions (instances / PostgreSQL)",
        costText(cpuBefore, cpuAfter, (after[0] - before[0]) / 1000.0));
    put(
        n,
        "transitions: database transactions per 1,000 transitions (pg_stat_database.xact_commit)",
        String.format("%.0f", (after[2] - before[2]) * 1000.0 / (after[0] - before[0])));
  }

  /**
   * A subscription of the transitions loop, tried again on failure (on a loaded machine a socket
   * may wait longer for its first message than the server allows).
   */
  private Future<WebSocket> subscribe(
      WebSocketClient ws, int port, String query, Consumer<JsonObject> onEvent) {
    Future<WebSocket> first = WsSubscription.open(ws, port, TOKEN, query, onEvent);
    for (int attempt = 1; attempt < 5; attempt++) {
      first = first.recover(e -> WsSubscription.open(ws, port, TOKEN, query, onEvent));
    }
    return first;
  }

  /**
   * The same offered load for every count: {@code bench.instanceFixedReleasesPerSecond} releases a
   * second, triggered over GraphQL round-robin over the instances and the products, for {@code
   * bench.instanceSeconds}. What the work costs, in database transactions and in CPU per 1,000
   * transitions, without the difference in throughput (and so in how much each transaction groups)
   * that a closed loop brings.
   */
  private void fixedRate(int n) throws Exception {
    waitForIdle();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < products; i++) {
      names.add(product(i));
    }
    releasesAt(names, fixedRate, Math.min(5, seconds)); // warm-up
    waitForIdle();
    long[] before = eventCounts();
    double[] cpuBefore = cpu();
    long t0 = System.nanoTime();
    releasesAt(names, fixedRate, seconds);
    waitForIdle();
    long[] after = eventCounts();
    double[] cpuAfter = cpu();
    double elapsed = PhaseProbe.seconds(t0);
    double thousands = (after[0] - before[0]) / 1000.0;
    put(
        n,
        "at " + fixedRate + " releases/s offered: per 1,000 transitions",
        String.format(
            "%.0f database transactions; CPU (instances / PostgreSQL) %s; %.0f transitions/s;"
                + " CPU %s: %s",
            (after[2] - before[2]) / thousands,
            costText(cpuBefore, cpuAfter, thousands),
            (after[0] - before[0]) / elapsed,
            cpuLabel(),
            cpuText(cpuBefore, cpuAfter, elapsed)));
  }

  /** [status changes, releases ended, transactions committed in the database] so far. */
  private long[] eventCounts() throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FILTER (WHERE previous_status IS NOT NULL), count(*) FILTER"
                    + " (WHERE environment_id IS NULL AND status IN ('SUCCEEDED', 'FAILED',"
                    + " 'TERMINATED')), (SELECT xact_commit FROM pg_stat_database WHERE datname ="
                    + " current_database()) FROM release_event")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
    }
  }

  /**
   * What N instances cost the database with no work to do: their pollers and feed readers. Counted
   * in transactions (each statement outside a transaction is one), which do not depend on the share
   * of the machine the run gets.
   */
  private void idle(int n) throws Exception {
    Thread.sleep(5_000); // the start's own work done
    long[] before = eventCounts();
    double[] cpuBefore = cpu();
    long t0 = System.nanoTime();
    Thread.sleep(idleSeconds * 1000L);
    long[] after = eventCounts();
    double[] cpuAfter = cpu();
    double elapsed = PhaseProbe.seconds(t0);
    put(
        n,
        "idle: database transactions/s (pg_stat_database.xact_commit); CPU " + cpuLabel(),
        String.format(
            "%.1f/s; %s", (after[2] - before[2]) / elapsed, cpuText(cpuBefore, cpuAfter, elapsed)));
  }

  // ---------------------------------------------------------------- list requests/s

  private void list(int n) throws Exception {
    waitForIdle();
    vacuum();
    Path script = Files.createTempFile("bench-instances-list", ".lua");
    Files.writeString(
        script,
        "wrk.method = \"POST\"\n"
            + "wrk.body = [["
            + Gql.body(Benchmarks.LIST_QUERY, Map.of())
            + "]]\n"
            + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
            + "wrk.headers[\"Accept\"] = \"application/json\"\n"
            + "wrk.headers[\"Authorization\"] = \"Bearer "
            + TOKEN
            + "\"\n");
    wrk(script, listWarmup); // JIT: the list's code paths are new to these instances
    double[] cpuBefore = cpu();
    long t0 = System.nanoTime();
    List<String> outputs = wrk(script, seconds);
    double elapsed = PhaseProbe.seconds(t0);
    double[] cpuAfter = cpu();
    double rate = 0;
    List<String> each = new ArrayList<>();
    for (String output : outputs) {
      double r = Double.parseDouble(wrkValue(output, "Requests/sec:"));
      rate += r;
      each.add(
          String.format(
              "%.0f/s p50=%s p99=%s%s",
              r,
              wrkValue(output, "50%"),
              wrkValue(output, "99%"),
              output.contains("Non-2xx") ? " (non-2xx answers!)" : ""));
    }
    figures.get(n).put("list", rate);
    put(
        n,
        "releases list (figure 4's query) from wrk, "
            + listClients
            + " connections split over the instances",
        String.format("%.0f requests/s in all; per instance: %s", rate, String.join("; ", each)));
    put(n, "list: CPU " + cpuLabel() + " incl. wrk", cpuText(cpuBefore, cpuAfter, elapsed));
    put(
        n,
        "list: CPU per request (instances / PostgreSQL)",
        costText(cpuBefore, cpuAfter, rate * elapsed));
  }

  /** One wrk per instance, all at once; their outputs. */
  private List<String> wrk(Path script, int duration) throws Exception {
    int n = instances.size();
    int connections = Math.max(1, listClients / n);
    List<Process> running = new ArrayList<>();
    for (Instance instance : instances) {
      running.add(
          new ProcessBuilder(
                  "wrk",
                  "-t" + Math.max(1, Math.min(connections, 2 / n)),
                  "-c" + connections,
                  "-d" + duration + "s",
                  "--latency",
                  "-s",
                  script.toString(),
                  "http://localhost:" + instance.port() + "/graphql")
              .redirectErrorStream(true)
              .start());
    }
    List<String> outputs = new ArrayList<>();
    for (Process wrk : running) {
      outputs.add(new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      wrk.waitFor();
    }
    return outputs;
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

  // ---------------------------------------------------------------- subscriptions held

  private void subscriptions(int n) throws Exception {
    waitForIdle();
    vacuum();
    List<String> subscribed = new ArrayList<>();
    for (int i = 0; i < subscribedProducts; i++) {
      subscribed.add(product(i));
    }
    String ports = String.join(",", instances.stream().map(i -> String.valueOf(i.port())).toList());
    List<Process> fleetProcesses = new ArrayList<>();
    List<BufferedReader> outs = new ArrayList<>();
    List<PrintWriter> ins = new ArrayList<>();
    for (int f = 0; f < fleets; f++) {
      Process fleet =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx" + fleetHeap,
                  "-XX:+UseParallelGC",
                  "-cp",
                  System.getProperty("java.class.path"),
                  InstanceSubscribers.class.getName(),
                  ports,
                  TOKEN,
                  String.join(",", subscribed),
                  String.valueOf(f),
                  String.valueOf(fleets))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      fleetProcesses.add(fleet);
      outs.add(
          new BufferedReader(
              new InputStreamReader(fleet.getInputStream(), StandardCharsets.UTF_8)));
      ins.add(new PrintWriter(fleet.getOutputStream(), true, StandardCharsets.UTF_8));
    }
    put(
        n,
        "subscriptions: how held is measured",
        String.format(
            "%d subscriber processes (-Xmx%s) open WebSocket subscriptions spread evenly over the"
                + " instances and %d products, in steps to %s open; after each, %d releases/s"
                + " for %d s over those products; a step is held when every event reached every"
                + " subscriber with commit -> client p99 under %.0f ms",
            fleets,
            fleetHeap,
            subscribedProducts,
            steps,
            releasesPerSecond,
            subscriptionSeconds,
            HELD_P99_MILLIS));
    int[] opened = new int[fleets];
    int total = 0;
    int held = 0;
    String stopped = "after its last step";
    try {
      for (int step : steps) {
        if ((step + n - 1) / n > socketsPerInstance) {
          stopped =
              String.format(
                  "before %d: more than %d sockets an instance, this machine's open-file limit per"
                      + " process (bench.instanceMaxSockets)",
                  step, socketsPerInstance);
          break;
        }
        int add = step - total;
        long openStart = System.nanoTime();
        for (int f = 0; f < fleets; f++) {
          int share = add / fleets + (f < add % fleets ? 1 : 0);
          opened[f] += share;
          ins.get(f).println("OPEN " + share);
        }
        int open = 0;
        int failed = 0;
        for (int f = 0; f < fleets; f++) {
          String[] answer = expect(outs.get(f), "OPENED").split(" ");
          open += Integer.parseInt(answer[1]);
          failed += Integer.parseInt(answer[2]);
        }
        total += add;
        double openSeconds = PhaseProbe.seconds(openStart);
        String dead = deadInstances();
        if (failed > 0 || !dead.isEmpty()) {
          stopped =
              String.format(
                  "at %d: %d of %d subscriptions not opened%s",
                  total, failed, open + failed, dead.isEmpty() ? "" : ", " + dead);
          break;
        }
        Thread.sleep(2_000); // the server registers a subscription a moment after it is written
        releasesAt(subscribed, Math.max(1, releasesPerSecond), 2); // warm-up
        waitForIdle();
        Thread.sleep(1_000);
        for (PrintWriter in : ins) {
          in.println("RESET");
        }
        for (BufferedReader out : outs) {
          expect(out, "RESET");
        }
        long lastRelease = probe.count("SELECT coalesce(max(id), 0) FROM release");
        double[] cpuBefore = cpu();
        long t0 = System.nanoTime();
        releasesAt(subscribed, releasesPerSecond, subscriptionSeconds);
        waitForIdle();
        Thread.sleep(3_000); // the last events on their way
        double elapsed = PhaseProbe.seconds(t0);
        double[] cpuAfter = cpu();
        long[] buckets = new long[0];
        long received = 0;
        for (int f = 0; f < fleets; f++) {
          ins.get(f).println("REPORT");
          String[] hist = expect(outs.get(f), "HIST").split(" ");
          received += Long.parseLong(hist[1]);
          for (int i = 2; i < hist.length; i++) {
            int colon = hist[i].indexOf(':');
            int bucket = Integer.parseInt(hist[i].substring(0, colon));
            if (bucket >= buckets.length) {
              buckets = Arrays.copyOf(buckets, bucket + 1);
            }
            buckets[bucket] += Long.parseLong(hist[i].substring(colon + 1));
          }
        }
        long expected = expectedMessages(lastRelease, subscribed, opened, n);
        double p50 = percentile(buckets, 50);
        double p99 = percentile(buckets, 99);
        dead = deadInstances();
        boolean isHeld = p99 < HELD_P99_MILLIS && received >= expected && dead.isEmpty();
        put(
            n,
            "subscriptions: " + total + " open",
            String.format(
                "%s; opened in %.1f s; %d messages of %d expected (%.0f/s), commit -> client"
                    + " p50=%.1f ms p99=%.1f ms; instances' RSS %s; CPU %s: %s; per 1,000"
                    + " messages (instances / PostgreSQL): %s%s",
                isHeld ? "held" : "NOT held",
                openSeconds,
                received,
                expected,
                received / (double) subscriptionSeconds,
                p50,
                p99,
                rss(),
                cpuLabel(),
                cpuText(cpuBefore, cpuAfter, elapsed),
                costText(cpuBefore, cpuAfter, Math.max(1, received) / 1000.0),
                dead.isEmpty() ? "" : "; " + dead));
        if (!isHeld) {
          stopped =
              String.format(
                  "at %d: %s",
                  total,
                  !dead.isEmpty()
                      ? dead
                      : received < expected
                          ? (expected - received) + " messages missing"
                          : String.format("p99 %.1f ms", p99));
          break;
        }
        held = total;
      }
    } finally {
      for (PrintWriter in : ins) {
        in.println("EXIT");
      }
      for (Process fleet : fleetProcesses) {
        if (!fleet.waitFor(30, TimeUnit.SECONDS)) {
          fleet.destroyForcibly();
        }
      }
    }
    figures.get(n).put("subscriptions", (double) held);
    put(
        n,
        "subscriptions held (p99 < 100 ms, every event delivered)",
        String.format("%d; the ladder stopped %s", held, stopped));
  }

  /** Releases at {@code rate} a second for {@code duration} seconds, round-robin. */
  private void releasesAt(List<String> subscribed, int rate, int duration) throws Exception {
    int n = instances.size();
    int releases = rate * duration;
    List<Future<Buffer>> sent = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < releases; i++) {
      Gql gql = instances.get(i % n).gql();
      Buffer body =
          Gql.body(
              "mutation($p: String!) { triggerPromotionFlow(input: {flow: \""
                  + FLOW
                  + "\", product: $p}) { id } }",
              Map.of("p", subscribed.get(i % subscribed.size())));
      // Sent again once if the request failed: a kept-alive connection that the server closed as
      // idle (BATON_HTTP_HEADER_TIMEOUT) between two phases may be picked just as it closes.
      sent.add(gql.post(body).recover(e -> gql.post(body)));
      long wait = start + (i + 1) * 1_000_000_000L / rate - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
    }
    Gql.await(Future.all(sent));
  }

  /** Every event of the releases after {@code lastRelease}, times its product's subscribers. */
  private long expectedMessages(long lastRelease, List<String> subscribed, int[] opened, int n)
      throws Exception {
    Map<String, Long> subscribers = new HashMap<>();
    for (int f = 0; f < fleets; f++) {
      for (int i = 0; i < opened[f]; i++) {
        int g = i * fleets + f;
        subscribers.merge(subscribed.get((g / n) % subscribed.size()), 1L, Long::sum);
      }
    }
    long expected = 0;
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        PreparedStatement s =
            c.prepareStatement(
                "SELECT product_id, count(*) FROM release_event WHERE release_id > ?"
                    + " GROUP BY product_id")) {
      s.setLong(1, lastRelease);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          expected += rs.getLong(2) * subscribers.getOrDefault(productNames.get(rs.getLong(1)), 0L);
        }
      }
    }
    return expected;
  }

  private static double percentile(long[] buckets, double p) {
    long count = Arrays.stream(buckets).sum();
    if (count == 0) {
      return Double.NaN;
    }
    long rank = (long) Math.ceil(p / 100 * count);
    long seen = 0;
    for (int i = 0; i < buckets.length; i++) {
      seen += buckets[i];
      if (seen >= rank) {
        return (i + 1) * 0.1; // the bucket's upper bound: 0.1 ms wide
      }
    }
    return buckets.length * 0.1;
  }

  private static String expect(BufferedReader out, String prefix) throws Exception {
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new IllegalStateException("a subscriber process ended before saying " + prefix);
  }

  // ---------------------------------------------------------------- comparison

  private void compare() {
    if (counts.size() < 2) {
      return;
    }
    int one = counts.get(0);
    for (int n : counts.subList(1, counts.size())) {
      List<String> ratios = new ArrayList<>();
      for (String figure : List.of("subscriptions", "transitions", "list")) {
        Double base = figures.get(one).get(figure);
        Double more = figures.get(n).get(figure);
        if (base != null && more != null && base > 0) {
          ratios.add(
              String.format("%s %.2fx (%.0f against %.0f)", figure, more / base, more, base));
        }
      }
      put.accept(
          "16.5 Instances: "
              + n
              + " against "
              + one
              + " (targets: subscriptions at least 3x,"
              + " transitions not lower)",
          String.join("; ", ratios));
    }
  }

  // ---------------------------------------------------------------- measuring

  private String connectionsSql() {
    return "SELECT count(*) FROM pg_stat_activity WHERE datname = '"
        + database
        + "' AND pid <> pg_backend_pid()";
  }

  private void waitForIdle() throws InterruptedException {
    PhaseProbe.waitFor(
        () ->
            probe.count(
                        "SELECT count(*) FROM release WHERE status IN ('QUEUED', 'RUNNING',"
                            + " 'SUSPENDED')")
                    == 0
                ? 1
                : 0,
        1,
        Duration.ofSeconds(120),
        "the engine to be idle");
  }

  private void vacuum() throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement()) {
      s.execute("VACUUM ANALYZE");
      s.execute("CHECKPOINT");
    }
  }

  private static String cpuLabel() {
    return "(cores busy: instances / PostgreSQL / harness JVM / whole machine)";
  }

  /** CPU seconds so far: [the instances, PostgreSQL, this JVM, the whole machine]. */
  private double[] cpu() throws Exception {
    double[] probed = probe.cpuSeconds();
    double mine = 0;
    for (Instance instance : instances) {
      try {
        String stat =
            Files.readString(Path.of("/proc", String.valueOf(instance.process().pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        mine += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
      } catch (IOException gone) {
        // the instance ended
      }
    }
    return new double[] {mine, probed[1], probed[0], Benchmarks.cpuSeconds()[2]};
  }

  private static String cpuText(double[] before, double[] after, double elapsed) {
    return String.format(
        "%.2f / %.2f / %.2f / %.2f",
        (after[0] - before[0]) / elapsed,
        (after[1] - before[1]) / elapsed,
        (after[2] - before[2]) / elapsed,
        (after[3] - before[3]) / elapsed);
  }

  /**
   * CPU time of the instances and of PostgreSQL per unit of work: what a figure costs, whatever
   * share of a shared machine the run got.
   */
  private static String costText(double[] before, double[] after, double units) {
    return String.format(
        "%.2f ms / %.2f ms",
        (after[0] - before[0]) * 1000 / units, (after[1] - before[1]) * 1000 / units);
  }

  private String rss() {
    List<String> each = new ArrayList<>();
    for (Instance instance : instances) {
      try {
        each.add(
            Files.readAllLines(Path.of("/proc", String.valueOf(instance.process().pid()), "status"))
                .stream()
                .filter(l -> l.startsWith("VmRSS"))
                .map(l -> (Long.parseLong(l.replaceAll("\\D", "")) >> 10) + " MB")
                .findFirst()
                .orElse("?"));
      } catch (IOException gone) {
        each.add("ended");
      }
    }
    return String.join(", ", each);
  }

  private void put(int n, String key, String value) {
    put.accept("16.5 Instances, " + n + (n == 1 ? " instance: " : " instances: ") + key, value);
  }

  private void put(String key, String value) {
    put.accept("16.5 Instances: " + key, value);
  }
}
