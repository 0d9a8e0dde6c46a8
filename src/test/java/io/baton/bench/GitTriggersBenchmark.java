package io.baton.bench;

import static io.baton.bench.PhaseProbe.epochMicros;
import static io.baton.bench.PhaseProbe.seconds;
import static io.baton.bench.PhaseProbe.waitFor;

import io.baton.Baton;
import io.baton.Config;
import io.baton.git.GitFixture;
import io.baton.hooks.PushReceiver;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportProtocol;
import org.eclipse.jgit.transport.URIish;

/**
 * The {@code triggers} phase of the harness (issue 13's benchmark): a Baton of its own, configured
 * as a user would ({@code BATON_GIT_POLL_INTERVAL=PT1S}, {@code BATON_WEBHOOK_SECRET}), watching
 * 200 products on 20 bare repositories over file:// (10 products a repository, each product's dev
 * application on a folder of its own), each product running the flow {@code auto-dev-qa} by itself
 * (Product.promotionFlows). Measured: the Git requests Baton makes to each remote per poll interval
 * while nothing changes, the CPU Baton's JVM and PostgreSQL use meanwhile, and commit -> release
 * created latency, by polling and, with the watcher's timer stopped, by a signed GitHub push to
 * {@code POST /hooks/git} sent right after each commit.
 *
 * <p>Git requests are counted in this JVM, outside Baton: a JGit transport for file:// URLs under
 * the phase's directory that counts each connection it opens (fetch or push) and hands it to JGit's
 * own local transport.
 */
final class GitTriggersBenchmark {
  static final String ADMIN_TOKEN = "bench-triggers-admin-token-0123456789abcdef";
  static final String PUSH_SECRET = "bench-triggers-push-secret-0123456789abcdef";
  static final String FLOW = "auto-dev-qa";

  private final int port;
  private final String jdbcUrl;
  private final PhaseProbe probe;
  private final BiConsumer<String, String> put;
  private final int remotes = Integer.getInteger("bench.triggerRemotes", 20);
  private final int perRemote = Integer.getInteger("bench.triggerProductsPerRemote", 10);
  private final Duration interval =
      Duration.parse(System.getProperty("bench.triggerPollInterval", "PT1S"));
  private final int idleIntervals = Integer.getInteger("bench.triggerIdleIntervals", 30);
  private final int commits = Integer.getInteger("bench.triggerCommits", 120);
  private final double commitsPerSecond =
      Double.parseDouble(System.getProperty("bench.triggerCommitsPerSecond", "2"));

  private final Random random = new Random(13);
  private final List<Path> repositories = new ArrayList<>();
  private Path reposDir;
  private CountingTransport transport;
  private Baton baton;
  private Vertx clients;
  private Gql gql;
  private final HttpClient http = HttpClient.newHttpClient();
  private int tags;

