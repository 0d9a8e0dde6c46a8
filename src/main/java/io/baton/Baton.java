package io.baton;

import graphql.GraphQL;
import io.baton.argocd.ArgoCdClient;
import io.baton.argocd.ArgoCdGate;
import io.baton.argocd.ArgoCdPoller;
import io.baton.argocd.ArgoCdRule;
import io.baton.audit.AuditService;
import io.baton.auth.AdminToken;
import io.baton.auth.SignInThrottle;
import io.baton.auth.TokenService;
import io.baton.config.ConfigService;
import io.baton.db.DatabaseProbe;
import io.baton.db.DatabaseUrl;
import io.baton.db.EmbeddedDatabase;
import io.baton.db.Migrations;
import io.baton.db.TableStatistics;
import io.baton.demo.Demo;
import io.baton.environment.Environment;
import io.baton.environment.EnvironmentService;
import io.baton.flow.FlowService;
import io.baton.flow.StepAction;
import io.baton.gate.Gates;
import io.baton.git.ApplicationChecks;
import io.baton.git.ApplicationVersions;
import io.baton.git.BranchLooks;
import io.baton.git.GitAuthor;
import io.baton.git.GitPromotionAction;
import io.baton.git.GitRemotes;
import io.baton.git.GitRepositories;
import io.baton.git.GitRollbackReader;
import io.baton.git.GitSourcePinner;
import io.baton.git.PromotionPreviews;
import io.baton.git.RemoteAccess;
import io.baton.git.TemplatePreviews;
import io.baton.graphql.GraphqlFactory;
import io.baton.graphql.GraphqlHttpHandler;
import io.baton.graphql.GraphqlWebSocketHandler;
import io.baton.hooks.PushReceiver;
import io.baton.http.HttpApi;
import io.baton.http.SlowClients;
import io.baton.line.LineService;
import io.baton.policy.PolicyService;
import io.baton.product.ApplicationService;
import io.baton.product.ProductService;
import io.baton.pullrequest.PullRequests;
import io.baton.release.EngineOptions;
import io.baton.release.FlowSnapshots;
import io.baton.release.PromotionAction;
import io.baton.release.ReleaseService;
import io.baton.release.Releases;
import io.baton.release.SourcePinner;
import io.baton.retention.Retention;
import io.baton.rollback.ApplicationHistory;
import io.baton.rollback.Rollbacks;
import io.baton.trigger.GitWatcher;
import io.baton.trigger.Wakeup;
import io.baton.webhook.WebhookOptions;
import io.baton.webhook.Webhooks;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: starts the database, runs migrations, builds the services and opens the
 * port.
 */
