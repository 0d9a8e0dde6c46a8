package io.baton.webhook;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real HTTP server standing in for a webhook's receiver: it answers 200, answers 500, or hangs
 * (never answers), as the test sets it, and records every request it got.
 */
final class Receiver implements AutoCloseable {
  enum Mode {
    OK,
    ERROR,
    HANG
  }

  /** One POST as it arrived. */
  record Request(Map<String, String> headers, byte[] body, int answered) {
    JsonObject json() {
      return new JsonObject(new String(body, StandardCharsets.UTF_8));
    }

    String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Mode mode;

  Receiver(Mode mode) {
    this.mode = mode;
    this.server =
        vertx
            .createHttpServer()
            .requestHandler(
                request ->
                    request
                        .body()
                        .onSuccess(
                            body -> {
                              Mode now = this.mode;
                              int status = now == Mode.OK ? 200 : now == Mode.ERROR ? 500 : 0;
                              requests.add(
                                  new Request(
                                      request.headers().entries().stream()
                                          .collect(
                                              Collectors.toMap(
                                                  e -> e.getKey().toLowerCase(),
                                                  Map.Entry::getValue,
                                                  (a, b) -> a)),
                                      body.getBytes(),
                                      status));
                              if (status != 0) {
                                request
                                    .response()
                                    .setStatusCode(status)
                                    .end(status == 200 ? "thanks" : "broken\ntoday");
                              }
                            }));
    await(server.listen(0));
  }

  int port() {
    return server.actualPort();
  }

  String url() {
    return "http://localhost:" + port() + "/hook";
  }

  void mode(Mode mode) {
    this.mode = mode;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests it answered 200, in the order they came. */
  List<Request> delivered() {
    return requests.stream().filter(r -> r.answered() == 200).toList();
  }

  @Override
  public void close() {
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
