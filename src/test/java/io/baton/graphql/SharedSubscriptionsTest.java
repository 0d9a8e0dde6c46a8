package io.baton.graphql;

import static io.baton.testing.GraphqlWebSocketClient.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.baton.auth.Principal;
import io.baton.auth.Role;
import io.baton.auth.SignInThrottle;
import io.baton.error.BatonException;
import io.baton.testing.GraphqlWebSocketClient;
import io.baton.testing.Poll;
import io.baton.testing.ReleasedWorld;
import io.baton.testing.TestServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Identical subscriptions share one execution per event, and never more than they may: a real
 * Baton, Baton's WebSocket handler on a port of its own (so that each test counts its own
 * executions), real WebSocket clients. On that handler's schema, an event's message is for ADMIN
 * tokens only, so that two roles' results differ.
 */
class SharedSubscriptionsTest {
  private static final String LIVE =
      "subscription { releaseEvents(product: \"shop\") { cursor status environment { name } } }";
  private static final String FROM =
      "subscription($after: String) { releaseEvents(product: \"shop\", after: $after) "
          + "{ cursor status environment { name } } }";
  private static final String WITH_MESSAGE =
      "subscription { releaseEvents(product: \"shop\") { status environment { name } message } }";
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static TestServer server;
  private static String viewerToken;
  private static String adminToken;

