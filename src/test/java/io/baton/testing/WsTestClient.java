package io.baton.testing;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A plain graphql-transport-ws client for tests: sends raw messages, records everything the server sends. */
public final class WsTestClient implements AutoCloseable {
  private final WebSocket socket;
  private final List<JsonObject> received = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private volatile String closeReason;

  private WsTestClient(URI uri, String origin) throws Exception {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
        .subprotocols("graphql-transport-ws")
        .connectTimeout(Duration.ofSeconds(5));
    if (origin != null) {
      builder.header("Origin", origin);
    }
    this.socket = builder.buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
  }

  public static WsTestClient connect(TestServer server) {
    return connect(server.port());
  }

  public static WsTestClient connect(int port) {
    try {
      return new WsTestClient(URI.create("ws://localhost:" + port + "/graphql"), null);
    } catch (Exception e) {
      throw new IllegalStateException("could not open the WebSocket", e);
    }
  }

  /** Connects and completes the handshake with the given token. */
  public static WsTestClient initialised(TestServer server, String token) {
    return initialised(server.port(), token);
  }

  public static WsTestClient initialised(int port, String token) {
    WsTestClient client = connect(port);
    client.send(new JsonObject().put("type", "connection_init")
        .put("payload", new JsonObject().put("authorization", "Bearer " + token)));
    client.await(m -> "connection_ack".equals(m.getString("type")), Duration.ofSeconds(10));
    return client;
  }

  public void send(JsonObject message) {
    socket.sendText(message.encode(), true).join();
  }

  public void subscribe(String id, String query, JsonObject variables) {
    send(new JsonObject().put("type", "subscribe").put("id", id)
        .put("payload", new JsonObject().put("query", query).put("variables", variables)));
  }

  public List<JsonObject> received() {
    return new ArrayList<>(received);
  }

  /** The payloads of the `next` messages of one operation, in order. */
  public List<JsonObject> nextPayloads(String id) {
    return received.stream()
        .filter(m -> "next".equals(m.getString("type")) && id.equals(m.getString("id")))
        .map(m -> m.getJsonObject("payload"))
        .toList();
  }

  public boolean completed(String id) {
    return received.stream().anyMatch(m -> "complete".equals(m.getString("type")) && id.equals(m.getString("id")));
  }

  public JsonObject await(Predicate<JsonObject> condition, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      for (JsonObject m : received) {
        if (condition.test(m)) {
          return m;
        }
      }
      if (closed.isDone()) {
        throw new AssertionError("socket closed (" + closed.join() + " " + closeReason + ") while waiting; got "
            + received);
      }
      Poll.pause();
    }
    throw new AssertionError("no matching message within " + timeout + "; got " + received);
  }

  /** Waits for the server to close the socket and returns the close code. */
  public int awaitClose(Duration timeout) {
    try {
      return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("the socket was not closed within " + timeout + "; got " + received, e);
    }
  }

  public String closeReason() {
    return closeReason;
  }

  @Override
  public void close() {
    if (!closed.isDone()) {
      socket.abort();
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        received.add(new JsonObject(text.toString()));
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeReason = reason;
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closeReason = String.valueOf(error.getMessage());
      closed.complete(-1);
    }
  }
}
