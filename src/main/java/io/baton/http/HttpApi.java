package io.baton.http;

import io.baton.Services;
import io.baton.auth.SignInThrottle;
import io.baton.db.DatabaseProbe;
import io.baton.error.BatonException;
import io.baton.error.ErrorCode;
import io.baton.graphql.Errors;
import io.baton.graphql.GraphqlHttpHandler;
import io.baton.graphql.GraphqlWebSocketHandler;
import io.baton.hooks.PushReceiver;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.graphql.GraphiQLHandler;
import io.vertx.ext.web.handler.graphql.GraphiQLHandlerOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.time.Duration;

/**
 * Baton's HTTP surface: /graphql (HTTP and WebSocket), /graphiql, /health, /metrics, the push
 * webhooks at /hooks/git and the web app at /.
 */
public final class HttpApi {
  public static final long MAX_BODY_BYTES = 256 * 1024;
  private static final String ASSETS = "/assets/";
  private static final Duration ASSETS_MAX_AGE = Duration.ofDays(365);

  private final Vertx vertx;
  private final DatabaseProbe database;
  private final Services services;
  private final GraphqlHttpHandler graphqlHttp;
  private final GraphqlWebSocketHandler graphqlWs;
  private final SignInThrottle throttle;
  private final PushReceiver pushes;

  public HttpApi(
      Vertx vertx,
      DatabaseProbe database,
      Services services,
      GraphqlHttpHandler graphqlHttp,
      GraphqlWebSocketHandler graphqlWs,
      SignInThrottle throttle,
      PushReceiver pushes) {
    this.vertx = vertx;
    this.database = database;
    this.services = services;
    this.graphqlHttp = graphqlHttp;
    this.graphqlWs = graphqlWs;
    this.throttle = throttle;
    this.pushes = pushes;
  }