  @BeforeAll
  static void start() {
    server = ReleasedWorld.start();
    viewerToken = token("watcher", "VIEWER");
    adminToken = token("operator", "ADMIN");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String token(String name, String role) {
    return server
        .data(
            "mutation { createApiToken(input: {name: \""
                + name
                + "\", role: "
                + role
                + "}) { token } }")
        .getJsonObject("createApiToken")
        .getString("token");
  }

  @Test
  void identical_subscriptions_of_two_roles_never_share_what_one_may_not_see() throws Exception {
    Handler handler = Handler.start();
    try (GraphqlWebSocketClient admin = handler.client(adminToken);
        GraphqlWebSocketClient viewer = handler.client(viewerToken)) {
      admin.send(subscribe("a", WITH_MESSAGE));
      awaitExecutions(handler, 1);
      viewer.send(subscribe("v", WITH_MESSAGE));
      awaitExecutions(handler, 2);

      ReleasedWorld.release(server);
      awaitReleaseEnds(admin, "a", 1);
      awaitReleaseEnds(viewer, "v", 1);

      assertThat(admin.nextPayloads("a"))
          .allSatisfy(p -> assertThat(p.containsKey("errors")).isFalse())
          .anySatisfy(p -> assertThat(event(p).getString("message")).isNotNull());
      assertThat(viewer.nextPayloads("v"))
          .allSatisfy(
              p -> {
                assertThat(p.getJsonArray("errors")).isNotNull();
                assertThat(event(p).getString("message")).isNull();
                assertThat(
                        p.getJsonArray("errors")
                            .getJsonObject(0)
                            .getJsonObject("extensions")
                            .getString("code"))
                    .isEqualTo("FORBIDDEN");
              });
      assertThat(handler.ws.sharedExecutions()).isEqualTo(2);
    }
  }

  @Test
  void identical_subscribers_cause_one_execution_per_event() throws Exception {
    Handler handler = Handler.start();
    List<GraphqlWebSocketClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        GraphqlWebSocketClient client = handler.client(viewerToken);
        clients.add(client);
        // The same document, however it is laid out.
        client.send(subscribe("s" + i, i % 2 == 0 ? LIVE : LIVE.replace(" {", "\n  {")));
      }
      awaitExecutions(handler, 1);
      ReleasedWorld.release(server);
      for (int i = 0; i < clients.size(); i++) {
        awaitReleaseEnds(clients.get(i), "s" + i, 1);
      }
      long before = handler.ws.eventExecutions();

      ReleasedWorld.release(server);
      for (int i = 0; i < clients.size(); i++) {
        awaitReleaseEnds(clients.get(i), "s" + i, 2);
      }

      List<JsonObject> first = clients.get(0).nextPayloads("s0");
      for (int i = 1; i < clients.size(); i++) {
        assertThat(clients.get(i).nextPayloads("s" + i)).isEqualTo(first);
      }
      long eventsOfSecondRelease = first.size() - releaseEndIndex(first) - 1;
      assertThat(handler.ws.eventExecutions() - before).isEqualTo(eventsOfSecondRelease);
      assertThat(handler.ws.sharedExecutions()).isEqualTo(1);
    } finally {
      clients.forEach(GraphqlWebSocketClient::close);
    }
  }

  @Test
  void a_subscriber_joining_mid_release_with_a_cursor_gets_every_event_once_in_order()
      throws Exception {
    Handler handler = Handler.start();
    try (GraphqlWebSocketClient live = handler.client(viewerToken);
        GraphqlWebSocketClient other = handler.client(viewerToken);
        GraphqlWebSocketClient late = handler.client(viewerToken);
        GraphqlWebSocketClient later = handler.client(viewerToken)) {
      // The live ones use the replaying ones' document, without a cursor: a client resuming with
      // after joins the execution of the others once caught up.
      live.send(subscribe("live", FROM, new JsonObject()));
      other.send(subscribe("other", FROM, new JsonObject()));
      awaitExecutions(handler, 1);
      ReleasedWorld.release(server);
      awaitReleaseEnds(live, "live", 1);
      awaitReleaseEnds(other, "other", 1);

      int firstRelease = live.nextPayloads("live").size();
      String cursor = event(live.nextPayloads("live").get(1)).getString("cursor");
      server.data(
          "mutation { triggerPromotionFlow(input: {flow: \"to-qa\", product: \"shop\"}) "
              + "{ id } }");
      Poll.until(
          () -> live.nextPayloads("live").size(),
          n -> n > firstRelease,
          WAIT,
          "the second release to start");
      late.send(subscribe("late", FROM, new JsonObject().put("after", cursor)));
      awaitReleaseEnds(live, "live", 2);
      // Its replay holds the end of the first release too.
      awaitReleaseEnds(late, "late", 2);
      // The same subscription again, once the first one has caught up: it replays on its own too.
      later.send(subscribe("later", FROM, new JsonObject().put("after", cursor)));
      awaitReleaseEnds(later, "later", 2);
      ReleasedWorld.release(server);
      awaitReleaseEnds(live, "live", 3);
      awaitReleaseEnds(late, "late", 3);
      awaitReleaseEnds(later, "later", 3);

      List<String> liveCursors = cursors(live.nextPayloads("live"));
      List<String> afterCursor =
          liveCursors.subList(liveCursors.indexOf(cursor) + 1, liveCursors.size());
      assertThat(cursors(late.nextPayloads("late"))).isEqualTo(afterCursor);
      assertThat(cursors(later.nextPayloads("later"))).isEqualTo(afterCursor);

      // Caught up, they all share the live subscription's execution.
      long before = handler.ws.eventExecutions();
      int seen = live.nextPayloads("live").size();
      ReleasedWorld.release(server);
      awaitReleaseEnds(live, "live", 4);
      awaitReleaseEnds(late, "late", 4);
      awaitReleaseEnds(later, "later", 4);
      assertThat(handler.ws.eventExecutions() - before)
          .isEqualTo(live.nextPayloads("live").size() - seen);
      assertThat(handler.ws.sharedExecutions()).isEqualTo(1);
      liveCursors = cursors(live.nextPayloads("live"));
      afterCursor = liveCursors.subList(liveCursors.indexOf(cursor) + 1, liveCursors.size());
      assertThat(cursors(late.nextPayloads("late"))).isEqualTo(afterCursor);
      assertThat(cursors(later.nextPayloads("later"))).isEqualTo(afterCursor);
    }
  }

  @Test
  void a_subscriber_leaving_does_not_disturb_the_others() throws Exception {
    Handler handler = Handler.start();
    try (GraphqlWebSocketClient leaving = handler.client(viewerToken);
        GraphqlWebSocketClient closing = handler.client(viewerToken);
        GraphqlWebSocketClient staying = handler.client(viewerToken)) {
      leaving.send(subscribe("x", LIVE));
      closing.send(subscribe("y", LIVE));
      staying.send(subscribe("z", LIVE));
      awaitExecutions(handler, 1);
      ReleasedWorld.release(server);
      awaitReleaseEnds(leaving, "x", 1);
      awaitReleaseEnds(closing, "y", 1);
      awaitReleaseEnds(staying, "z", 1);
      int seenByLeaving = leaving.nextPayloads("x").size();

      leaving.send(new JsonObject().put("type", "complete").put("id", "x"));
      closing.close();
      ReleasedWorld.release(server);
      awaitReleaseEnds(staying, "z", 2);

      List<JsonObject> stayed = staying.nextPayloads("z");
      assertThat(stayed.subList(0, seenByLeaving)).isEqualTo(leaving.nextPayloads("x"));
      assertThat(leaving.nextPayloads("x")).hasSize(seenByLeaving);
      assertThat(cursors(stayed)).doesNotHaveDuplicates();
      assertThat(handler.ws.sharedExecutions()).isEqualTo(1);
    }
  }

  @Test
  void the_last_subscriber_leaving_releases_the_shared_execution() throws Exception {
    Handler handler = Handler.start();
    try (GraphqlWebSocketClient first = handler.client(viewerToken);
        GraphqlWebSocketClient second = handler.client(viewerToken)) {
      first.send(subscribe("f", LIVE));
      second.send(subscribe("s", LIVE));
      awaitExecutions(handler, 1);
      ReleasedWorld.release(server);
      awaitReleaseEnds(first, "f", 1);
      awaitReleaseEnds(second, "s", 1);
      assertThat(handler.ws.sharedExecutions()).isEqualTo(1);

      first.send(new JsonObject().put("type", "complete").put("id", "f"));
      second.close();

      Poll.until(handler.ws::sharedExecutions, n -> n == 0, WAIT, "the execution to end");
      try (GraphqlWebSocketClient again = handler.client(viewerToken)) {
        again.send(subscribe("g", LIVE));
        awaitExecutions(handler, 1);
        ReleasedWorld.release(server);
        awaitReleaseEnds(again, "g", 1);
      }
    }
  }

  /**
   * Waits until the handler's shared executions have their event streams, so that a release
   * triggered next is seen from its start.
   */
  private static void awaitExecutions(Handler handler, int executions) {
    Poll.until(
        handler.ws::sharedExecutions,
        n -> n == executions,
        WAIT,
        executions + " shared executions streaming");
  }

  private static JsonObject event(JsonObject payload) {
    return payload.getJsonObject("data").getJsonObject("releaseEvents");
  }

  private static List<String> cursors(List<JsonObject> payloads) {
    return payloads.stream().map(p -> event(p).getString("cursor")).toList();
  }

  private static boolean isReleaseEnd(JsonObject payload) {
    JsonObject event = event(payload);
    return event.getValue("environment") == null && "SUCCEEDED".equals(event.getString("status"));
  }

  private static int releaseEndIndex(List<JsonObject> payloads) {
    for (int i = 0; i < payloads.size(); i++) {
      if (isReleaseEnd(payloads.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** Waits until the operation has received {@code ends} releases' last events. */
  private static void awaitReleaseEnds(GraphqlWebSocketClient client, String id, int ends) {
    Poll.until(
        () -> client.nextPayloads(id).stream().filter(p -> isReleaseEnd(p)).count(),
        n -> n >= ends,
        WAIT,
        id + " to receive " + ends + " releases' ends");
  }

  /** Baton's WebSocket handler on its own port, with ReleaseEvent.message for ADMIN only. */
  private record Handler(GraphqlWebSocketHandler ws, URI uri) {
    static Handler start() throws Exception {
      GraphqlFactory factory = new GraphqlFactory(server.baton().services());
      GraphqlWebSocketHandler ws =
          new GraphqlWebSocketHandler(
              server.baton().vertx(),
              new GraphqlHttpHandler(messageForAdminsOnly(factory.build()), factory),
              server.baton().services().tokens(),
              new SignInThrottle(Clock.systemUTC()),
              List.of());
      Router router = Router.router(server.baton().vertx());
      router.get("/graphql").handler(ws::handle);
      int port =
          server
              .baton()
              .vertx()
              .createHttpServer(
                  new HttpServerOptions()
                      .setWebSocketSubProtocols(List.of(GraphqlWebSocketHandler.SUBPROTOCOL)))
              .requestHandler(router)
              .listen(0)
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS)
              .actualPort();
      return new Handler(ws, GraphqlWebSocketClient.uri(port));
    }

    GraphqlWebSocketClient client(String token) {
      return GraphqlWebSocketClient.acknowledged(uri, token);
    }

    private static GraphQL messageForAdminsOnly(GraphQL graphQL) {
      GraphQLSchema schema = graphQL.getGraphQLSchema();
      FieldCoordinates message = FieldCoordinates.coordinates("ReleaseEvent", "message");
      GraphQLObjectType type = schema.getObjectType("ReleaseEvent");
      DataFetcher<?> original =
          schema.getCodeRegistry().getDataFetcher(type, type.getFieldDefinition("message"));
      DataFetcher<?> adminsOnly =
          env -> {
            Principal principal = env.getGraphQlContext().get(Principal.class);
            if (!principal.role().allows(Role.ADMIN)) {
              throw BatonException.forbidden("an event's message is for ADMIN tokens here");
            }
            return original.get(env);
          };
      GraphQLCodeRegistry registry =
          schema.getCodeRegistry().transform(c -> c.dataFetcher(message, adminsOnly));
      return graphQL.transform(b -> b.schema(schema.transform(s -> s.codeRegistry(registry))));
    }
  }
}
