package io.baton.bench;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The replay client of the {@code history} phase, in a JVM of its own: on one real WebSocket
 * speaking graphql-transport-ws, subscribes to {@code releaseEvents(releaseId:)} of each release
 * given, one after another, and times each from writing the subscribe message until the server's
 * {@code complete} (a finished release's stream completes after its terminal event, replayed from
 * the table). Prints {@code STATS n p50 p90 p99 max mean events errors} and leaves.
 *
 * <p>Arguments: port, token, a comma-separated list of release ids, how many of the first are a
 * warm-up (not counted).
 */
public final class ReplayClient {
  static final String SELECTION =
      "{ cursor at status previousStatus message environment { id name } release { id status } }";

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String token = args[1];
    String[] ids = args[2].split(",");
    int warmup = Integer.parseInt(args[3]);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions());
    Stats stats = new Stats();
    AtomicInteger events = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    CompletableFuture<Void> done = new CompletableFuture<>();
    Promise<WebSocket> acked = Promise.promise();
    long[] sentAt = new long[1];
    int[] next = new int[1];
    client
        .connect(
            new WebSocketConnectOptions()
                .setHost("localhost")
                .setPort(port)
                .setURI("/graphql")
                .setSubProtocols(List.of(WsSubscription.SUBPROTOCOL)))
        .onFailure(done::completeExceptionally)
        .onSuccess(
            ws -> {
              Runnable subscribe =
                  () -> {
                    int i = next[0]++;
                    if (i >= ids.length) {
                      done.complete(null);
                      return;
                    }
                    sentAt[0] = System.nanoTime();
                    ws.writeTextMessage(
                        new JsonObject()
                            .put("type", "subscribe")
                            .put("id", String.valueOf(i))
                            .put(
                                "payload",
                                new JsonObject()
                                    .put(
                                        "query",
                                        "subscription { releaseEvents(releaseId: \""
                                            + ids[i]
                                            + "\") "
                                            + SELECTION
                                            + " }"))
                            .encode());
                  };
              ws.textMessageHandler(
                  text -> {
                    JsonObject message = new JsonObject(text);
                    switch (message.getString("type")) {
                      case "connection_ack" -> acked.tryComplete(ws);
                      case "next" -> {
                        if (next[0] > warmup) {
                          events.incrementAndGet();
                        }
                      }
                      case "complete" -> {
                        if (next[0] > warmup) {
                          stats.add((System.nanoTime() - sentAt[0]) / 1000);
                        }
                        subscribe.run();
                      }
                      case "error" -> {
                        errors.incrementAndGet();
                        System.err.println("replay error: " + text);
                        subscribe.run();
                      }
                      case "ping" ->
                          ws.writeTextMessage(new JsonObject().put("type", "pong").encode());
                      default -> {}
                    }
                  });
              ws.closeHandler(
                  v ->
                      done.completeExceptionally(
                          new IllegalStateException(
                              "closed " + ws.closeStatusCode() + " " + ws.closeReason())));
              acked.future().onSuccess(v -> subscribe.run());
              ws.writeTextMessage(
                  new JsonObject()
                      .put("type", "connection_init")
                      .put("payload", new JsonObject().put("authorization", "Bearer " + token))
                      .encode());
            });
    done.get(10, TimeUnit.MINUTES);
    System.out.printf(
        "STATS %d %.2f %.2f %.2f %.2f %.2f %d %d%n",
        stats.count(),
        stats.percentileMillis(50),
        stats.percentileMillis(90),
        stats.percentileMillis(99),
        stats.percentileMillis(100),
        stats.meanMillis(),
        events.get(),
        errors.get());
    System.out.flush();
    vertx.close();
    System.exit(0);
  }
}
