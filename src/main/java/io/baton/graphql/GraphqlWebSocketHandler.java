package io.baton.graphql;

import graphql.ExecutionResult;
import io.baton.auth.Principal;
import io.baton.auth.TokenService;
import io.baton.http.HttpApi;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * GraphQL over WebSocket with the {@code graphql-transport-ws} protocol, written to the protocol's specification
 * (close codes 4400, 4401, 4403, 4406, 4408, 4409, 4429). The token arrives in {@code connection_init}'s payload;
 * revoking it closes the socket with 4403.
 */
public final class GraphqlWebSocketHandler {
  public static final String SUBPROTOCOL = "graphql-transport-ws";
  static final Duration INIT_TIMEOUT = Duration.ofSeconds(3);
  static final Duration REVOCATION_CHECK = Duration.ofSeconds(2);

  private final Vertx vertx;
  private final GraphqlHttpHandler executor;
  private final TokenService tokens;
  private final List<String> allowedOrigins;
  private final Set<Connection> open = new CopyOnWriteArraySet<>();

  public GraphqlWebSocketHandler(Vertx vertx, GraphqlHttpHandler executor, TokenService tokens, List<String> allowedOrigins) {
    this.vertx = vertx;
    this.executor = executor;
    this.tokens = tokens;
    this.allowedOrigins = allowedOrigins;
    vertx.setPeriodic(REVOCATION_CHECK.toMillis(), id -> closeRevoked());
  }

  public void handle(RoutingContext ctx) {
    if (!originAllowed(ctx.request().getHeader(HttpHeaders.ORIGIN), ctx.request().getHeader(HttpHeaders.HOST))) {
      ctx.response().setStatusCode(403).end("cross-site WebSocket connections are not allowed");
      return;
    }
    String offered = ctx.request().getHeader("Sec-WebSocket-Protocol");
    boolean speaksProtocol = offered != null && List.of(offered.split("\\s*,\\s*")).contains(SUBPROTOCOL);
    ctx.request().toWebSocket().onSuccess(ws -> {
      if (!speaksProtocol) {
        ws.close((short) 4406, "Subprotocol not acceptable");
        return;
      }
      Connection connection = new Connection(ws);
      open.add(connection);
      ws.closeHandler(v -> connection.closed());
    });
  }

