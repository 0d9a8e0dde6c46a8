package io.baton.graphql;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw graphql-transport-ws peer on the JDK's WebSocket client, for tests that check the protocol message by message.
 * Everything the server sends (messages and the close) lands in one queue that the test reads with a deadline.
 */
final class ProtocolClient implements AutoCloseable {
  static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** One thing the server did: sent a message, or closed the socket. */
  sealed interface Event permits Message, Closed {}

  record Message(JsonObject json) implements Event {}

  record Closed(int code, String reason) implements Event {}

  private final WebSocket socket;
  private final BlockingQueue<Event> events;

  private ProtocolClient(WebSocket socket, BlockingQueue<Event> events) {
    this.socket = socket;
    this.events = events;
  }

  static ProtocolClient connect(URI uri, Map<String, String> headers) {
    return connect(uri, headers, GraphqlWebSocketHandler.SUBPROTOCOL);
  }

  static ProtocolClient connect(URI uri, Map<String, String> headers, String subprotocol) {
    BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    WebSocket.Builder builder = HTTP.newWebSocketBuilder()
        .connectTimeout(DEADLINE)
        .subprotocols(subprotocol);
    headers.forEach(builder::header);
    WebSocket socket = builder.buildAsync(uri, new Collector(events)).orTimeout(DEADLINE.toSeconds(), TimeUnit.SECONDS)
        .join();
    return new ProtocolClient(socket, events);
  }

  static ProtocolClient connect(URI uri) {
    return connect(uri, Map.of());
  }

  /** The HTTP status of a refused upgrade. */
  static int refusedUpgradeStatus(URI uri, Map<String, String> headers) {
    try {
      connect(uri, headers).close();
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
      throw e;
    }
    throw new AssertionError("the upgrade was accepted");
  }

  /** Connects and sends connection_init with the token, then expects connection_ack. */
  static ProtocolClient acknowledged(URI uri, String token) {
    ProtocolClient client = connect(uri);
    client.send(init(token));
    client.expectMessage("connection_ack");
    return client;
  }

  static JsonObject init(String token) {
    return new JsonObject().put("type", "connection_init")
        .put("payload", new JsonObject().put("authorization", "Bearer " + token));
  }

  static JsonObject subscribe(String id, String query) {
    return new JsonObject().put("type", "subscribe").put("id", id).put("payload", new JsonObject().put("query", query));
  }

  ProtocolClient send(JsonObject message) {
    return sendText(message.encode());
  }

  ProtocolClient sendText(String text) {
    socket.sendText(text, true).orTimeout(DEADLINE.toSeconds(), TimeUnit.SECONDS).join();
    return this;
  }

  /** The next event, or a failure when nothing comes before the deadline. */
  Event next() {
    try {
      Event event = events.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      if (event == null) {
        throw new AssertionError("the server sent nothing within " + DEADLINE);
      }
      return event;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonObject expectMessage(String type) {
    Event event = next();
    if (!(event instanceof Message message) || !type.equals(message.json().getString("type"))) {
      throw new AssertionError("expected a " + type + " message, got " + event);
    }
    return message.json();
  }

  Closed expectClose() {
    Event event = next();
    if (!(event instanceof Closed closed)) {
      throw new AssertionError("expected the socket to close, got " + event);
    }
    return closed;
  }

  @Override
  public void close() {
    socket.abort();
  }

  private static final class Collector implements WebSocket.Listener {
    private final BlockingQueue<Event> events;
    private final StringBuilder partial = new StringBuilder();

    Collector(BlockingQueue<Event> events) {
      this.events = events;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        events.add(new Message(new JsonObject(partial.toString())));
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      events.add(new Closed(statusCode, reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      events.add(new Closed(-1, "client error: " + error));
    }
  }
}