public final class Baton implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Baton.class);

  private final Vertx vertx;
  private final EmbeddedDatabase embedded;
  private final Pool pool;
  private final HttpServer server;
  private final Listeners listeners;
  private final Services services;
  private final Releases releases;
  private final Webhooks webhooks;
  private final Git git;
  private final GitWatcher watcher;
  private final Retention retention;
  private final PullRequests pullRequests;
  private final TableStatistics statistics;

  private Baton(
      Vertx vertx,
      EmbeddedDatabase embedded,
      Pool pool,
      Listeners listeners,
      Services services,
      Releases releases,
      Webhooks webhooks,
      Git git,
      GitWatcher watcher,
      Retention retention,
      PullRequests pullRequests,
      TableStatistics statistics) {
    this.pullRequests = pullRequests;
    this.watcher = watcher;
    this.retention = retention;
    this.statistics = statistics;
    this.releases = releases;
    this.webhooks = webhooks;
    this.listeners = listeners;
    this.server = listeners.first();
    this.vertx = vertx;
    this.embedded = embedded;
    this.pool = pool;
    this.services = services;
    this.git = git;
  }

  /**
   * The Git side of promotions: the remotes' caches, and the engine's promotion action and source
   * pinner.
   */
  public record Git(
      GitRepositories repositories,
      GitPromotionAction promotionAction,
      GitSourcePinner sourcePinner,
      ApplicationVersions versions) {

    static Git create(Vertx vertx, Config config, Clock clock, ProductService products) {
      GitRemotes remotes =
          new GitRemotes(
              config.git().tokens(),
              config.git().sshKey(),
              config.git().sshKnownHosts(),
              config.gitTimeout(),
              new RemoteAccess(config.gitFileRoots()));
      GitRepositories repositories =
          new GitRepositories(vertx, config.dataDir().resolve("git-cache"), remotes, clock);
      ApplicationVersions versions =
          new ApplicationVersions(repositories, products, clock, ApplicationVersions.DEFAULT_TTL);
      GitPromotionAction action =
          new GitPromotionAction(
              vertx, repositories, GitAuthor.parse(config.git().author()), clock, versions);
      return new Git(repositories, action, new GitSourcePinner(repositories), versions);
    }
  }

  public static Future<Baton> start(Config config) {
    return start(config, Clock.systemUTC());
  }

  /**
   * What tests may replace: the promotion action and source pinning (the Git adapter in the
   * product), the engine's and the webhook deliverer's pacing, and what a push webhook wakes. Null
   * parts take the product's defaults.
   */
  public record Parts(
      PromotionAction action,
      SourcePinner pinner,
      EngineOptions engine,
      UnaryOperator<FlowSnapshots> snapshots,
      Wakeup wakeup,
      WebhookOptions webhooks) {
    public Parts(PromotionAction action, SourcePinner pinner, EngineOptions engine) {
      this(action, pinner, engine, null, null, null);
    }

    public Parts(
        PromotionAction action,
        SourcePinner pinner,
        EngineOptions engine,
        UnaryOperator<FlowSnapshots> snapshots) {
      this(action, pinner, engine, snapshots, null, null);
    }

    public static Parts defaults() {
      return new Parts(null, null, null, null, null, null);
    }

    /** These parts, with the flows' snapshots as {@code snapshots} makes them (e.g. with gates). */
    public Parts withSnapshots(UnaryOperator<FlowSnapshots> snapshots) {
      return new Parts(action, pinner, engine, snapshots, wakeup, webhooks);
    }

    /** These parts, with verified push webhooks handed to {@code wakeup}. */
    public Parts withWakeup(Wakeup wakeup) {
      return new Parts(action, pinner, engine, snapshots, wakeup, webhooks);
    }

    /** These parts, with the webhook deliverer paced by {@code options}. */
    public Parts withWebhooks(WebhookOptions options) {
      return new Parts(action, pinner, engine, snapshots, wakeup, options);
    }
  }

  public static Future<Baton> start(Config config, Clock clock) {
    return start(config, clock, Parts.defaults());
  }

  public static Future<Baton> start(Config config, Clock clock, Parts parts) {
    Vertx vertx =
        Vertx.builder()
            .with(
                new VertxOptions()
                    .setMetricsOptions(
                        new MicrometerMetricsOptions()
                            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
                            .setEnabled(true)))
            .withMetrics(new MicrometerMetricsFactory())
            .build();
    EmbeddedDatabase[] embedded = new EmbeddedDatabase[1];
    return vertx
        .executeBlocking(
            () -> {
              DatabaseUrl url =
                  config
                      .databaseUrl()
                      .map(DatabaseUrl::parse)
                      .orElseGet(
                          () -> {
                            embedded[0] = EmbeddedDatabase.start(config.dataDir());
                            return embedded[0].url();
                          });
              Migrations.migrate(url);
              return assemble(vertx, config, clock, parts, url, embedded[0]);
            })
        .compose(Assembly::open)
        .onFailure(
            failure -> {
              if (embedded[0] != null) {
                embedded[0].close();
              }
              vertx.close();
            });
  }

  /**
   * Every part, built and connected but not yet started: building it loads classes and reads files,
   * so it runs on a worker thread; {@link #open} then starts the parts in order, on the event loop.
   */
  private record Assembly(
      Vertx vertx,
      Config config,
      EmbeddedDatabase embedded,
      Pool pool,
      TokenService tokens,
      Services services,
      Releases releases,
      Webhooks webhooks,
      Git git,
      GitWatcher watcher,
      HttpApi api,
      Retention retention,
      PullRequests pullRequests,
      TableStatistics statistics) {

    Future<Baton> open() {
      // Servers share a port only when they ask for the same one, so "any free port" (0) is chosen
      // here, once.
      int port = config.port() == 0 ? freePort() : config.port();
      HttpServerOptions options =
          new HttpServerOptions()
              .setWebSocketSubProtocols(List.of(GraphqlWebSocketHandler.SUBPROTOCOL))
              .setCompressionSupported(true)
              .setIdleTimeout((int) config.http().idleTimeout().toMillis())
              .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
      Duration headerTimeout = config.http().headerTimeout();
      return AdminToken.install(vertx, config, tokens)
          .compose(
              v ->
                  config.demo()
                      ? Demo.install(vertx, config.dataDir(), services)
                      : Future.succeededFuture())
          .compose(v -> releases.start())
          .onSuccess(v -> watcher.start())
          .onSuccess(v -> retention.start())
          .onSuccess(v -> statistics.start())
          .onSuccess(v -> webhooks.start(config.publicUrl().orElse("http://localhost:" + port)))
          .onSuccess(
              v ->
                  pullRequests.start(
                      releases.service(), config.publicUrl().orElse("http://localhost:" + port)))
          .compose(v -> listeners(vertx, options, api, headerTimeout, port))
          .map(
              listeners ->
                  new Baton(
                      vertx,
                      embedded,
                      pool,
                      listeners,
                      services,
                      releases,
                      webhooks,
                      git,
                      watcher,
                      retention,
                      pullRequests,
                      statistics));
    }
  }

  /**
   * The HTTP servers, their deployment (undeploying it closes them) and the event loops they serve
   * from.
   */
  private record Listeners(HttpServer first, String deployment, Set<Thread> loops) {}

  /**
   * One HTTP server serves from one event loop; one server per core on the same port, each on an
   * event loop of its own, share its connections (Vert.x hands them out in turn), so requests and
   * WebSocket writes use every core. They are deployed together, so that their contexts take
   * consecutive event loops from Vert.x's pool (twice as many as cores): distinct ones. (Started
   * one by one, the first on whatever context the start ran on, two could land on one event loop,
   * and every connection then ran on one core.)
   */
  private static Future<Listeners> listeners(
      Vertx vertx, HttpServerOptions options, HttpApi api, Duration headerTimeout, int port) {
    List<HttpServer> servers = new CopyOnWriteArrayList<>();
    Set<Thread> loops = ConcurrentHashMap.newKeySet();
    return vertx
        .deployVerticle(
            () ->
                new VerticleBase() {
                  @Override
                  public Future<?> start() {
                    loops.add(Thread.currentThread());
                    return listen(vertx, options, api, headerTimeout, port).onSuccess(servers::add);
                  }
                },
            new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()))
        .map(deployment -> new Listeners(servers.get(0), deployment, Set.copyOf(loops)));
  }

  private static Future<HttpServer> listen(
      Vertx vertx, HttpServerOptions options, HttpApi api, Duration headerTimeout, int port) {
    return SlowClients.watch(
            vertx, vertx.createHttpServer(options), api.router()::handle, headerTimeout)
        .listen(port);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the HTTP server", e);
    }
  }

  private static Assembly assemble(
      Vertx vertx,
      Config config,
      Clock clock,
      Parts parts,
      DatabaseUrl url,
      EmbeddedDatabase embedded) {
    Pool pool =
        PgBuilder.pool()
            .with(new PoolOptions().setMaxSize(config.databasePoolSize()).setShared(false))
            .connectingTo(url.connectOptions())
            .using(vertx)
            .build();
    EnvironmentService environments = new EnvironmentService(pool);
    ProductService products = new ProductService(pool);
    TokenService tokens = new TokenService(pool, clock);
    ApplicationService applications = new ApplicationService(pool, products, environments);
    FlowService flows = new FlowService(pool, clock);
    LineService line = new LineService(pool, clock, environments, applications);
    PolicyService policies = new PolicyService(pool, environments, products);
    Git git = Git.create(vertx, config, clock, products);
    PullRequests pullRequests =
        new PullRequests(
            vertx,
            pool,
            clock,
            config.pullRequests().providers(),
            config.git().tokens(),
            config.pullRequests().pollInterval(),
            config.gitTimeout(),
            git.promotionAction());
    Releases releases =
        new Releases(
            vertx,
            pool,
            url,
            clock,
            parts.engine() != null ? parts.engine() : EngineOptions.defaults(),
            actions(parts, git, pullRequests),
            parts.pinner() != null ? parts.pinner() : git.sourcePinner(),
            parts.snapshots() != null
                ? parts.snapshots().apply(snapshotsOf(flows))
                : snapshotsOf(flows),
            gates(vertx, config, clock),
            products,
            environments,
            applications,
            line,
            policies);
    GitWatcher watcher =
        new GitWatcher(
            vertx,
            pool,
            new BranchLooks(git.repositories()),
            releases.service(),
            config.gitPollInterval());
    Webhooks webhooks =
        new Webhooks(
            vertx,
            pool,
            url,
            clock,
            parts.webhooks() != null ? parts.webhooks() : WebhookOptions.defaults(),
            products);
    Services services =
        new Services(
            environments,
            products,
            applications,
            flows,
            tokens,
            new AuditService(pool),
            git.versions(),
            new PromotionPreviews(git.repositories(), products, environments, applications),
            releases.service(),
            webhooks.service(),
            new ApplicationHistory(pool),
            new Rollbacks(
                products,
                environments,
                applications,
                releases.service(),
                new GitRollbackReader(git.repositories())),
            line,
            new ConfigService(pool, environments, products, applications, flows, policies),
            new ApplicationChecks(git.repositories(), products),
            new TemplatePreviews(git.repositories(), products, applications),
            policies,
            pullRequests);
    GraphqlFactory factory = new GraphqlFactory(services);
    GraphQL graphQL = factory.build();
    GraphqlHttpHandler http = new GraphqlHttpHandler(graphQL, factory);
    SignInThrottle throttle = new SignInThrottle(clock);
    GraphqlWebSocketHandler ws =
        new GraphqlWebSocketHandler(
            vertx, http, tokens, throttle, config.allowedOrigins(), webSocketLimits(config));
    PushReceiver pushes =
        new PushReceiver(
            config.pushWebhooks().secret(),
            parts.wakeup() != null ? parts.wakeup() : watcher,
            pullRequests);
    HttpApi api =
        new HttpApi(vertx, new DatabaseProbe(vertx, url), services, http, ws, throttle, pushes);
    registerGauges(releases.service());
    return new Assembly(
        vertx,
        config,
        embedded,
        pool,
        tokens,
        services,
        releases,
        webhooks,
        git,
        watcher,
        api,
        new Retention(vertx, pool, clock, config.retention()),
        pullRequests,
        new TableStatistics(vertx, pool));
  }

  /** What carries out each kind of step action: the Git commit, and pull requests. */
  private static Map<StepAction, PromotionAction> actions(
      Parts parts, Git git, PullRequests pullRequests) {
    Map<StepAction, PromotionAction> actions = new EnumMap<>(StepAction.class);
    actions.put(StepAction.COMMIT, parts.action() != null ? parts.action() : git.promotionAction());
    actions.put(StepAction.PULL_REQUEST, pullRequests.action());
    return actions;
  }

  /** Pinged well within the HTTP idle timeout, so that a quiet subscription stays open. */
  private static GraphqlWebSocketHandler.Limits webSocketLimits(Config config) {
    GraphqlWebSocketHandler.Limits defaults = GraphqlWebSocketHandler.Limits.DEFAULTS;
    Duration third = config.http().idleTimeout().dividedBy(3);
    return defaults.withKeepAlive(
        third.compareTo(defaults.keepAlive()) < 0 ? third : defaults.keepAlive());
  }

  private static void registerGauges(ReleaseService releases) {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    if (registry != null) {
      Gauge.builder("baton_subscriptions", releases, r -> r.subscribers())
          .description("Live releaseEvents subscriptions on this instance")
          .register(registry);
      Gauge.builder("baton_subscription_queued_events", releases, r -> r.queuedEvents())
          .description("Events waiting on this instance for slow subscribers to take them")
          .register(registry);
    }
  }

  /**
   * The engine reads flows through its own narrow interface; this adapts the flow service to it.
   */
  static FlowSnapshots snapshotsOf(FlowService flows) {
    return names ->
        flows
            .byNames(names)
            .map(
                byName -> {
                  Map<String, FlowSnapshots.FlowSnapshot> snapshots = new HashMap<>();
                  byName.forEach(
                      (name, flow) ->
                          snapshots.put(
                              name,
                              new FlowSnapshots.FlowSnapshot(
                                  flow.id(),
                                  flow.name(),
                                  flow.timeout(),
                                  flow.triggerEnvironment().id(),
                                  flow.steps().stream()
                                      .map(
                                          step ->
                                              new FlowSnapshots.Step(
                                                  step.environment().id(),
                                                  step.dependsOn().stream()
                                                      .map(Environment::id)
                                                      .toList(),
                                                  step.action(),
                                                  step.gatesToPass()))
                                      .toList())));
                  return snapshots;
                });
  }

  /**
   * Every gate kind, Argo CD's included: one poller serves every ARGOCD gate, with one request per
   * Argo CD server per interval.
   */
  private static Gates gates(Vertx vertx, Config config, Clock clock) {
    ArgoCdClient argocd = new ArgoCdClient(vertx, config.argocd().tokens(), Duration.ofSeconds(10));
    ArgoCdPoller poller = new ArgoCdPoller(vertx, argocd, ArgoCdPoller.DEFAULT_INTERVAL);
    return new Gates(vertx, clock).with(new ArgoCdGate(argocd, poller, ArgoCdRule.DEFAULT_GRACE));
  }

  public int port() {
    return server.actualPort();
  }

  /** The event loops the HTTP servers serve from: one per core, each server on its own. */
  public int httpEventLoops() {
    return listeners.loops().size();
  }

  public Services services() {
    return services;
  }

  public Vertx vertx() {
    return vertx;
  }

  public Git git() {
    return git;
  }

  /**
   * The Git watcher, which starts releases by itself; a push webhook wakes it ({@link
   * Wakeup#wake}).
   */
  public GitWatcher watcher() {
    return watcher;
  }

  /**
   * Stops the server, the pool, the embedded database and Vert.x. Blocking: never call it on an
   * event loop.
   */
  @Override
  public void close() {
    watcher.stop();
    retention.stop();
    pullRequests.stop();
    statistics.stop();
    releases.stop();
    webhooks.stop();
    await(vertx.undeploy(listeners.deployment()), "HTTP servers");
    await(pool.close(), "database pool");
    git.repositories().close();
    if (embedded != null) {
      embedded.close();
    }
    await(vertx.close(), "Vert.x");
  }

  private static void await(Future<?> future, String what) {
    try {
      future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("{} did not stop cleanly: {}", what, e.toString());
    }
  }
}