  public Router router() {
    Router router = Router.router(vertx);
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(PrometheusScrapingHandler.create());
    GraphiqlPage graphiql = new GraphiqlPage("/graphql");
    router.get("/graphiql").handler(graphiql::handle);
    router.get(GraphiqlPage.BASE).handler(graphiql::handle);
    router
        .route("/graphiql*")
        .subRouter(
            GraphiQLHandler.create(
                    vertx,
                    new GraphiQLHandlerOptions()
                        .setEnabled(true)
                        .setGraphQLUri("/graphql")
                        .setGraphQLWSEnabled(true)
                        .setGraphWSQLUri("/graphql"))
                .router());
    router
        .get("/graphql")
        .handler(
            ctx -> {
              if ("websocket".equalsIgnoreCase(ctx.request().getHeader(HttpHeaders.UPGRADE))) {
                graphqlWs.handle(ctx);
              } else {
                authenticated(ctx);
              }
            });
    router
        .post("/graphql")
        .handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES))
        .handler(this::authenticated);
    router
        .route("/graphql")
        .handler(
            ctx ->
                ctx.response().setStatusCode(405).putHeader(HttpHeaders.ALLOW, "GET, POST").end());
    router
        .post(PushReceiver.PATH)
        .handler(BodyHandler.create(false).setBodyLimit(PushReceiver.MAX_BODY_BYTES))
        .handler(this::push)
        .failureHandler(HttpApi::pushTooLarge);
    router
        .route(PushReceiver.PATH)
        .handler(
            ctx -> ctx.response().setStatusCode(405).putHeader(HttpHeaders.ALLOW, "POST").end());
    router
        .route(ASSETS + "*")
        .handler(
            StaticHandler.create("webroot" + ASSETS).setMaxAgeSeconds(ASSETS_MAX_AGE.toSeconds()))
        .handler(ctx -> ctx.response().setStatusCode(404).end());
    router.route().handler(HttpApi::pageHeaders);
    router.route().handler(StaticHandler.create("webroot").setIndexPage("index.html"));
    router.get().handler(HttpApi::webAppPage);
    router.errorHandler(
        413,
        ctx ->
            ctx.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(
                    Json.encode(
                        Errors.requestError(
                            ErrorCode.BAD_USER_INPUT,
                            "the request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB"))));
    return router;
  }

  /**
   * The web app's page (index.html, at / and at every route of the app) and anything else outside
   * /assets: revalidated on every load, so that a browser picks up a new version of the app at
   * once. Only the hashed files under /assets, whose names change with their content, are cached.
   */
  private static void pageHeaders(RoutingContext ctx) {
    ctx.response()
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .putHeader(
            "Content-Security-Policy",
            ContentSecurityPolicy.webApp(ctx.request().getHeader(HttpHeaders.HOST)))
        .putHeader("X-Content-Type-Options", "nosniff");
    ctx.next();
  }

  /**
   * The web app's page for every route of the app. A build without the web app (tests that skip the
   * npm build) answers 404 rather than leaving the request open.
   */
  private static void webAppPage(RoutingContext ctx) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
        .sendFile("webroot/index.html")
        .onFailure(
            failure -> {
              if (!ctx.response().headWritten()) {
                ctx.fail(404);
              }
            });
  }

  /**
   * A push webhook: authenticated by its signature rather than an API token (see {@link
   * PushReceiver}).
   */
  private void push(RoutingContext ctx) {
    PushReceiver.Answer answer;
    try {
      answer = pushes.receive(ctx.request().headers(), ctx.body().buffer());
    } catch (RuntimeException failure) {
      json(ctx, statusOf(failure), Json.encode(Errors.requestError(failure)));
      return;
    }
    json(ctx, answer.status(), answer.body().encode());
  }

  private static void pushTooLarge(RoutingContext ctx) {
    if (ctx.statusCode() != 413) {
      ctx.next();
      return;
    }
    json(
        ctx,
        413,
        Json.encode(
            Errors.requestError(
                ErrorCode.BAD_USER_INPUT,
                "the push payload is larger than "
                    + PushReceiver.MAX_BODY_BYTES / 1024
                    + " KiB; the watcher still sees the push at its next poll")));
  }

  private static int statusOf(Throwable failure) {
    return switch (Errors.codeOf(failure)) {
      case BAD_USER_INPUT -> 400;
      case UNAUTHENTICATED -> 401;
      case NOT_FOUND -> 404;
      default -> 500;
    };
  }

  private static void json(RoutingContext ctx, int status, String body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body);
  }

  private void authenticated(RoutingContext ctx) {
    String address =
        ctx.request().remoteAddress() == null
            ? "unknown"
            : ctx.request().remoteAddress().hostAddress();
    services
        .tokens()
        .authenticate(bearer(ctx.request().getHeader(HttpHeaders.AUTHORIZATION)))
        .onSuccess(
            principal -> {
              throttle.succeeded(address);
              graphqlHttp.handle(ctx, principal);
            })
        .onFailure(failure -> refuse(ctx, address, failure));
  }

  private void refuse(RoutingContext ctx, String address, Throwable failure) {
    if (!(failure instanceof BatonException)) {
      ctx.response()
          .setStatusCode(503)
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .end(Json.encode(Errors.requestError(failure)));
      return;
    }
    Duration delay = throttle.failed(address);
    Runnable answer =
        () ->
            ctx.response()
                .setStatusCode(401)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader("WWW-Authenticate", "Bearer")
                .end(Json.encode(Errors.requestError(failure)));
    if (delay.isZero()) {
      answer.run();
    } else {
      vertx.setTimer(delay.toMillis(), id -> answer.run());
    }
  }

  public static String bearer(String authorization) {
    if (authorization == null) {
      return null;
    }
    String value = authorization.trim();
    return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).trim() : null;
  }

  private void health(RoutingContext ctx) {
    database
        .isUp()
        .onComplete(
            result -> {
              boolean up = result.succeeded() && result.result();
              ctx.response()
                  .setStatusCode(up ? 200 : 503)
                  .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                  .end(
                      new JsonObject()
                          .put("status", up ? "UP" : "DOWN")
                          .put("database", up ? "UP" : "DOWN")
                          .encode());
            });
  }
}
