package io.baton.argocd;

import io.baton.argocd.ArgoCdException.Problem;
import io.baton.http.ConnectionFailure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Argo CD's REST API, as far as a gate needs it: {@code GET /api/v1/applications/{name}} (with
 * {@code ?refresh=normal} to ask for a refresh) and the list {@code GET /api/v1/applications}. A
 * bearer token per server host comes from {@code BATON_ARGOCD_TOKENS}. Non-blocking (Vert.x's HTTP
 * client); every failure is an {@link ArgoCdException}.
 *
 * <p>The list cannot be filtered by several names (its {@code name} parameter takes one), so a
 * batch reads the whole list, trimmed by {@code fields} to what a gate reads.
 */
public final class ArgoCdClient {
  private static final Logger LOG = LoggerFactory.getLogger(ArgoCdClient.class);

  /** The largest answer read; a list of many thousand applications, trimmed, is far below. */
  static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

  static final String LIST_FIELDS =
      String.join(
          ",",
          "items.metadata.name",
          "items.metadata.namespace",
          "items.status.sync.status",
          "items.status.sync.revision",
          "items.status.sync.revisions",
          "items.status.health.status",
          "items.status.operationState.phase");

  private static final String APPLICATIONS = "/api/v1/applications";

  private final HttpClient http;
  private final Map<String, String> tokens;
  private final Duration timeout;

  /**
   * @param tokens per host ({@code argocd.example.com} or {@code argo.internal:8443}): a bearer
   *     token
   * @param timeout for one request; a refresh waits for Argo CD to compare the application again
   */
  public ArgoCdClient(Vertx vertx, Map<String, String> tokens, Duration timeout) {
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setKeepAlive(true)
                .setConnectTimeout((int) Math.min(timeout.toMillis(), 10_000)),
            new PoolOptions().setHttp1MaxSize(4).setMaxWaitQueueSize(10_000));
    this.tokens = Map.copyOf(tokens);
    this.timeout = timeout;
  }

  /** One application. */
  public Future<AppStatus> application(ArgoCdServer server, String application) {
    return get(server, applicationUri(server, application, false), application)
        .map(body -> parse(server, () -> AppStatus.fromJson(body.toJsonObject())));
  }

  /**
   * Asks Argo CD to compare the application with Git again now (rather than at its next poll), and
   * answers with the application as Argo CD then sees it.
   */
  public Future<AppStatus> refresh(ArgoCdServer server, String application) {
    return get(server, applicationUri(server, application, true), application)
        .map(body -> parse(server, () -> AppStatus.fromJson(body.toJsonObject())));
  }

  /** Every application the token may read, trimmed to the fields a gate reads. */
  public Future<List<AppStatus>> applications(ArgoCdServer server) {
    String uri = server.path() + APPLICATIONS + "?fields=" + encode(LIST_FIELDS);
    return get(server, uri, null).map(body -> parse(server, () -> items(body.toJsonObject())));
  }

  public Future<Void> close() {
    return http.close();
  }

  private static List<AppStatus> items(JsonObject list) {
    Object items = list.getValue("items");
    List<AppStatus> statuses = new ArrayList<>();
    if (items == null) {
      return statuses;
    }
    for (Object item : (JsonArray) items) {
      statuses.add(AppStatus.fromJson((JsonObject) item));
    }
    return statuses;
  }

  private static String applicationUri(ArgoCdServer server, String application, boolean refresh) {
    int slash = application.indexOf('/');
    String name = slash < 0 ? application : application.substring(slash + 1);
    List<String> query = new ArrayList<>();
    if (slash >= 0) {
      query.add("appNamespace=" + encode(application.substring(0, slash)));
    }
    if (refresh) {
      query.add("refresh=normal");
    }
    return server.path()
        + APPLICATIONS
        + "/"
        + encode(name)
        + (query.isEmpty() ? "" : "?" + String.join("&", query));
  }

  private Future<Buffer> get(ArgoCdServer server, String uri, String application) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setSsl(server.ssl())
            .setHost(server.host())
            .setPort(server.port())
            .setURI(uri)
            .setTimeout(timeout.toMillis())
            .putHeader("Accept", "application/json");
    server.token(tokens).ifPresent(t -> options.putHeader("Authorization", "Bearer " + t));
    return http.request(options)
        .compose(request -> request.send())
        .compose(response -> body(server, response, application))
        .recover(failure -> Future.failedFuture(problem(server, failure)));
  }

  private Future<Buffer> body(ArgoCdServer server, HttpClientResponse response, String app) {
    if (response.statusCode() != 200) {
      throw status(server, response.statusCode(), app);
    }
    Promise<Buffer> body = Promise.promise();
    Buffer read = Buffer.buffer();
    response.handler(
        chunk -> {
          if (read.length() + chunk.length() > MAX_BODY_BYTES) {
            body.tryFail(
                new ArgoCdException(
                    Problem.BAD_RESPONSE,
                    server
                        + " answered with more than "
                        + MAX_BODY_BYTES / (1024 * 1024)
                        + " MiB"));
            response.request().reset();
            return;
          }
          read.appendBuffer(chunk);
        });
    response.exceptionHandler(body::tryFail);
    response.endHandler(v -> body.tryComplete(read));
    return body.future();
  }

  private ArgoCdException status(ArgoCdServer server, int status, String app) {
    String what = app == null ? "the list of applications" : "application " + app;
    return switch (status) {
      case 401 ->
          server.token(tokens).isPresent()
              ? new ArgoCdException(
                  Problem.TOKEN_REFUSED,
                  server + " refused the token of BATON_ARGOCD_TOKENS (HTTP 401)")
              : new ArgoCdException(
                  Problem.NO_TOKEN,
                  server
                      + " wants a token (HTTP 401) and BATON_ARGOCD_TOKENS has none for "
                      + server.host());
      case 403 ->
          new ArgoCdException(
              Problem.FORBIDDEN,
              server + " denied the token access to " + what + ", or it does not exist (HTTP 403)");
      case 404 -> notFound(server, app == null ? "the application list" : app);
      default -> new ArgoCdException(Problem.BAD_STATUS, server + " answered HTTP " + status);
    };
  }

  static ArgoCdException notFound(ArgoCdServer server, String application) {
    return new ArgoCdException(
        Problem.NOT_FOUND, "application " + application + " is not found on " + server);
  }

  private static <T> T parse(ArgoCdServer server, Parse<T> parse) {
    try {
      return parse.run();
    } catch (RuntimeException e) {
      throw new ArgoCdException(
          Problem.BAD_RESPONSE, server + " answered with something other than Argo CD's API");
    }
  }

  private static ArgoCdException problem(ArgoCdServer server, Throwable failure) {
    if (failure instanceof ArgoCdException known) {
      return known;
    }
    return new ArgoCdException(
        Problem.UNREACHABLE, server + " cannot be reached (" + connectionFailure(failure) + ")");
  }

  private static String connectionFailure(Throwable failure) {
    Optional<ConnectionFailure> known = ConnectionFailure.of(failure);
    if (known.isEmpty()) {
      // Told to the step as "connection failed"; the operator's log keeps what it was.
      LOG.warn("a request to Argo CD failed: {}", failure.toString());
    }
    return known.map(ConnectionFailure::text).orElse("connection failed");
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @FunctionalInterface
  private interface Parse<T> {
    T run();
  }
}
