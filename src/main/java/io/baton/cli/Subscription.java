package io.baton.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One subscription over Baton's WebSocket, in the graphql-transport-ws protocol: connection_init
 * with the token, connection_ack, subscribe, then each {@code next} until {@code complete}. The
 * socket's listener only queues what arrives; the command's thread reads the queue.
 */
final class Subscription implements AutoCloseable {
  static final String SUBPROTOCOL = "graphql-transport-ws";
  private static final String ID = "1";
  private static final int CLOSED_BAD_TOKEN = 4403;

  /**
   * Close codes from here on are graphql-transport-ws's own: the server refused what the client
   * did, which trying again does not change. Below it, the connection broke (1006), the server went
   * away (1001) or asked to come back (1013): worth resuming.
   */
  private static final int FIRST_PROTOCOL_CODE = 4000;

  /** What the socket delivered: a message, or its end. */
  private sealed interface Arrival permits Message, Closed, Failed {}

  private record Message(JsonObject json) implements Arrival {}

  private record Closed(int code, String reason) implements Arrival {}

  private record Failed(Throwable failure) implements Arrival {}

  private final BatonClient client;
  private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
  private WebSocket socket;

  private Subscription(BatonClient client) {
    this.client = client;
  }

  static Subscription open(BatonClient client, String query, JsonObject variables) {
    Subscription subscription = new Subscription(client);
    subscription.connect();
    subscription.send(
        new JsonObject()
            .put("type", "connection_init")
            .put(
                "payload",
                new JsonObject().put("authorization", "Bearer " + client.connection().token())));
    subscription.expectAck();
    subscription.send(
        new JsonObject()
            .put("type", "subscribe")
            .put("id", ID)
            .put("payload", new JsonObject().put("query", query).put("variables", variables)));
    return subscription;
  }

  /** Hands each result's data to {@code onNext} until Baton completes the subscription. */
  void forEach(Consumer<JsonObject> onNext) {
    for (JsonObject message = nextMessage(); ; message = nextMessage()) {
      switch (message.getString("type", "")) {
        case "next" -> onNext.accept(data(message.getJsonObject("payload", new JsonObject())));
        case "error" -> throw GraphqlErrors.of(message.getJsonArray("payload", new JsonArray()));
        case "complete" -> {
          return;
        }
        case "ping" -> send(new JsonObject().put("type", "pong"));
        default -> {
          // pong and anything the protocol adds later carry nothing for the command
        }
      }
    }
  }

  @Override
  public void close() {
    if (socket != null && !socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(failure -> null);
    }
  }

  private void connect() {
    CompletableFuture<WebSocket> opening =
        client
            .http()
            .newWebSocketBuilder()
            .connectTimeout(BatonClient.CONNECT_TIMEOUT)
            .subprotocols(SUBPROTOCOL)
            .buildAsync(client.connection().graphqlWebSocket(), new Listener());
    try {
      socket = opening.get(BatonClient.CONNECT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw refusedUpgrade(e.getCause());
    } catch (TimeoutException e) {
      throw client.unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.connection("interrupted");
    }
  }

  private CliException refusedUpgrade(Throwable failure) {
    if (failure instanceof WebSocketHandshakeException refused) {
      int status = refused.getResponse().statusCode();
      return status == 401
          ? client.refusedToken()
          : CliException.connectionLost(
              "Baton at "
                  + client.connection().server()
                  + " refused the WebSocket (HTTP "
                  + status
                  + ")");
    }
    return client.unreachable(failure);
  }

  private void expectAck() {
    JsonObject first = nextMessage();
    if (!"connection_ack".equals(first.getString("type"))) {
      throw CliException.connection(
          "Baton did not accept the WebSocket connection: it sent " + first.getString("type"));
    }
  }

  private void send(JsonObject message) {
    try {
      socket.sendText(message.encode(), true).join();
    } catch (CompletionException e) {
      throw client.unreachable(e.getCause());
    }
  }

  private JsonObject nextMessage() {
    Arrival arrival;
    try {
      arrival = arrivals.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.connection("interrupted");
    }
    if (arrival instanceof Message message) {
      return message.json();
    }
    if (arrival instanceof Closed closed) {
      throw closedEarly(closed);
    }
    throw client.unreachable(((Failed) arrival).failure());
  }

  private CliException closedEarly(Closed closed) {
    if (closed.code() == CLOSED_BAD_TOKEN) {
      return client.refusedToken();
    }
    String message =
        "Baton closed the WebSocket ("
            + closed.code()
            + (closed.reason().isBlank() ? "" : ", " + closed.reason())
            + ") before the subscription ended";
    return closed.code() < FIRST_PROTOCOL_CODE
        ? CliException.connectionLost(message)
        : CliException.connection(message);
  }

  private static JsonObject data(JsonObject payload) {
    JsonArray errors = payload.getJsonArray("errors");
    if (errors != null && !errors.isEmpty()) {
      throw GraphqlErrors.of(errors);
    }
    return payload.getJsonObject("data", new JsonObject());
  }

  /** Queues each whole text message, the close and any failure; reads one message at a time. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        arrivals.add(parsed(text));
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      arrivals.add(new Closed(statusCode, reason == null ? "" : reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      arrivals.add(new Failed(error));
    }

    private Arrival parsed(String text) {
      try {
        return new Message(new JsonObject(text));
      } catch (DecodeException | ClassCastException e) {
        return new Closed(4400, "Baton sent a message that is not JSON");
      }
    }
  }
}
