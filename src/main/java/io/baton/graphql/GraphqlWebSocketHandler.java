package io.baton.graphql;

import graphql.ExecutionResult;
import io.baton.auth.Principal;
import io.baton.auth.SignInThrottle;
import io.baton.auth.TokenService;
import io.baton.error.ErrorCode;
import io.baton.http.HttpApi;
import io.baton.release.EventFeed;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * GraphQL over WebSocket with the {@code graphql-transport-ws} protocol, written to the protocol's
 * specification (close codes 4400, 4401, 4403, 4406, 4408, 4409, 4429). The token arrives in {@code
 * connection_init}'s payload; revoking it closes the socket with 4403.
 *
 * <p>Baton's own limits: a socket runs at most {@link Limits#maxOperations} operations at once (one
 * more gets an {@code error} message with code {@code LIMIT_EXCEEDED}); a socket whose reader does
 * not take what it is sent (more than {@link Limits#maxBacklogBytes} waiting, or nothing taken for
 * {@link Limits#stallTimeout}) is closed with 1013 (try again later); every socket is pinged (a
 * WebSocket ping frame, which clients answer by themselves) every {@link Limits#keepAlive}, so that
 * the HTTP server's idle timeout never closes a quiet subscription.
 */
public final class GraphqlWebSocketHandler {
  public static final String SUBPROTOCOL = "graphql-transport-ws";
  public static final Duration INIT_TIMEOUT = Duration.ofSeconds(3);
  static final Duration REVOCATION_CHECK = Duration.ofSeconds(2);
  static final int MAX_CLOSE_REASON_BYTES = 123;
  static final int TOO_SLOW = 1013;

  /**
   * {@code initTimeout}: how long a socket may stay without {@code connection_init} before it is
   * closed with 4408; the others as the class says.
   */
  public record Limits(
      Duration initTimeout,
      Duration keepAlive,
      int maxOperations,
      long maxBacklogBytes,
      Duration stallTimeout) {
    public static final Limits DEFAULTS =
        new Limits(INIT_TIMEOUT, Duration.ofSeconds(30), 100, 4L << 20, Duration.ofSeconds(30));

    public Limits withKeepAlive(Duration keepAlive) {
      return new Limits(initTimeout, keepAlive, maxOperations, maxBacklogBytes, stallTimeout);
    }

    Limits withInitTimeout(Duration initTimeout) {
      return new Limits(initTimeout, keepAlive, maxOperations, maxBacklogBytes, stallTimeout);
    }
  }

  private final Vertx vertx;
  private final GraphqlHttpHandler executor;
  private final TokenService tokens;
  private final SignInThrottle throttle;
  private final List<String> allowedOrigins;
  private final Limits limits;
  private final Set<Connection> open = new CopyOnWriteArraySet<>();
  private final LongAdder eventExecutions = new LongAdder();
  private final SharedSubscriptions shared = new SharedSubscriptions(eventExecutions::increment);

  /**
   * {@code throttle}: shared with HTTP, so a failed connection_init counts as a failed sign-in like
   * a 401 does.
   */
  public GraphqlWebSocketHandler(
      Vertx vertx,
      GraphqlHttpHandler executor,
      TokenService tokens,
      SignInThrottle throttle,
      List<String> allowedOrigins) {
    this(vertx, executor, tokens, throttle, allowedOrigins, Limits.DEFAULTS);
  }

  GraphqlWebSocketHandler(
      Vertx vertx,
      GraphqlHttpHandler executor,
      TokenService tokens,
      SignInThrottle throttle,
      List<String> allowedOrigins,
      Duration initTimeout) {
    this(
        vertx,
        executor,
        tokens,
        throttle,
        allowedOrigins,
        Limits.DEFAULTS.withInitTimeout(initTimeout));
  }

  public GraphqlWebSocketHandler(
      Vertx vertx,
      GraphqlHttpHandler executor,
      TokenService tokens,
      SignInThrottle throttle,
      List<String> allowedOrigins,
      Limits limits) {
    this.vertx = vertx;
    this.executor = executor;
    this.tokens = tokens;
    this.throttle = throttle;
    this.allowedOrigins = allowedOrigins;
    this.limits = limits;
    vertx.setPeriodic(REVOCATION_CHECK.toMillis(), id -> closeRevoked());
    vertx.setPeriodic(limits.keepAlive().toMillis(), id -> onEachConnection(Connection::ping));
    vertx.setPeriodic(
        Math.max(1, limits.stallTimeout().toMillis() / 4),
        id -> onEachConnection(Connection::closeIfStalled));
  }

  /** Shared subscription executions streaming now. */
  int sharedExecutions() {
    return shared.executions();
  }

  /**
   * Subscription events executed so far, shared or not: each is one run of a subscription's
   * selection for one event.
   */
  long eventExecutions() {
    return eventExecutions.sum();
  }

  /** Open sockets, acknowledged or not. */
  int connections() {
    return open.size();
  }

  private void onEachConnection(Consumer<Connection> task) {
    open.forEach(c -> c.context.runOnContext(v -> task.accept(c)));
  }

  public void handle(RoutingContext ctx) {
    if (!originAllowed(
        ctx.request().getHeader(HttpHeaders.ORIGIN), ctx.request().getHeader(HttpHeaders.HOST))) {
      ctx.response().setStatusCode(403).end("cross-site WebSocket connections are not allowed");
      return;
    }
    String offered = ctx.request().getHeader("Sec-WebSocket-Protocol");
    boolean speaksProtocol =
        offered != null && List.of(offered.split("\\s*,\\s*")).contains(SUBPROTOCOL);
    String address =
        ctx.request().remoteAddress() == null
            ? "unknown"
            : ctx.request().remoteAddress().hostAddress();
    ctx.request()
        .toWebSocket()
        .onSuccess(
            ws -> {
              if (!speaksProtocol) {
                ws.close((short) 4406, "Subprotocol not acceptable");
                return;
              }
              Connection connection = new Connection(ws, address);
              open.add(connection);
              ws.closeHandler(v -> connection.closed());
            });
  }

  /**
   * Same origin (the Host the browser talked to) or one configured in BATON_ALLOWED_ORIGINS; no
   * Origin: not a browser.
   */
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
    Map<Long, List<Connection>> byToken = new HashMap<>();
    open.forEach(
        c -> {
          if (c.principal != null) {
            byToken.computeIfAbsent(c.principal.tokenId(), k -> new ArrayList<>()).add(c);
          }
        });
    if (byToken.isEmpty()) {
      return;
    }
    tokens
        .stillValid(byToken.keySet())
        .onSuccess(
            valid ->
                byToken.forEach(
                    (tokenId, connections) -> {
                      if (!valid.contains(tokenId)) {
                        connections.forEach(
                            c ->
                                c.context.runOnContext(
                                    v -> c.close(4403, "Forbidden: the token was revoked")));
                      }
                    }));
  }

  /** One socket's protocol state. All of it is touched on the socket's event loop only. */
  private final class Connection {
    private final ServerWebSocket ws;
    private final String address;
    private final Context context = vertx.getOrCreateContext();
    private final Map<String, Operation> operations = new HashMap<>();
    private final Backlog backlog = new Backlog(limits.maxBacklogBytes(), limits.stallTimeout());
    private final long initTimer;
    private boolean initReceived;
    private volatile Principal principal;
    private boolean closed;

    Connection(ServerWebSocket ws, String address) {
      this.ws = ws;
      this.address = address;
      ws.textMessageHandler(this::onText);
      ws.binaryMessageHandler(
          b -> close(4400, "Invalid message: binary frames are not part of the protocol"));
      this.initTimer =
          vertx.setTimer(
              limits.initTimeout().toMillis(),
              id -> {
                if (principal == null) {
                  close(4408, "Connection initialisation timeout");
                }
              });
    }

    private void onText(String text) {
      if (closed) {
        return;
      }
      JsonObject message;
      try {
        message = ClientMessage.parse(text);
      } catch (ClientMessage.Invalid e) {
        close(4400, e.getMessage());
        return;
      }
      switch (message.getString("type")) {
        case "connection_init" -> onInit(message);
        case "ping" -> send(pong(message));
        case "subscribe" -> onSubscribe(message);
        case "complete" -> onComplete(message);
        default -> {} // a pong answers nothing
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
      JsonObject payload = message.getJsonObject("payload", new JsonObject());
      Object authorization =
          payload.containsKey("authorization")
              ? payload.getValue("authorization")
              : payload.getValue("Authorization");
      String token = authorization instanceof String header ? HttpApi.bearer(header) : null;
      tokens
          .authenticate(token)
          .onComplete(
              result -> {
                if (result.failed()) {
                  refuse();
                  return;
                }
                throttle.succeeded(address);
                vertx.cancelTimer(initTimer);
                principal = result.result();
                send(new JsonObject().put("type", "connection_ack"));
              });
    }

    /**
     * Closes with 4403, held back as long as the throttle says for this address, as a 401 over HTTP
     * is.
     */
    private void refuse() {
      Duration delay = throttle.failed(address);
      if (delay.isZero()) {
        close(4403, "Forbidden");
      } else {
        vertx.cancelTimer(initTimer);
        vertx.setTimer(delay.toMillis(), id -> context.runOnContext(v -> close(4403, "Forbidden")));
      }
    }

    private void onSubscribe(JsonObject message) {
      if (principal == null) {
        close(4401, "Unauthorized");
        return;
      }
      String operationId = ClientMessage.operationId(message);
      if (operations.containsKey(operationId)) {
        close(4409, "Subscriber for " + operationId + " already exists");
        return;
      }
      Operation operation = new Operation(operationId);
      if (operations.size() >= limits.maxOperations()) {
        sendError(
            operation,
            (List<?>)
                Errors.requestError(
                        ErrorCode.LIMIT_EXCEEDED,
                        "this socket already runs "
                            + limits.maxOperations()
                            + " operations, the most one socket may; complete one first")
                    .get("errors"));
        return;
      }
      operations.put(operationId, operation);
      start(operation, request(message.getJsonObject("payload")));
    }

    /**
     * A live subscription joins its key's shared execution; one that replays from a cursor joins it
     * once caught up; anything else runs on its own.
     */
    private void start(Operation operation, GraphqlHttpHandler.Request request) {
      Optional<SubscriptionKey> key = SubscriptionKey.of(request, principal);
      if (key.isPresent()) {
        joinShared(operation, key.get(), request);
        return;
      }
      Optional<SubscriptionKey.Resumption> resumption =
          SubscriptionKey.resumption(request, principal).filter(r -> isCursor(r.after()));
      if (resumption.isPresent()) {
        replayThenShare(operation, resumption.get(), request);
        return;
      }
      runAlone(operation, request);
    }

    private void replayThenShare(
        Operation operation,
        SubscriptionKey.Resumption resumption,
        GraphqlHttpHandler.Request request) {
      Principal caller = principal;
      ReplayThenShared replay =
          new ReplayThenShared(
              new Output(operation), resumption.after(), eventExecutions::increment);
      operation.onCancel(replay::cancel);
      replay.joined(
          shared.join(
              resumption.live(),
              replay,
              tap -> executor.execute(resumption.liveRequest(), caller, tap)));
      executor.execute(request, caller, replay.ownTap()).whenComplete(replay::started);
    }

    /** Runs the operation as one of the subscribers of its key's shared execution. */
    private void joinShared(
        Operation operation, SubscriptionKey key, GraphqlHttpHandler.Request request) {
      Principal caller = principal;
      operation.onCancel(
          shared.join(
              key,
              new SharedMember(operation, request),
              tap -> executor.execute(request, caller, tap)));
    }

    private static boolean isCursor(String after) {
      try {
        EventFeed.compareCursors(after, after);
        return true;
      } catch (RuntimeException e) {
        return false;
      }
    }

    private void runAlone(Operation operation, GraphqlHttpHandler.Request request) {
      executor
          .execute(request, principal)
          .whenComplete(
              (result, failure) ->
                  context.runOnContext(
                      v -> {
                        if (!isCurrent(operation)) {
                          return;
                        }
                        if (failure != null) {
                          sendError(
                              operation, (List<?>) Errors.requestError(failure).get("errors"));
                        } else {
                          deliver(operation, result);
                        }
                      }));
    }

    private void deliver(Operation operation, ExecutionResult result) {
      if (result.getData() instanceof Publisher<?> publisher && result.getErrors().isEmpty()) {
        @SuppressWarnings("unchecked")
        Publisher<ExecutionResult> stream = (Publisher<ExecutionResult>) publisher;
        stream.subscribe(new Forwarder(operation));
        return;
      }
      if (!result.isDataPresent()) {
        sendError(operation, result.getErrors().stream().map(Errors::toJson).toList());
        return;
      }
      write(Frames.next(operation.id, Frames.payload(result)));
      complete(operation);
    }

    /**
     * Whether {@code operation} still owns its id. A client may complete an operation and reuse its
     * id at once; late results of the operation it completed must not reach the new one.
     */
    private boolean isCurrent(Operation operation) {
      return !closed && operations.get(operation.id) == operation;
    }

    private void onComplete(JsonObject message) {
      Operation operation = operations.remove(ClientMessage.operationId(message));
      if (operation != null) {
        operation.cancel();
      }
    }

    private static GraphqlHttpHandler.Request request(JsonObject payload) {
      JsonObject variables = payload.getJsonObject("variables");
      JsonObject extensions = payload.getJsonObject("extensions");
      return new GraphqlHttpHandler.Request(
          payload.getString("query"),
          payload.getString("operationName"),
          variables == null ? null : variables.getMap(),
          extensions == null ? null : extensions.getMap());
    }

    /**
     * An operation's errors before or instead of any result: the payload is an array of GraphQL
     * errors.
     */
    private void sendError(Operation operation, List<?> errors) {
      operations.remove(operation.id, operation);
      send(new JsonObject().put("type", "error").put("id", operation.id).put("payload", errors));
    }

    private void complete(Operation operation) {
      operations.remove(operation.id);
      send(new JsonObject().put("type", "complete").put("id", operation.id));
    }

    private void send(JsonObject message) {
      write(message.encode());
    }

    /**
     * Writes {@code text}, counted in the backlog until the network has taken it; but closes the
     * socket instead when the backlog is already too large. So one large message always goes, and
     * what waits for a reader is at most the bound and one message.
     */
    private Future<Void> write(String text) {
      if (closed) {
        return Future.succeededFuture();
      }
      if (backlog.tooLarge()) {
        close(TOO_SLOW, "Try again later: the client reads too slowly");
        return Future.succeededFuture();
      }
      int size = text.length();
      backlog.queued(size, System.nanoTime());
      return ws.writeTextMessage(text).onComplete(w -> backlog.sent(size, System.nanoTime()));
    }

    void ping() {
      if (!closed) {
        ws.writePing(Buffer.buffer());
      }
    }

    void closeIfStalled() {
      if (!closed && backlog.stalled(System.nanoTime())) {
        close(TOO_SLOW, "Try again later: the client reads too slowly");
      }
    }

    void close(int code, String reason) {
      if (!closed) {
        closed = true;
        ws.close((short) code, closeReason(reason));
      }
      closed();
    }

    void closed() {
      closed = true;
      vertx.cancelTimer(initTimer);
      open.remove(this);
      operations.values().forEach(Operation::cancel);
      operations.clear();
    }

    /** Where one operation's messages go. */
    private final class Output implements OperationOutput {
      private final Operation operation;

      Output(Operation operation) {
        this.operation = operation;
      }

      @Override
      public void onContext(Runnable task) {
        Connection.this.onContext(task);
      }

      @Override
      public boolean current() {
        return isCurrent(operation);
      }

      @Override
      public Future<Void> next(String payload) {
        return write(Frames.next(operation.id, payload));
      }

      @Override
      public void error(List<?> errors) {
        sendError(operation, errors);
      }

      @Override
      public void complete() {
        Connection.this.complete(operation);
      }
    }

    /** An operation served by a shared execution: it writes the payload it is handed. */
    private final class SharedMember implements SharedSubscriptions.Member {
      private final Operation operation;
      private final GraphqlHttpHandler.Request request;

      SharedMember(Operation operation, GraphqlHttpHandler.Request request) {
        this.operation = operation;
        this.request = request;
      }

      /**
       * The socket's event loop: its context is one of its own (a duplicate of the server's), so
       * the server's context stands for the loop.
       */
      @Override
      public Context loop() {
        return ((ContextInternal) context).unwrap();
      }

      @Override
      public void nextOnLoop(Frames.Next frames, String cursor) {
        if (isCurrent(operation)) {
          write(frames.forId(operation.id));
        }
      }

      @Override
      public void next(String payload, String cursor) {
        onContext(
            () -> {
              if (isCurrent(operation)) {
                write(Frames.next(operation.id, payload));
              }
            });
      }

      @Override
      public void error(List<?> errors) {
        onContext(
            () -> {
              if (isCurrent(operation)) {
                sendError(operation, errors);
              }
            });
      }

      @Override
      public void complete() {
        onContext(
            () -> {
              if (isCurrent(operation)) {
                Connection.this.complete(operation);
              }
            });
      }

      /**
       * Always as a task of its own: {@link #joinShared} may still be setting the operation's
       * cancel when the shared execution fails at once.
       */
      @Override
      public void runAlone() {
        context.runOnContext(
            v -> {
              if (isCurrent(operation)) {
                operation.onCancel(() -> {});
                Connection.this.runAlone(operation, request);
              }
            });
      }
    }

    /** Runs {@code task} on this socket's event loop: at once when already on it. */
    private void onContext(Runnable task) {
      if (Vertx.currentContext() == context) {
        task.run();
      } else {
        context.runOnContext(v -> task.run());
      }
    }

    /**
     * Forwards one subscription's results, asking for the next only once the previous one is
     * written.
     */
    private final class Forwarder implements Subscriber<ExecutionResult> {
      private final Operation operation;
      private Subscription subscription;

      Forwarder(Operation operation) {
        this.operation = operation;
      }

      @Override
      public void onSubscribe(Subscription subscription) {
        context.runOnContext(
            v -> {
              if (!isCurrent(operation)) {
                subscription.cancel();
                return;
              }
              this.subscription = subscription;
              operation.onCancel(subscription::cancel);
              subscription.request(1);
            });
      }

      @Override
      public void onNext(ExecutionResult result) {
        eventExecutions.increment();
        onContext(
            () -> {
              if (isCurrent(operation)) {
                write(Frames.next(operation.id, Frames.payload(result)))
                    .onComplete(w -> subscription.request(1));
              }
            });
      }

      @Override
      public void onError(Throwable failure) {
        context.runOnContext(
            v -> {
              if (isCurrent(operation)) {
                sendError(operation, (List<?>) Errors.requestError(failure).get("errors"));
              }
            });
      }

      @Override
      public void onComplete() {
        context.runOnContext(
            v -> {
              if (isCurrent(operation)) {
                complete(operation);
              }
            });
      }
    }
  }

  /**
   * One subscribe of one connection: its id, and how to stop its result stream once it has one.
   * Touched on the connection's context.
   */
  private static final class Operation {
    final String id;
    private Runnable onCancel = () -> {};

    Operation(String id) {
      this.id = id;
    }

    void onCancel(Runnable onCancel) {
      this.onCancel = onCancel;
    }

    void cancel() {
      onCancel.run();
    }
  }

  /**
   * A close frame's reason holds at most 123 bytes of UTF-8; a longer one would break the close
   * itself.
   */
  static String closeReason(String reason) {
    byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_CLOSE_REASON_BYTES) {
      return reason;
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.IGNORE);
    try {
      return decoder.decode(ByteBuffer.wrap(bytes, 0, MAX_CLOSE_REASON_BYTES)).toString();
    } catch (CharacterCodingException e) {
      return reason.substring(0, MAX_CLOSE_REASON_BYTES / 4);
    }
  }
}
