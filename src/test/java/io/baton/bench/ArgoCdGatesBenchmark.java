package io.baton.bench;

import static io.baton.bench.PhaseProbe.epochMicros;
import static io.baton.bench.PhaseProbe.seconds;
import static io.baton.bench.PhaseProbe.waitFor;

import io.baton.Baton;
import io.baton.Config;
import io.baton.argocd.ArgoCdPoller;
import io.baton.argocd.ArgoCdStandInProcess;
import io.baton.git.GitFixture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The {@code argocd} phase of the harness (issue 12's benchmark), through the engine as a user runs
 * it: a Baton of its own (real Git over file://, the product's engine defaults and Argo CD poll
 * interval), holding a bearer token for an Argo CD stand-in that runs in a process of its own
 * ({@link ArgoCdStandInProcess}). N products, each with a bare repository of its own (dev/, qa/,
 * prod/ folders), promoted by the flow {@code argocd-gated}: dev -> qa (a commit, then an {@code
 * ARGOCD} gate) -> prod (a commit). All N are triggered over GraphQL; while every qa step waits
 * (the stand-in says OutOfSync and Progressing at an older revision), the stand-in's list requests
 * are counted per poll interval, and its refresh requests apart from them (one per commit: Argo
 * CD's API has no batch refresh). Then the stand-in turns every application Synced and Healthy at
 * its step's commit, and the time until every qa step is {@code SUCCEEDED} is measured.
 */
final class ArgoCdGatesBenchmark {
  static final String ADMIN_TOKEN = "bench-argocd-admin-token-0123456789abcdef";
  static final String ARGOCD_TOKEN = "bench-argocd-bearer-token";
  static final String FLOW = "argocd-gated";
  static final String OLD_REVISION = "1111111111111111111111111111111111111111";

  private final int port;
  private final String jdbcUrl;
  private final PhaseProbe probe;
  private final BiConsumer<String, String> put;
  private final int releases = Integer.getInteger("bench.argocdReleases", 1000);
  private final int waitingIntervals = Integer.getInteger("bench.argocdWaitingIntervals", 6);
  private final Duration interval = ArgoCdPoller.DEFAULT_INTERVAL;

  private Process standIn;
  private PrintStream standInIn;
  private BufferedReader standInOut;
  private Baton baton;
  private Vertx clients;
  private Gql gql;

  /**
   * @param port the embedded PostgreSQL's port; the phase creates a database of its own there
   * @param postgresJdbcUrl a JDBC URL of that server's {@code postgres} database
   */
  ArgoCdGatesBenchmark(int port, String postgresJdbcUrl, BiConsumer<String, String> put) {
    this.port = port;
    this.jdbcUrl = postgresJdbcUrl.replace("/postgres?", "/baton_argocd?");
    this.probe = new PhaseProbe(jdbcUrl);
    this.put = put;
    try (Connection c = DriverManager.getConnection(postgresJdbcUrl);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE baton_argocd");
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
        releases
            + " products, each with its own bare repository over file:// (dev/, qa/, prod/);"
            + " flow "
            + FLOW
            + ": dev -> qa (COMMIT, then an ARGOCD gate) -> prod (COMMIT); qa's Argo CD server is"
            + " the stand-in, in a process of its own; poll interval "
            + interval
            + " (the product's default), engine defaults");
    Path repos = Files.createTempDirectory("baton-bench-argocd-repos");
    long t0 = System.nanoTime();
    List<String> urls = createRepositories(repos);
    put("repositories created", String.format("%d in %.1f s", releases, seconds(t0)));
    startStandIn();
    String argocdUrl = expect("READY").substring("READY ".length());
    for (int i = 0; i < releases; i++) {
      standInIn.println("SET " + product(i) + "-qa OutOfSync " + OLD_REVISION + " Progressing");
    }
    standInIn.println("APPLY");
    expect("APPLIED");
    startBaton(repos, argocdUrl);
    t0 = System.nanoTime();
    createWorld(urls, argocdUrl);
    put("catalog created over GraphQL", String.format("%.1f s", seconds(t0)));

    long triggerStart = System.nanoTime();
    long triggerStartMicros = epochMicros();
    trigger();
    double triggered = seconds(triggerStart);
    waitFor(
        () -> probe.count("SELECT count(*) FROM " + QA_STEPS + " AND s.commit_sha IS NOT NULL"),
        releases,
        Duration.ofMinutes(10),
        "every qa commit");
    double committed = seconds(triggerStart);
    waitFor(() -> counts().refreshes(), releases, Duration.ofMinutes(5), "every refresh");
    double refreshed = seconds(triggerStart);
    put(
        "triggers and commits",
        String.format(
            "%d triggerPromotionFlow mutations answered in %.1f s (32 connections);"
                + " every qa commit pushed %.1f s after the first trigger; every refresh asked"
                + " %.1f s after it",
            releases, triggered, committed, refreshed));
    expectNone("SELECT count(*) FROM release WHERE status IN ('FAILED', 'TERMINATED')", "failed");

    int getsBefore = counts().gets();
    long waitStartMicros = epochMicros();
    long transactionsBefore = probe.count("SELECT txid_snapshot_xmax(txid_current_snapshot())");
    double[] cpuBefore = probe.cpuSeconds();
    Thread.sleep(interval.toMillis() * waitingIntervals);
    double[] cpuAfter = probe.cpuSeconds();
    long transactions =
        probe.count("SELECT txid_snapshot_xmax(txid_current_snapshot())") - transactionsBefore;
    long waitEndMicros = epochMicros();
    double waitSeconds = (waitEndMicros - waitStartMicros) / 1e6;
    Counts waiting = counts();
    long running = probe.count("SELECT count(*) FROM " + QA_STEPS + " AND s.status = 'RUNNING'");
    long prodPending =
        probe.count(
            "SELECT count(*) FROM release_step s JOIN environment e ON e.id = s.environment_id"
                + " WHERE e.name = 'prod' AND s.status = 'PENDING'");
    String message = probe.string("SELECT s.message FROM " + QA_STEPS + " LIMIT 1");
    List<Long> inWindow =
        waiting.listsAt().stream().filter(t -> t >= waitStartMicros && t < waitEndMicros).toList();
    put(
        "while all wait",
        String.format(
            "%d qa steps RUNNING, %d prod steps PENDING; a qa step says \"%s\"",
            running, prodPending, message));
    put(
        "list requests while all wait",
        String.format(
            "%d in %d intervals (%.1f s): %.2f per interval; other requests meanwhile: %d",
            inWindow.size(),
            waitingIntervals,
            (waitEndMicros - waitStartMicros) / 1e6,
            inWindow.size() / ((waitEndMicros - waitStartMicros) / 1e3 / interval.toMillis()),
            waiting.gets() - getsBefore));
    List<Long> sinceTrigger =
        waiting.listsAt().stream().filter(t -> t >= triggerStartMicros).toList();
    put(
        "cost of waiting",
        String.format(
            "%d write transactions (%.0f per interval: each gate's check writes its outcome);"
                + " CPU %.2f cores of the harness JVM (Baton and its clients) and %.2f of"
                + " PostgreSQL",
            transactions,
            transactions / (waitSeconds * 1000 / interval.toMillis()),
            (cpuAfter[0] - cpuBefore[0]) / waitSeconds,
            (cpuAfter[1] - cpuBefore[1]) / waitSeconds));
    put(
        "list requests from the first trigger to the end of the wait",
        String.format(
            "%d in %.1f s; most in any one interval: %d; shortest gap between two: %.2f s;"
                + " the gaps: %s (the first %d lists came before the wait)",
            sinceTrigger.size(),
            (waitEndMicros - triggerStartMicros) / 1e6,
            mostInOneInterval(sinceTrigger),
            shortestGap(sinceTrigger) / 1e6,
            gaps(sinceTrigger),
            sinceTrigger.size() - inWindow.size()));
    put(
        "refresh requests",
        String.format(
            "%d (one per qa commit, asked by the gate's first check; Argo CD's API has no batch"
                + " refresh); single-application requests in all: %d; refused: %d",
            waiting.refreshes(), waiting.gets(), waiting.refused()));

    Map<String, String> commits = qaCommits();
    // The worst moment: just after a poll, so that every gate sees Healthy only a whole interval
    // later, at the next one.
    int listsSoFar = counts().lists();
    waitFor(() -> counts().lists(), listsSoFar + 1, interval.multipliedBy(3), "the next poll");
    commits.forEach(
        (product, commit) ->
            standInIn.println("SET " + product + "-qa Synced " + commit + " Healthy"));
    standInIn.println("APPLY");
    String[] applied = expect("APPLIED").split(" ");
    long switchMicros = Long.parseLong(applied[1]);
    long switchedMicros = Long.parseLong(applied[2]);
    waitFor(
        () -> probe.count("SELECT count(*) FROM " + QA_STEPS + " AND s.status = 'SUCCEEDED'"),
        releases,
        Duration.ofSeconds(5 * interval.toSeconds()),
        "every qa step to succeed");
    long seenMicros = epochMicros();
    long lastMicros =
        probe.count(
            "SELECT (extract(epoch FROM max(at)) * 1000000)::bigint FROM release_event ev"
                + " JOIN environment e ON e.id = ev.environment_id"
                + " WHERE e.name = 'qa' AND ev.status = 'SUCCEEDED'");
    long firstMicros =
        probe.count(
            "SELECT (extract(epoch FROM min(at)) * 1000000)::bigint FROM release_event ev"
                + " JOIN environment e ON e.id = ev.environment_id"
                + " WHERE e.name = 'qa' AND ev.status = 'SUCCEEDED'");
    put(
        "all Healthy -> every qa step SUCCEEDED",
        String.format(
            "last qa SUCCEEDED event %.2f s after the switch (%.2f intervals; first %.2f s);"
                + " seen by the harness's poll of the database after %.2f s; the switch of %d"
                + " applications took %.1f ms",
            (lastMicros - switchMicros) / 1e6,
            (lastMicros - switchMicros) / 1e3 / interval.toMillis(),
            (firstMicros - switchMicros) / 1e6,
            (seenMicros - switchMicros) / 1e6,
            commits.size(),
            (switchedMicros - switchMicros) / 1e3));
    waitFor(
        () -> probe.count("SELECT count(*) FROM release WHERE status = 'SUCCEEDED'"),
        releases,
        Duration.ofMinutes(10),
        "every release to succeed");
    double prodDone = (epochMicros() - switchMicros) / 1e6;
    Counts after = counts();
    long pollBeforeSwitch =
        after.listsAt().stream().filter(t -> t < switchMicros).reduce((a, b) -> b).orElseThrow();
    long pollAfterSwitch =
        after.listsAt().stream().filter(t -> t >= switchedMicros).findFirst().orElseThrow();
    Stats succeeded = new Stats();
    qaSucceededMicros().forEach(t -> succeeded.add(Math.max(0, t - pollAfterSwitch)));
    put(
        "the poll that saw them Healthy",
        String.format(
            "the switch came %.3f s after a list request (the worst moment: the gates see it only"
                + " at the next poll); the next list request came %.2f s after the switch; from"
                + " that request to each qa SUCCEEDED event: p50 %.2f s, p90 %.2f s, max %.2f s",
            (switchMicros - pollBeforeSwitch) / 1e6,
            (pollAfterSwitch - switchMicros) / 1e6,
            succeeded.percentileMillis(50) / 1e3,
            succeeded.percentileMillis(90) / 1e3,
            succeeded.percentileMillis(100) / 1e3));
    put(
        "after the switch",
        String.format(
            "every release SUCCEEDED (prod committed) %.1f s after the switch; %d list requests"
                + " from the switch until then; refreshes in all: %d",
            prodDone,
            after.listsAt().stream().filter(t -> t >= switchMicros).count(),
            after.refreshes()));
  }

  /** A release's qa step, with its product ({@code p}) and release ({@code r}). */
  private static final String QA_STEPS =
      "release_step s JOIN environment e ON e.id = s.environment_id"
          + " JOIN release r ON r.id = s.release_id JOIN product p ON p.id = r.product_id"
          + " WHERE e.name = 'qa'";

  private static String product(int i) {
    return String.format("argo-%04d", i + 1);
  }

  private List<String> createRepositories(Path dir) {
    GitFixture git = new GitFixture(dir);
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < releases; i++) {
      Map<String, String> files = new LinkedHashMap<>();
      files.put("dev/values.yaml", values("dev", "1.1.0"));
      files.put("qa/values.yaml", values("qa", "1.0.0"));
      files.put("prod/values.yaml", values("prod", "1.0.0"));
      urls.add(GitFixture.url(git.bare(product(i), files)));
    }
    return urls;
  }

  private static String values(String env, String tag) {
    return "# "
        + env
        + "\nimage:\n  repository: example/app\n  tag: \""
        + tag
        + "\"\nreplicas: 2\n";
  }

  private void startStandIn() throws Exception {
    standIn =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                ArgoCdStandInProcess.class.getName(),
                ARGOCD_TOKEN)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    standInIn = new PrintStream(standIn.getOutputStream(), true, StandardCharsets.UTF_8);
    standInOut =
        new BufferedReader(new InputStreamReader(standIn.getInputStream(), StandardCharsets.UTF_8));
  }

  private void startBaton(Path repos, String argocdUrl) throws Exception {
    String host = argocdUrl.substring("http://".length());
    Config config =
        new Config(
            0,
            Files.createTempDirectory("baton-bench-argocd"),
            Optional.of("postgresql://postgres:postgres@localhost:" + port + "/baton_argocd"),
            Optional.of(ADMIN_TOKEN),
            false,
            List.of(),
            Duration.ofSeconds(60),
            Config.Git.DEFAULTS.withFileRoots(List.of(repos)),
            Config.Http.DEFAULTS,
            new Config.ArgoCd(Map.of(host, ARGOCD_TOKEN)));
    baton =
        Baton.start(config, Clock.systemUTC())
            .toCompletionStage()
            .toCompletableFuture()
            .get(120, TimeUnit.SECONDS);
    clients = Vertx.vertx();
    gql = new Gql(clients, baton.port(), ADMIN_TOKEN, 32);
  }

  private void createWorld(List<String> urls, String argocdUrl) {
    gql.await("mutation { createEnvironment(input: {name: \"dev\"}) { name } }", Map.of());
    gql.await(
        "mutation($s: String) { createEnvironment(input: {name: \"qa\", argocdServer: $s})"
            + " { name } }",
        Map.of("s", argocdUrl));
    gql.await(
        "mutation { createEnvironment(input: {name: \"prod\", kind: PROD}) { name } }", Map.of());
    gql.await(
        """
        mutation { createPromotionFlow(input: {name: "argocd-gated", timeout: "PT1H",
          description: "dev, qa (deployed and healthy in Argo CD), prod", triggerEnvironment: "dev",
          steps: [{environment: "qa", action: COMMIT, gates: [{kind: ARGOCD}]},
                  {environment: "prod", action: COMMIT}]}) { name } }""",
        Map.of());
    List<Future<JsonObject>> created = new ArrayList<>();
    for (int i = 0; i < releases; i++) {
      StringBuilder mutation =
          new StringBuilder(
              """
              mutation($p: String!, $u: String!) { createProduct(input: {name: $p, promotionTemplate: {
                versionSource: {file: "values.yaml", jsonPath: "$.image.tag"},
                promotion: [{file: "values.yaml", jsonPaths: ["$.image.tag"]}]}}) { id }
              """);
      for (String env : List.of("dev", "qa", "prod")) {
        mutation.append(
            String.format(
                " %1$s: createApplication(input: {name: \"%2$s-%1$s\", product: $p,"
                    + " environment: \"%1$s\", repoUrl: $u, path: \"%1$s\"}) { name }",
                env, product(i)));
      }
      mutation.append(" }");
      created.add(gql.data(mutation.toString(), Map.of("p", product(i), "u", urls.get(i))));
    }
    Gql.await(Future.all(created));
  }

  private void trigger() {
    List<Future<JsonObject>> triggers = new ArrayList<>();
    for (int i = 0; i < releases; i++) {
      triggers.add(
          gql.data(
              "mutation($p: String!) { triggerPromotionFlow(input: {flow: \""
                  + FLOW
                  + "\", product: $p}) { id } }",
              Map.of("p", product(i))));
    }
    Gql.await(Future.all(triggers));
  }

  // ---------------------------------------------------------------- the stand-in's counts

  private record Counts(int lists, int gets, int refreshes, int refused, List<Long> listsAt) {}

  private Counts counts() {
    standInIn.println("COUNTS");
    String[] c = expect("COUNTS").split(" ");
    String lists = expect("LISTS").substring("LISTS".length()).trim();
    return new Counts(
        Integer.parseInt(c[1]),
        Integer.parseInt(c[2]),
        Integer.parseInt(c[3]),
        Integer.parseInt(c[4]),
        lists.isEmpty()
            ? List.of()
            : Arrays.stream(lists.split(",")).map(Long::parseLong).toList());
  }

  private String expect(String prefix) {
    try {
      for (String line; (line = standInOut.readLine()) != null; ) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("the Argo CD stand-in ended before saying " + prefix);
  }

  /** The most list requests that arrived within any one poll interval. */
  private int mostInOneInterval(List<Long> arrivals) {
    long width = interval.toNanos() / 1000;
    int most = 0;
    for (int i = 0, j = 0; i < arrivals.size(); i++) {
      while (arrivals.get(i) - arrivals.get(j) >= width) {
        j++;
      }
      most = Math.max(most, i - j + 1);
    }
    return most;
  }

  private static String gaps(List<Long> arrivals) {
    List<String> gaps = new ArrayList<>();
    for (int i = 1; i < arrivals.size(); i++) {
      gaps.add(String.format("%.2f", (arrivals.get(i) - arrivals.get(i - 1)) / 1e6));
    }
    return String.join(", ", gaps);
  }

  private static long shortestGap(List<Long> arrivals) {
    long shortest = Long.MAX_VALUE;
    for (int i = 1; i < arrivals.size(); i++) {
      shortest = Math.min(shortest, arrivals.get(i) - arrivals.get(i - 1));
    }
    return shortest;
  }

  // ---------------------------------------------------------------- database

  private Map<String, String> qaCommits() throws Exception {
    Map<String, String> commits = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT p.name, s.commit_sha FROM " + QA_STEPS)) {
      while (rs.next()) {
        commits.put(rs.getString(1), rs.getString(2));
      }
    }
    return commits;
  }

  /** When each qa step's SUCCEEDED event was written (epoch micros). */
  private List<Long> qaSucceededMicros() throws Exception {
    List<Long> at = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT (extract(epoch FROM ev.at) * 1000000)::bigint FROM release_event ev"
                    + " JOIN environment e ON e.id = ev.environment_id"
                    + " WHERE e.name = 'qa' AND ev.status = 'SUCCEEDED'")) {
      while (rs.next()) {
        at.add(rs.getLong(1));
      }
    }
    return at;
  }

  private void expectNone(String sql, String what) {
    long n = probe.count(sql);
    if (n != 0) {
      throw new IllegalStateException(n + " releases " + what);
    }
  }

  // ---------------------------------------------------------------- helpers

  private void put(String key, String value) {
    put.accept("5. Argo CD gates: " + key, value);
  }

  private void close() {
    try {
      if (standInIn != null) {
        standInIn.println("EXIT");
        standIn.waitFor(10, TimeUnit.SECONDS);
        standIn.destroy();
      }
      if (baton != null) {
        baton.close();
      }
      if (clients != null) {
        clients.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      System.err.println("closing the argocd phase: " + e);
    }
  }
}
