package io.baton.testing;

import io.baton.graphql.GraphqlWebSocketHandler;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A raw graphql-transport-ws peer on the JDK's WebSocket client: it sends whatever a test tells it
 * to, unchecked, and records everything the server does, in order (each message, then the close). A
 * test reads that record either one event after another ({@link #next}, {@link #expectMessage},
 * {@link #expectClose}), to check the protocol message by message, or by looking for what it waits
 * for ({@link #await}, {@link #nextPayloads}), to watch a subscription. Every wait has a deadline.
 */
public final class GraphqlWebSocketClient implements AutoCloseable {
  /** How long {@link #next} waits for the server, and how long connecting may take. */
  public static final Duration DEADLINE = Duration.ofSeconds(10);

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** One thing the server did: sent a message, or closed the socket. */
  public sealed interface Event permits Message, Closed {}

  public record Message(JsonObject json) implements Event {}

  public record Closed(int code, String reason) implements Event {}

  private final List<Event> events = new ArrayList<>(); // guarded by this
  private int read; // guarded by this: how many events next() has handed out
  private WebSocket socket;

  private GraphqlWebSocketClient() {}

  public static URI uri(int port) {
    return URI.create("ws://localhost:" + port + "/graphql");
  }

  public static GraphqlWebSocketClient connect(int port) {
    return connect(uri(port));
  }

  public static GraphqlWebSocketClient connect(URI uri) {
    return connect(uri, Map.of());
  }

  public static GraphqlWebSocketClient connect(URI uri, Map<String, String> headers) {
    return connect(uri, headers, GraphqlWebSocketHandler.SUBPROTOCOL);
  }

  public static GraphqlWebSocketClient connect(
      URI uri, Map<String, String> headers, String subprotocol) {
    GraphqlWebSocketClient client = new GraphqlWebSocketClient();
    WebSocket.Builder builder =
        HTTP.newWebSocketBuilder().connectTimeout(DEADLINE).subprotocols(subprotocol);
    headers.forEach(builder::header);
    client.socket =
        builder
            .buildAsync(uri, client.new Recorder())
            .orTimeout(DEADLINE.toSeconds(), TimeUnit.SECONDS)
            .join();
    return client;
  }

  /**
   * Connects, sends connection_init with the token, and expects connection_ack as the server's
   * first message.
   */
  public static GraphqlWebSocketClient acknowledged(int port, String token) {
    return acknowledged(uri(port), token);
  }

  public static GraphqlWebSocketClient acknowledged(URI uri, String token) {
    GraphqlWebSocketClient client = connect(uri);
    client.send(init(token));
    client.expectMessage("connection_ack");
    return client;
  }

  /** The HTTP status of a refused upgrade. */
  public static int refusedUpgradeStatus(URI uri, Map<String, String> headers) {
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

  public static JsonObject init(String token) {
    return new JsonObject()
        .put("type", "connection_init")
        .put("payload", new JsonObject().put("authorization", "Bearer " + token));
  }

  public static JsonObject subscribe(String id, String query) {
    return new JsonObject()
        .put("type", "subscribe")
        .put("id", id)
        .put("payload", new JsonObject().put("query", query));
  }

  public static JsonObject subscribe(String id, String query, JsonObject variables) {
    return new JsonObject()
        .put("type", "subscribe")
        .put("id", id)
        .put("payload", new JsonObject().put("query", query).put("variables", variables));
  }

  public GraphqlWebSocketClient send(JsonObject message) {
    return sendText(message.encode());
  }

  public GraphqlWebSocketClient sendText(String text) {
    socket.sendText(text, true).orTimeout(DEADLINE.toSeconds(), TimeUnit.SECONDS).join();
    return this;
  }

  /**
   * The event after the last one this returned, or a failure when nothing comes within {@link
   * #DEADLINE}.
   */
  public synchronized Event next() {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (read == events.size()) {
      waitUntil(deadline, () -> "the server sent nothing within " + DEADLINE);
    }
    return events.get(read++);
  }

  public JsonObject expectMessage(String type) {
    Event event = next();
    if (!(event instanceof Message message) || !type.equals(message.json().getString("type"))) {
      throw new AssertionError("expected a " + type + " message, got " + event);
    }
    return message.json();
  }

  /** The next event must be the close: nothing else may come before it. */
  public Closed expectClose() {
    Event event = next();
    if (!(event instanceof Closed closed)) {
      throw new AssertionError("expected the socket to close, got " + event);
    }
    return closed;
  }

  /**
   * The first message received, read by {@link #next} or not, that matches; fails if the socket
   * closes first.
   */
  public synchronized JsonObject await(Predicate<JsonObject> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int seen = 0; ; ) {
      for (; seen < events.size(); seen++) {
        Event event = events.get(seen);
        if (event instanceof Message message && condition.test(message.json())) {
          return message.json();
        }
        if (event instanceof Closed closed) {
          throw new AssertionError(
              "socket closed (" + closed + ") while waiting; got " + messages());
        }
      }
      waitUntil(deadline, () -> "no matching message within " + timeout + "; got " + messages());
    }
  }

  /** Waits for the server to close the socket, whatever it sends before. */
  public synchronized Closed awaitClose(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (events.isEmpty() || !(events.get(events.size() - 1) instanceof Closed)) {
      waitUntil(
          deadline, () -> "the socket was not closed within " + timeout + "; got " + messages());
    }
    return (Closed) events.get(events.size() - 1);
  }

  /** Every message received so far, in order. */
  public synchronized List<JsonObject> messages() {
    return events.stream()
        .filter(Message.class::isInstance)
        .map(e -> ((Message) e).json())
        .toList();
  }

  /** The payloads of the {@code next} messages of one operation, in order. */
  public List<JsonObject> nextPayloads(String id) {
    return messages().stream()
        .filter(m -> "next".equals(m.getString("type")) && id.equals(m.getString("id")))
        .map(m -> m.getJsonObject("payload"))
        .toList();
  }

  @Override
  public void close() {
    socket.abort();
  }

  private synchronized void record(Event event) {
    events.add(event);
    notifyAll();
  }

  private void waitUntil(long deadline, Supplier<String> failure) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new AssertionError(failure.get());
    }
    try {
      TimeUnit.NANOSECONDS.timedWait(this, left);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private final class Recorder implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        record(new Message(new JsonObject(partial.toString())));
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      record(new Closed(statusCode, reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      record(new Closed(-1, "client error: " + error));
    }
  }
}
