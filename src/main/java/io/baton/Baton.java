package io.baton;

import graphql.GraphQL;
import io.baton.audit.AuditService;
import io.baton.auth.AdminToken;
import io.baton.auth.SignInThrottle;
import io.baton.auth.TokenService;
import io.baton.db.DatabaseUrl;
import io.baton.db.EmbeddedDatabase;
import io.baton.db.Migrations;
import io.baton.environment.EnvironmentService;
import io.baton.graphql.GraphqlFactory;
import io.baton.graphql.GraphqlHttpHandler;
import io.baton.graphql.GraphqlWebSocketHandler;
import io.baton.http.HttpApi;
import io.baton.product.ApplicationService;
import io.baton.product.ProductService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: starts the database, runs migrations, builds the services and opens the port. */
public final class Baton implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Baton.class);

  private final Vertx vertx;
  private final EmbeddedDatabase embedded;
  private final Pool pool;
  private final HttpServer server;
  private final Services services;

  private Baton(Vertx vertx, EmbeddedDatabase embedded, Pool pool, HttpServer server, Services services) {
    this.vertx = vertx;
    this.embedded = embedded;
    this.pool = pool;
    this.server = server;
    this.services = services;
  }

  public static Future<Baton> start(Config config) {
    return start(config, Clock.systemUTC());
  }

  public static Future<Baton> start(Config config, Clock clock) {
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
            .setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory())
        .build();
    EmbeddedDatabase[] embedded = new EmbeddedDatabase[1];
    return vertx.executeBlocking(() -> {
          DatabaseUrl url = config.databaseUrl().map(DatabaseUrl::parse).orElseGet(() -> {
            embedded[0] = EmbeddedDatabase.start(config.dataDir());
            return embedded[0].url();
          });
          Migrations.migrate(url);
          return url;
        })
        .compose(url -> wire(vertx, config, clock, url, embedded[0]))
        .onFailure(failure -> {
          if (embedded[0] != null) {
            embedded[0].close();
          }
          vertx.close();
        });
  }

  private static Future<Baton> wire(Vertx vertx, Config config, Clock clock, DatabaseUrl url, EmbeddedDatabase embedded) {
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(16).setShared(false))
        .connectingTo(url.connectOptions())
        .using(vertx)
        .build();
    EnvironmentService environments = new EnvironmentService(pool);
    ProductService products = new ProductService(pool);
    TokenService tokens = new TokenService(pool, clock);
    Services services = new Services(
        environments,
        products,
        new ApplicationService(pool, products, environments),
        tokens,
        new AuditService(pool));
    GraphqlFactory factory = new GraphqlFactory(services);
    GraphQL graphQL = factory.build();
    GraphqlHttpHandler http = new GraphqlHttpHandler(graphQL, factory);
    SignInThrottle throttle = new SignInThrottle(clock);
    GraphqlWebSocketHandler ws = new GraphqlWebSocketHandler(vertx, http, tokens, throttle, config.allowedOrigins());
    HttpApi api = new HttpApi(vertx, pool, services, http, ws, throttle);
    HttpServerOptions options = new HttpServerOptions()
        .setWebSocketSubProtocols(List.of(GraphqlWebSocketHandler.SUBPROTOCOL))
        .setCompressionSupported(true);
    return AdminToken.install(vertx, config, tokens)
        .compose(v -> vertx.createHttpServer(options).requestHandler(api.router()).listen(config.port()))
        .map(server -> new Baton(vertx, embedded, pool, server, services));
  }

  public int port() {
    return server.actualPort();
  }

  public Services services() {
    return services;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Stops the server, the pool, the embedded database and Vert.x. Blocking: never call it on an event loop. */
  @Override
  public void close() {
    await(server.close(), "HTTP server");
    await(pool.close(), "database pool");
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