  /**
   * @param port the embedded PostgreSQL's port; the phase creates a database of its own there
   * @param postgresJdbcUrl a JDBC URL of that server's {@code postgres} database
   */
  GitTriggersBenchmark(int port, String postgresJdbcUrl, BiConsumer<String, String> put) {
    this.port = port;
    this.jdbcUrl = postgresJdbcUrl.replace("/postgres?", "/baton_triggers?");
    this.probe = new PhaseProbe(jdbcUrl);
    this.put = put;
    try (Connection c = DriverManager.getConnection(postgresJdbcUrl);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE baton_triggers");
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
    int products = remotes * perRemote;
    put(
        "setup",
        String.format(
            "%d products on %d bare repositories over file:// (%d a repository, each product's dev"
                + " application on a folder of its own, <product>/dev); each runs the flow %s"
                + " (dev -> qa, a NONE step) by itself; BATON_GIT_POLL_INTERVAL=%s; Git requests"
                + " counted by a JGit transport in this JVM",
            products, remotes, perRemote, FLOW, interval));
    reposDir = Files.createTempDirectory("baton-bench-triggers-repos").toRealPath();
    createRepositories();
    transport = CountingTransport.register(reposDir, GitFixture.url(repositories.get(0)));
    startBaton();
    long t0 = System.nanoTime();
    createWorld();
    put("catalog created over GraphQL", String.format("%.1f s", seconds(t0)));
    waitFor(
        () -> probe.count("SELECT count(*) FROM git_watch"),
        products,
        Duration.ofMinutes(2),
        "the watcher to read every application once");
    put("every application read once", String.format("%.1f s after the catalog", seconds(t0)));
    Thread.sleep(interval.toMillis() * 3); // settle: the catalog's own work done

    idle();
    latency("by polling", false);

    baton.watcher().stop();
    baton.watcher().lookAtAll().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    latency("by push webhook (watcher's timer stopped)", true);
  }

  // ---------------------------------------------------------------- idle

  private void idle() throws Exception {
    long fromMicros = epochMicros();
    double[] before = probe.cpuSeconds();
    long transactionsBefore = probe.count("SELECT txid_snapshot_xmax(txid_current_snapshot())");
    Thread.sleep(interval.toMillis() * idleIntervals);
    long transactions =
        probe.count("SELECT txid_snapshot_xmax(txid_current_snapshot())") - transactionsBefore;
    double[] after = probe.cpuSeconds();
    long toMicros = epochMicros();
    double windowSeconds = (toMicros - fromMicros) / 1e6;
    double intervals = windowSeconds * 1000 / interval.toMillis();
    Map<String, Integer> perRemote = transport.countsBetween(fromMicros, toMicros);
    int total = perRemote.values().stream().mapToInt(Integer::intValue).sum();
    int least =
        repositories.stream().mapToInt(r -> perRemote.getOrDefault(key(r), 0)).min().orElse(0);
    int most = perRemote.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    put(
        "Git requests while idle",
        String.format(
            "%d to %d remotes in %.1f s (%.1f intervals): %.2f per remote per interval (fewest"
                + " to one remote %d, most %d, i.e. %.2f and %.2f per interval); most to one remote"
                + " within any one interval: %d",
            total,
            remotes,
            windowSeconds,
            intervals,
            total / intervals / remotes,
            least,
            most,
            least / intervals,
            most / intervals,
            transport.mostInOneInterval(fromMicros, toMicros, interval.toNanos() / 1000)));
    put(
        "CPU while idle",
        String.format(
            "Baton's JVM (the harness's, idle meanwhile; /proc/self/stat) %.3f cores, PostgreSQL"
                + " (this phase's server and its backends; /proc) %.3f cores, over %.1f s; write"
                + " transactions: %d (%.1f per interval)",
            (after[0] - before[0]) / windowSeconds,
            (after[1] - before[1]) / windowSeconds,
            windowSeconds,
            transactions,
            transactions / intervals));
  }

  // ---------------------------------------------------------------- commit -> release created

  private void latency(String how, boolean push) throws Exception {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < remotes * perRemote; i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    Map<String, Long> committedAt = new LinkedHashMap<>();
    Stats pushAnswered = new Stats();
    List<Integer> pushStatus = new ArrayList<>();
    long periodNanos = (long) (1e9 / commitsPerSecond);
    long fromMicros = epochMicros();
    long start = System.nanoTime();
    long releasesBefore = probe.count("SELECT count(*) FROM release");
    for (int k = 0; k < commits; k++) {
      long due = start + k * periodNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      int product = order.get(k % order.size());
      Path repo = repositories.get(product / perRemote);
      String tag = "2." + (++tags) + ".0";
      String sha =
          GitFixture.commit(
                  repo,
                  Map.of(product(product) + "/dev/values.yaml", values(tag)),
                  "Build " + tag + " of " + product(product))
              .name();
      committedAt.put(sha, epochMicros());
      if (push) {
        long p0 = System.nanoTime();
        pushStatus.add(push(repo, sha));
        pushAnswered.add((System.nanoTime() - p0) / 1000);
      }
    }
    double committing = seconds(start);
    waitFor(
        () -> probe.count("SELECT count(*) FROM release") - releasesBefore,
        commits,
        Duration.ofSeconds(60),
        "a release for every commit " + how);
    long toMicros = epochMicros();
    Map<String, Long> createdAt = releasesCreatedAt();
    Stats latency = new Stats();
    int missing = 0;
    for (Map.Entry<String, Long> commit : committedAt.entrySet()) {
      Long created = createdAt.get(commit.getKey());
      if (created == null) {
        missing++;
      } else {
        latency.add(Math.max(0, created - commit.getValue()));
      }
    }
    Map<String, Integer> requests = transport.countsBetween(fromMicros, toMicros);
    int total = requests.values().stream().mapToInt(Integer::intValue).sum();
    double windowSeconds = (toMicros - fromMicros) / 1e6;
    put(
        "commit -> release created, " + how,
        String.format(
            "%d commits to random products' dev folders, %.1f a second over %.1f s; p50 %.0f ms,"
                + " p90 %.0f ms, p99 %.0f ms, max %.0f ms (release.created_at against the time"
                + " the harness's commit returned); commits without a release of their own: %d",
            commits,
            commitsPerSecond,
            committing,
            latency.percentileMillis(50),
            latency.percentileMillis(90),
            latency.percentileMillis(99),
            latency.percentileMillis(100),
            missing));
    put(
        "Git requests, " + how,
        String.format(
            "%d in %.1f s (%.2f per remote per interval), from the first commit until every"
                + " release was created (each release's source pinning asks its remote too)",
            total, windowSeconds, total / (windowSeconds * 1000 / interval.toMillis()) / remotes));
    if (push) {
      put(
          "push webhooks, " + how,
          String.format(
              "answered %s; statuses %s",
              pushAnswered.summary(), pushStatus.stream().distinct().sorted().toList()));
    }
  }

  /** A GitHub push (its documented payload, signed as GitHub signs it) naming {@code repo}. */
  private int push(Path repo, String sha) throws Exception {
    JsonObject payload = new JsonObject(resource("/hooks/github-push.json"));
    payload.put("after", sha);
    payload.getJsonObject("repository").put("clone_url", GitFixture.url(repo));
    byte[] body = payload.encode().getBytes(StandardCharsets.UTF_8);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(PUSH_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    HttpResponse<Void> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + baton.port() + PushReceiver.PATH))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "push")
                .header("X-GitHub-Delivery", "bench-" + sha)
                .header(
                    "X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    return response.statusCode();
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = GitTriggersBenchmark.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Each automatic release's commit and when it was created (epoch micros). */
  private Map<String, Long> releasesCreatedAt() throws Exception {
    Map<String, Long> at = new ConcurrentHashMap<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT trigger_commit, (extract(epoch FROM created_at) * 1000000)::bigint"
                    + " FROM release WHERE trigger_commit IS NOT NULL")) {
      while (rs.next()) {
        at.put(rs.getString(1), rs.getLong(2));
      }
    }
    return at;
  }

  // ---------------------------------------------------------------- world

  private static String product(int i) {
    return String.format("auto-%03d", i + 1);
  }

  private static String values(String tag) {
    return "image:\n  repository: example/app\n  tag: \"" + tag + "\"\nreplicas: 2\n";
  }

  private void createRepositories() {
    GitFixture git = new GitFixture(reposDir);
    for (int r = 0; r < remotes; r++) {
      Map<String, String> files = new LinkedHashMap<>();
      for (int p = r * perRemote; p < (r + 1) * perRemote; p++) {
        files.put(product(p) + "/dev/values.yaml", values("1.1.0"));
        files.put(product(p) + "/qa/values.yaml", values("1.0.0"));
      }
      repositories.add(git.bare(String.format("shared-%02d", r + 1), files));
    }
  }

  private void startBaton() throws Exception {
    Config config =
        Config.fromEnvironment(
            Map.of(
                "BATON_PORT",
                "0",
                "BATON_DATA_DIR",
                Files.createTempDirectory("baton-bench-triggers").toString(),
                "BATON_DATABASE_URL",
                "postgresql://postgres:postgres@localhost:" + port + "/baton_triggers",
                "BATON_ADMIN_TOKEN",
                ADMIN_TOKEN,
                "BATON_GIT_FILE_ROOTS",
                reposDir.toString(),
                "BATON_GIT_POLL_INTERVAL",
                interval.toString(),
                "BATON_WEBHOOK_SECRET",
                PUSH_SECRET),
            List.of());
    baton =
        Baton.start(config, Clock.systemUTC())
            .toCompletionStage()
            .toCompletableFuture()
            .get(120, TimeUnit.SECONDS);
    clients = Vertx.vertx();
    gql = new Gql(clients, baton.port(), ADMIN_TOKEN, 16);
  }

  private void createWorld() {
    for (String env : List.of("dev", "qa")) {
      gql.await(
          "mutation($n: String!) { createEnvironment(input: {name: $n}) { name } }",
          Map.of("n", env));
    }
    gql.await(
        """
        mutation { createPromotionFlow(input: {name: "auto-dev-qa", triggerEnvironment: "dev",
          description: "started by a new commit in dev", steps: [{environment: "qa", action: NONE}]})
          { name } }""",
        Map.of());
    List<Future<JsonObject>> created = new ArrayList<>();
    for (int i = 0; i < remotes * perRemote; i++) {
      String mutation =
          """
          mutation($p: String!, $u: String!, $dev: String!, $qa: String!, $devPath: String!,
                   $qaPath: String!) {
            createProduct(input: {name: $p, promotionTemplate: {
              versionSource: {file: "values.yaml", jsonPath: "$.image.tag"},
              promotion: [{file: "values.yaml", jsonPaths: ["$.image.tag"]}]},
              promotionFlows: [{flow: "auto-dev-qa"}]}) { id }
            dev: createApplication(input: {name: $dev, product: $p, environment: "dev",
              repoUrl: $u, path: $devPath}) { name }
            qa: createApplication(input: {name: $qa, product: $p, environment: "qa",
              repoUrl: $u, path: $qaPath}) { name } }""";
      created.add(
          gql.data(
              mutation,
              Map.of(
                  "p", product(i),
                  "u", GitFixture.url(repositories.get(i / perRemote)),
                  "dev", product(i) + "-dev",
                  "qa", product(i) + "-qa",
                  "devPath", product(i) + "/dev",
                  "qaPath", product(i) + "/qa")));
    }
    Gql.await(Future.all(created));
  }

  private String key(Path repo) {
    return repo.toAbsolutePath().toString();
  }

  // ---------------------------------------------------------------- Git requests, counted

  /**
   * JGit's transport for the phase's file:// repositories, counting each connection Baton opens
   * (one per fetch or push) by repository path, and handing it to JGit's own local transport. JGit
   * asks the most recently registered transport first.
   */
  private static final class CountingTransport extends TransportProtocol {
    private final TransportProtocol local;
    private final String root;
    private final Map<String, List<Long>> opens = new ConcurrentHashMap<>();

    private CountingTransport(TransportProtocol local, String root) {
      this.local = local;
      this.root = root;
    }

    static CountingTransport register(Path root, String sampleUrl) throws Exception {
      URIish sample = new URIish(sampleUrl);
      TransportProtocol local =
          Transport.getTransportProtocols().stream()
              .filter(p -> p.getSchemes().contains("file") && p.canHandle(sample, null, null))
              .findFirst()
              .orElseThrow();
      CountingTransport counting = new CountingTransport(local, root.toString());
      Transport.register(counting);
      return counting;
    }

    void unregister() {
      Transport.unregister(this);
    }

    @Override
    public String getName() {
      return "benchmark: counted " + local.getName();
    }

    @Override
    public Set<String> getSchemes() {
      return local.getSchemes();
    }

    @Override
    public boolean canHandle(URIish uri, Repository repository, String remoteName) {
      return "file".equals(uri.getScheme())
          && uri.getPath() != null
          && uri.getPath().startsWith(root)
          && local.canHandle(uri, repository, remoteName);
    }

    @Override
    public Transport open(URIish uri, Repository repository, String remoteName)
        throws NotSupportedException, TransportException {
      opens
          .computeIfAbsent(uri.getPath(), k -> Collections.synchronizedList(new ArrayList<>()))
          .add(epochMicros());
      return local.open(uri, repository, remoteName);
    }

    /** Connections opened in [from, to), by repository path. */
    Map<String, Integer> countsBetween(long fromMicros, long toMicros) {
      Map<String, Integer> counts = new LinkedHashMap<>();
      opens.forEach(
          (path, at) -> {
            synchronized (at) {
              counts.put(
                  path, (int) at.stream().filter(t -> t >= fromMicros && t < toMicros).count());
            }
          });
      return counts;
    }

    /** The most connections to one repository within any window of {@code widthMicros}. */
    int mostInOneInterval(long fromMicros, long toMicros, long widthMicros) {
      int most = 0;
      for (List<Long> at : opens.values()) {
        List<Long> in;
        synchronized (at) {
          in = at.stream().filter(t -> t >= fromMicros && t < toMicros).sorted().toList();
        }
        for (int i = 0, j = 0; i < in.size(); i++) {
          while (in.get(i) - in.get(j) >= widthMicros) {
            j++;
          }
          most = Math.max(most, i - j + 1);
        }
      }
      return most;
    }
  }

  // ---------------------------------------------------------------- CPU, database

  // ---------------------------------------------------------------- helpers

  private void put(String key, String value) {
    put.accept("6. Git triggers: " + key, value);
  }

  private void close() {
    try {
      if (transport != null) {
        transport.unregister();
      }
      if (baton != null) {
        baton.close();
      }
      if (clients != null) {
        clients.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      System.err.println("closing the triggers phase: " + e);
    }
  }
}