  /** Same origin (the Host the browser talked to) or one configured in BATON_ALLOWED_ORIGINS; no Origin: not a browser. */
  boolean originAllowed(String origin, String host) {
    if (origin == null) {
      return true;
    }
    if (allowedOrigins.contains(origin)) {
      return true;
    }
    try {
      URI uri = URI.create(origin);
      String originHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      return host != null && host.equalsIgnoreCase(originHost);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void closeRevoked() {
    Map<Long, List<Connection>> byToken = new java.util.HashMap<>();
    open.forEach(c -> {
      if (c.principal != null) {
        byToken.computeIfAbsent(c.principal.tokenId(), k -> new java.util.ArrayList<>()).add(c);
      }
    });
    if (byToken.isEmpty()) {
      return;
    }
    tokens.stillValid(byToken.keySet()).onSuccess(valid -> byToken.forEach((tokenId, connections) -> {
      if (!valid.contains(tokenId)) {
        connections.forEach(c -> c.close(4403, "Forbidden: the token was revoked"));
      }
    }));
  }

  /** One socket's protocol state. All of it is touched on the socket's event loop only. */
  private final class Connection {
    private final ServerWebSocket ws;
    private final Map<String, Subscription> operations = new ConcurrentHashMap<>();
    private final long initTimer;
    private boolean initReceived;
    private volatile Principal principal;
    private boolean closed;

    Connection(ServerWebSocket ws) {
      this.ws = ws;
      ws.textMessageHandler(this::onText);
      ws.binaryMessageHandler(b -> close(4400, "Invalid message: binary frames are not part of the protocol"));
      this.initTimer = vertx.setTimer(INIT_TIMEOUT.toMillis(), id -> {
        if (principal == null) {
          close(4408, "Connection initialisation timeout");
        }
      });
    }

    private void onText(String text) {
      JsonObject message;
      try {
        Object parsed = Json.decodeValue(text);
        if (!(parsed instanceof JsonObject object) || !(object.getValue("type") instanceof String)) {
          close(4400, "Invalid message: expected a JSON object with a type");
          return;
        }
        message = object;
      } catch (DecodeException e) {
        close(4400, "Invalid message: not JSON");
        return;
      }
      switch (message.getString("type")) {
        case "connection_init" -> onInit(message);
        case "ping" -> send(pong(message));
        case "pong" -> { }
        case "subscribe" -> onSubscribe(message);
        case "complete" -> onComplete(message);
        default -> close(4400, "Invalid message: unknown type \"" + message.getString("type") + "\"");
      }
    }

    private static JsonObject pong(JsonObject ping) {
      JsonObject pong = new JsonObject().put("type", "pong");
      if (ping.getValue("payload") != null) {
        pong.put("payload", ping.getValue("payload"));
      }
      return pong;
    }

    private void onInit(JsonObject message) {
      if (initReceived) {
        close(4429, "Too many initialisation requests");
        return;
      }
      initReceived = true;
      Object payload = message.getValue("payload");
      if (payload != null && !(payload instanceof JsonObject)) {
        close(4400, "Invalid message: connection_init payload must be an object");
        return;
      }
      String authorization = payload == null ? null : ((JsonObject) payload).getString("authorization",
          ((JsonObject) payload).getString("Authorization"));
      tokens.authenticate(HttpApi.bearer(authorization)).onComplete(result -> {
        if (result.failed()) {
          close(4403, "Forbidden");
          return;
        }
        vertx.cancelTimer(initTimer);
        principal = result.result();
        send(new JsonObject().put("type", "connection_ack"));
      });
    }

    private void onSubscribe(JsonObject message) {
      if (principal == null) {
        close(4401, "Unauthorized");
        return;
      }
      Object id = message.getValue("id");
      Object payload = message.getValue("payload");
      if (!(id instanceof String operationId) || operationId.isEmpty() || !(payload instanceof JsonObject body)
          || !(body.getValue("query") instanceof String query)) {
        close(4400, "Invalid message: subscribe needs an id and a payload with a query");
        return;
      }
      if (operations.containsKey(operationId)) {
        close(4409, "Subscriber for " + operationId + " already exists");
        return;
      }
      Object variables = body.getValue("variables");
      Object operationName = body.getValue("operationName");
      if ((variables != null && !(variables instanceof JsonObject)) || (operationName != null && !(operationName instanceof String))) {
        close(4400, "Invalid message: variables must be an object and operationName a string");
        return;
      }
      operations.put(operationId, PLACEHOLDER);
      GraphqlHttpHandler.Request request = new GraphqlHttpHandler.Request(query, (String) operationName,
          variables == null ? null : ((JsonObject) variables).getMap(), null);
      executor.execute(request, principal).whenComplete((result, failure) -> vertx.runOnContext(v -> {
        if (closed || !operations.containsKey(operationId)) {
          return;
        }
        if (failure != null) {
          sendError(operationId, List.of(Errors.requestError(failure).get("errors")));
          return;
        }
        if (result.getData() instanceof Publisher<?> publisher && result.getErrors().isEmpty()) {
          @SuppressWarnings("unchecked") Publisher<ExecutionResult> stream = (Publisher<ExecutionResult>) publisher;
          stream.subscribe(new Forwarder(operationId));
          return;
        }
        if (!result.isDataPresent()) {
          sendError(operationId, result.getErrors().stream().map(Errors::toJson).toList());
          return;
        }
        send(next(operationId, result));
        operations.remove(operationId);
        send(new JsonObject().put("type", "complete").put("id", operationId));
      }));
    }

    private void onComplete(JsonObject message) {
      Object id = message.getValue("id");
      if (!(id instanceof String operationId)) {
        close(4400, "Invalid message: complete needs an id");
        return;
      }
      Subscription subscription = operations.remove(operationId);
      if (subscription != null) {
        subscription.cancel();
      }
    }

    private void sendError(String operationId, List<?> errors) {
      operations.remove(operationId);
      List<?> flat = errors.size() == 1 && errors.get(0) instanceof List<?> inner ? inner : errors;
      send(new JsonObject().put("type", "error").put("id", operationId).put("payload", flat));
    }

    private JsonObject next(String operationId, ExecutionResult result) {
      return new JsonObject().put("type", "next").put("id", operationId)
          .put("payload", new JsonObject(GraphqlHttpHandler.toJson(result)));
    }

    private void send(JsonObject message) {
      if (!closed) {
        ws.writeTextMessage(message.encode());
      }
    }

    void close(int code, String reason) {
      if (!closed) {
        closed = true;
        ws.close((short) code, reason);
      }
      closed();
    }

    void closed() {
      closed = true;
      vertx.cancelTimer(initTimer);
      open.remove(this);
      operations.values().forEach(Subscription::cancel);
      operations.clear();
    }

    /** Forwards one subscription's results, asking for the next only once the previous one is written. */
    private final class Forwarder implements Subscriber<ExecutionResult> {
      private final String operationId;
      private final io.vertx.core.Context context = vertx.getOrCreateContext();
      private Subscription subscription;

      Forwarder(String operationId) {
        this.operationId = operationId;
      }

      @Override
      public void onSubscribe(Subscription s) {
        context.runOnContext(v -> {
          if (closed || operations.get(operationId) != PLACEHOLDER) {
            s.cancel();
            return;
          }
          subscription = s;
          operations.put(operationId, s);
          s.request(1);
        });
      }

      @Override
      public void onNext(ExecutionResult result) {
        onContext(() -> {
          if (closed || operations.get(operationId) != subscription) {
            return;
          }
          ws.writeTextMessage(next(operationId, result).encode()).onComplete(w -> subscription.request(1));
        });
      }

      /** The feed delivers on this socket's event loop already: no need to queue another task there. */
      private void onContext(Runnable task) {
        if (Vertx.currentContext() == context) {
          task.run();
        } else {
          context.runOnContext(v -> task.run());
        }
      }

      @Override
      public void onError(Throwable failure) {
        context.runOnContext(v -> {
          if (operations.remove(operationId) != null && !closed) {
            send(new JsonObject().put("type", "error").put("id", operationId)
                .put("payload", Errors.requestError(failure).get("errors")));
          }
        });
      }

      @Override
      public void onComplete() {
        context.runOnContext(v -> {
          if (operations.remove(operationId) != null) {
            send(new JsonObject().put("type", "complete").put("id", operationId));
          }
        });
      }
    }
  }

  /** Marks an operation id as taken while its subscription is being set up. */
  private static final Subscription PLACEHOLDER = new Subscription() {
    @Override
    public void request(long n) {}

    @Override
    public void cancel() {}
  };
}
