package io.baton.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Consumer;

/**
 * One real WebSocket speaking graphql-transport-ws with one subscription on it: connect,
 * connection_init, wait for the ack, subscribe. Each `next` payload's event goes to the handler, on
 * the socket's event loop.
 */
final class WsSubscription {
  static final String SUBPROTOCOL = "graphql-transport-ws";

  /** How Baton begins every {@code next} message. */
  private static final String NEXT = "{\"type\":\"next\"";

  private WsSubscription() {}

  /** Completes once the subscribe message is written (the server registers it a moment later). */
  static Future<WebSocket> open(
      WebSocketClient client, int port, String token, String query, Consumer<JsonObject> onEvent) {
    return openRaw(
        client,
        port,
        token,
        query,
        text ->
            onEvent.accept(
                new JsonObject(text)
                    .getJsonObject("payload")
                    .getJsonObject("data")
                    .getJsonObject("releaseEvents")));
  }

  /**
   * As {@link #open}, handing over each {@code next} message's text as it came, unparsed: for a
   * process that holds thousands of subscriptions and reads only a field or two of each message.
   */
  static Future<WebSocket> openRaw(
      WebSocketClient client, int port, String token, String query, Consumer<String> onNext) {
    Promise<WebSocket> subscribed = Promise.promise();
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost("localhost")
            .setPort(port)
            .setURI("/graphql")
            .setSubProtocols(List.of(SUBPROTOCOL))
            .setConnectTimeout(60_000);
    client
        .connect(options)
        .onFailure(subscribed::tryFail)
        .onSuccess(
            ws -> {
              ws.textMessageHandler(
                  text -> {
                    if (text.startsWith(NEXT)) {
                      onNext.accept(text);
                      return;
                    }
                    JsonObject message = new JsonObject(text);
                    switch (message.getString("type")) {
                      case "connection_ack" ->
                          ws.writeTextMessage(
                                  new JsonObject()
                                      .put("type", "subscribe")
                                      .put("id", "1")
                                      .put("payload", new JsonObject().put("query", query))
                                      .encode())
                              .onSuccess(v -> subscribed.tryComplete(ws))
                              .onFailure(subscribed::tryFail);
                      case "next" -> onNext.accept(text);
                      case "ping" ->
                          ws.writeTextMessage(new JsonObject().put("type", "pong").encode());
                      case "error" -> System.err.println("subscription error: " + text);
                      default -> {}
                    }
                  });
              ws.closeHandler(
                  v ->
                      subscribed.tryFail(
                          "closed " + ws.closeStatusCode() + " " + ws.closeReason()));
              ws.writeTextMessage(
                  new JsonObject()
                      .put("type", "connection_init")
                      .put("payload", new JsonObject().put("authorization", "Bearer " + token))
                      .encode());
            });
    return subscribed.future();
  }
}
