package io.baton.argocd;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for an Argo CD server (Argo CD itself needs Kubernetes): a real HTTP server answering
 * Argo CD's {@code GET /api/v1/applications/{name}} (with {@code ?refresh=normal} counted as a
 * refresh) and the list {@code GET /api/v1/applications}, in the shapes Argo CD's API documents
 * ({@code v1alpha1.Application}, {@code v1alpha1.ApplicationList}, and grpc-gateway's {@code
 * {"error", "code", "message"}} errors). It wants {@code Authorization: Bearer <token>}. The test
 * sets each application's sync status, revision and health, and reads how many requests came.
 */
public final class ArgoCdStandIn implements AutoCloseable {
  /** What a refused answer's body says: a client must not show it (it could echo secrets). */
  static final String REMOTE_ERROR_TEXT = "remote-error-text-not-for-users";

  private final HttpServer server;
  private final String token;
  private final Map<String, JsonObject> applications = new ConcurrentSkipListMap<>();
  private final AtomicInteger lists = new AtomicInteger();
  private final AtomicInteger gets = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final Map<String, AtomicInteger> refreshes = new ConcurrentHashMap<>();
  private final List<Long> listArrivalNanos = new CopyOnWriteArrayList<>();

  private ArgoCdStandIn(Vertx vertx, String token) {
    this.token = token;
    this.server = vertx.createHttpServer().requestHandler(this::handle);
  }

  public static ArgoCdStandIn start(Vertx vertx, String token) throws Exception {
    ArgoCdStandIn standIn = new ArgoCdStandIn(vertx, token);
    standIn
        .server
        .listen(0, "127.0.0.1")
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    return standIn;
  }

  /** The base URL, as an environment's {@code argocdServer}. */
  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  public int port() {
    return server.actualPort();
  }

  /** Sets (or adds) an application as Argo CD would report it. */
  public ArgoCdStandIn set(String name, String sync, String revision, String health) {
    applications.put(name, application(name, sync, revision, health));
    return this;
  }

  void remove(String name) {
    applications.remove(name);
  }

  public int listRequests() {
    return lists.get();
  }

  /** Single-application requests, refreshes included. */
  public int applicationRequests() {
    return gets.get();
  }

  public int refreshes(String name) {
    return refreshes.getOrDefault(name, new AtomicInteger()).get();
  }

  int totalRefreshes() {
    return refreshes.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  public int refusedRequests() {
    return refused.get();
  }

  /** When each list request arrived ({@link System#nanoTime()}). */
  List<Long> listArrivals() {
    return List.copyOf(listArrivalNanos);
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    if (!("Bearer " + token).equals(request.getHeader("Authorization"))) {
      refused.incrementAndGet();
      error(request, 401, 16, "invalid session: " + REMOTE_ERROR_TEXT);
      return;
    }
    if (path.equals("/api/v1/applications")) {
      lists.incrementAndGet();
      listArrivalNanos.add(System.nanoTime());
      list(request);
      return;
    }
    if (path.startsWith("/api/v1/applications/") && path.indexOf('/', 21) < 0) {
      gets.incrementAndGet();
      one(request, path.substring("/api/v1/applications/".length()));
      return;
    }
    error(request, 404, 5, "Not Found");
  }

  private void list(HttpServerRequest request) {
    String name = request.getParam("name");
    JsonArray items = new JsonArray();
    applications.forEach(
        (n, app) -> {
          if (name == null || name.isEmpty() || name.equals(n)) {
            items.add(app);
          }
        });
    json(
        request,
        new JsonObject()
            .put("metadata", new JsonObject().put("resourceVersion", "12345"))
            .put("items", items));
  }

  private void one(HttpServerRequest request, String name) {
    if ("normal".equals(request.getParam("refresh"))
        || "hard".equals(request.getParam("refresh"))) {
      refreshes.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
    }
    JsonObject app = applications.get(name);
    if (app == null) {
      error(request, 404, 5, "applications.argoproj.io \"" + name + "\" not found");
      return;
    }
    json(request, app);
  }

  private static JsonObject application(String name, String sync, String revision, String health) {
    return new JsonObject()
        .put("metadata", new JsonObject().put("name", name).put("namespace", "argocd"))
        .put(
            "spec",
            new JsonObject()
                .put("project", "default")
                .put(
                    "source",
                    new JsonObject()
                        .put("repoURL", "https://git.example.com/deploy.git")
                        .put("path", name)
                        .put("targetRevision", "HEAD"))
                .put(
                    "destination",
                    new JsonObject()
                        .put("server", "https://kubernetes.default.svc")
                        .put("namespace", name)))
        .put(
            "status",
            new JsonObject()
                .put(
                    "sync",
                    new JsonObject()
                        .put("status", sync)
                        .put("revision", revision)
                        .put(
                            "comparedTo",
                            new JsonObject()
                                .put(
                                    "source",
                                    new JsonObject()
                                        .put("repoURL", "https://git.example.com/deploy.git"))))
                .put("health", new JsonObject().put("status", health))
                .put(
                    "operationState",
                    new JsonObject()
                        .put("phase", "Succeeded")
                        .put("syncResult", new JsonObject().put("revision", revision))));
  }

  private static void error(HttpServerRequest request, int status, int code, String message) {
    request
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(
            new JsonObject()
                .put("error", message)
                .put("code", code)
                .put("message", message)
                .encode());
  }

  private static void json(HttpServerRequest request, JsonObject body) {
    request.response().putHeader("Content-Type", "application/json").end(body.encode());
  }
}
