package io.baton.retention;

import static io.baton.testing.GraphqlWebSocketClient.subscribe;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.Baton;
import io.baton.release.EngineOptions;
import io.baton.release.PromotionAction;
import io.baton.release.SourcePinner;
import io.baton.testing.GraphqlWebSocketClient;
import io.baton.testing.MutableClock;
import io.baton.testing.Poll;
import io.baton.testing.TestServer;
import io.baton.webhook.WebhookOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The retention policy on a real Baton and PostgreSQL, configured through its environment
 * variables, with a clock the test moves: products {@code shop} and {@code slow}; flow {@code
 * to-qa} commits into the product's qa application (the action of {@code slow} hangs until the test
 * lets it finish), flow {@code check} has a NONE step that commits nothing.
 */
class RetentionTest {
  private static final Duration OLD = Duration.ofDays(31);
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** The cursor before every event: a subscription from it misses none, however late it starts. */
  private static final String EARLIEST =
      Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString("e:0:0".getBytes(StandardCharsets.UTF_8));

  /** Retries after 50 to 200 ms. */
  private static final WebhookOptions FAST_WEBHOOKS =
      new WebhookOptions(
          Duration.ofMillis(100),
          Duration.ofSeconds(5),
          8,
          Duration.ofMillis(50),
          Duration.ofMillis(200),
          Duration.ofDays(1));

  private final MutableClock clock = new MutableClock();
  private final Map<Long, Promise<PromotionAction.Result>> hanging = new ConcurrentHashMap<>();
  private final List<Vertx> receivers = new ArrayList<>();
  private TestServer server;

  private void start(Map<String, String> retention) {
    SourcePinner pinner =
        (source, template) -> Future.succeededFuture(new SourcePinner.Snapshot("src", "1.0.0"));
    PromotionAction action =
        request -> {
          PromotionAction.Result result =
              new PromotionAction.Result(
                  "c" + request.releaseId(), "1.0." + request.releaseId(), true, "promoted");
          if (!request.product().equals("slow")) {
            return Future.succeededFuture(result);
          }
          Promise<PromotionAction.Result> promise = Promise.promise();
          hanging.put(request.releaseId(), promise);
          return promise.future();
        };
    Map<String, String> env = new HashMap<>(retention);
    env.put("BATON_RETENTION_INTERVAL", "PT0.2S");
    server =
        TestServer.start(env, clock, new Baton.Parts(action, pinner, EngineOptions.defaults()));
    for (String name : List.of("dev", "qa")) {
      server.data(
          "mutation($n: String!) { createEnvironment(input: {name: $n}) { name } }",
          Map.of("n", name));
    }
    for (String product : List.of("shop", "slow")) {
      server.data(
          "mutation($p: String!) { createProduct(input: {name: $p}) { name } }",
          Map.of("p", product));
      for (String name : List.of("dev", "qa")) {
        server.data(
            "mutation($n: String!, $p: String!, $e: String!) { createApplication(input: {name: $n,"
                + " product: $p, environment: $e, repoUrl: \"file:///x.git\"}) { name } }",
            Map.of("n", product + "-" + name, "p", product, "e", name));
      }
    }
    server.data(
        "mutation { createPromotionFlow(input: {name: \"to-qa\", triggerEnvironment: \"dev\", timeout: \"P90D\", "
            + "steps: [{environment: \"qa\"}]}) { name } }");
    server.data(
        "mutation { createPromotionFlow(input: {name: \"check\", triggerEnvironment: \"dev\", "
            + "steps: [{environment: \"qa\", action: NONE}]}) { name } }");
  }

  @AfterEach
  void stop() {
    receivers.forEach(Vertx::close);
    hanging.values().forEach(p -> p.tryComplete(new PromotionAction.Result("x", "x", false, "")));
    if (server != null) {
      server.close();
    }
  }

  private long trigger(String flow, String product) {
    return Long.parseLong(
        server
            .data(
                "mutation($f: String!, $p: String!) { triggerPromotionFlow(input: {flow: $f,"
                    + " product: $p}) { id } }",
                Map.of("f", flow, "p", product))
            .getJsonObject("triggerPromotionFlow")
            .getString("id"));
  }

  private String status(long id) {
    JsonObject release =
        server
            .data("query($id: ID!) { release(id: $id) { status } }", Map.of("id", id))
            .getJsonObject("release");
    return release == null ? null : release.getString("status");
  }

  private long released(String flow, String product) {
    long id = trigger(flow, product);
    Poll.until(() -> status(id), "SUCCEEDED"::equals, WAIT, "release " + id + " to succeed");
    return id;
  }

  /** Which of these releases are still in the database, with their steps and events. */
  private Set<Long> kept(List<Long> ids) {
    try (Connection c =
            DriverManager.getConnection(
                server.database().jdbcUrl(),
                server.database().user(),
                server.database().password());
        PreparedStatement s =
            c.prepareStatement(
                "SELECT r.id FROM release r WHERE r.id = ANY(?)"
                    + " AND EXISTS (SELECT 1 FROM release_event e WHERE e.release_id = r.id)"
                    + " AND EXISTS (SELECT 1 FROM release_step s WHERE s.release_id = r.id)")) {
      s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
      Set<Long> kept = new TreeSet<>();
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          kept.add(rows.getLong(1));
        }
      }
      return kept;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Events of releases no longer in the database: none may be left behind. */
  private long orphanEvents() {
    try (Connection c =
            DriverManager.getConnection(
                server.database().jdbcUrl(),
                server.database().user(),
                server.database().password());
        PreparedStatement s =
            c.prepareStatement(
                "SELECT count(*) FROM release_event e"
                    + " WHERE NOT EXISTS (SELECT 1 FROM release r WHERE r.id = e.release_id)");
        ResultSet rows = s.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void
      releases_older_than_the_max_age_go_but_never_a_running_one_nor_an_applications_current_one() {
    start(Map.of("BATON_RETENTION_MAX_AGE", "P30D"));
    long current = released("to-qa", "shop");
    long checked = released("check", "shop");
    long checkedAgain = released("check", "shop");
    long running = trigger("to-qa", "slow");
    Poll.until(() -> hanging.containsKey(running), b -> b, WAIT, "slow's action to start");
    List<Long> all = List.of(current, checked, checkedAgain, running);
    assertThat(kept(all)).containsExactlyInAnyOrderElementsOf(all);

    clock.advance(OLD);
    long fresh = released("check", "shop");

    Poll.until(
        () -> kept(List.of(checked, checkedAgain)),
        Set::isEmpty,
        WAIT,
        "the old releases that brought nothing current to go");
    assertThat(kept(List.of(current, running, fresh)))
        .containsExactlyInAnyOrder(current, running, fresh);
    assertThat(status(running)).isEqualTo("RUNNING");
    assertThat(orphanEvents()).isZero();

    hanging.get(running).complete(new PromotionAction.Result("s1", "1.0.1", true, "promoted"));
    Poll.until(() -> status(running), "SUCCEEDED"::equals, WAIT, "the slow release to succeed");
    assertThat(
            server
                .data(
                    "{ product(name: \"shop\") { applications { name history(first: 5) {"
                        + " release { id } } } } }")
                .getJsonObject("product")
                .getJsonArray("applications")
                .stream()
                .map(JsonObject.class::cast)
                .filter(a -> a.getString("name").equals("shop-qa"))
                .findFirst()
                .orElseThrow()
                .getJsonArray("history")
                .getJsonObject(0)
                .getJsonObject("release")
                .getString("id"))
        .isEqualTo(Long.toString(current));
  }

  @Test
  void each_product_keeps_its_newest_releases_as_configured_and_older_ones_go() {
    start(Map.of("BATON_RETENTION_KEEP_PER_PRODUCT", "2"));
    long current = released("to-qa", "shop");
    List<Long> shop = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      shop.add(released("check", "shop"));
    }
    List<Long> slow = List.of(released("check", "slow"), released("check", "slow"));

    Poll.until(() -> kept(shop.subList(0, 2)), Set::isEmpty, WAIT, "shop's older releases to go");
    assertThat(kept(shop.subList(2, 4))).containsExactlyElementsOf(shop.subList(2, 4));
    assertThat(kept(List.of(current))).containsExactly(current);
    assertThat(kept(slow)).containsExactlyElementsOf(slow);
    assertThat(orphanEvents()).isZero();
  }

  @Test
  void a_replay_from_a_cursor_whose_events_were_deleted_gets_cursor_expired() {
    start(Map.of("BATON_RETENTION_MAX_AGE", "P30D"));
    String query = "subscription($after: String) { releaseEvents(after: $after) { cursor } }";
    try (GraphqlWebSocketClient live =
        GraphqlWebSocketClient.acknowledged(server.port(), TestServer.ADMIN_TOKEN)) {
      live.send(subscribe("live", query, new JsonObject().put("after", EARLIEST)));
      long first = released("check", "shop");
      List<String> cursors =
          Poll.until(
              () ->
                  live.nextPayloads("live").stream()
                      .map(p -> p.getJsonObject("data").getJsonObject("releaseEvents"))
                      .map(e -> e.getString("cursor"))
                      .toList(),
              c -> c.size() >= 2,
              WAIT,
              "the first release's events");
      clock.advance(OLD);
      long second = released("check", "shop");
      Poll.until(() -> kept(List.of(first)), Set::isEmpty, WAIT, "the old release to go");
      assertThat(kept(List.of(second))).containsExactly(second);

      try (GraphqlWebSocketClient replay =
          GraphqlWebSocketClient.acknowledged(server.port(), TestServer.ADMIN_TOKEN)) {
        replay.send(subscribe("old", query, new JsonObject().put("after", cursors.get(0))));
        JsonObject error = replay.await(m -> "error".equals(m.getString("type")), WAIT);
        JsonObject payload = error.getJsonArray("payload").getJsonObject(0);
        assertThat(payload.getJsonObject("extensions").getString("code"))
            .isEqualTo("CURSOR_EXPIRED");
        assertThat(payload.getString("message")).contains("retention").doesNotContain("Exception");

        String newest =
            live.nextPayloads("live").stream()
                .map(p -> p.getJsonObject("data").getJsonObject("releaseEvents"))
                .map(e -> e.getString("cursor"))
                .reduce((a, b) -> b)
                .orElseThrow();
        replay.send(subscribe("new", query, new JsonObject().put("after", newest)));
        long third = released("check", "shop");
        Poll.until(
            () -> replay.nextPayloads("new").size(),
            n -> n > 0,
            WAIT,
            "a replay after the retained cursor to go on live (release " + third + ")");
        assertThat(replay.messages().stream().filter(m -> "new".equals(m.getString("id"))))
            .noneMatch(m -> "error".equals(m.getString("type")));
      }
    }
  }

  @Test
  void deletion_goes_in_small_batches_while_a_release_started_meanwhile_runs_to_completion() {
    start(
        Map.of(
            "BATON_RETENTION_MAX_AGE", "P30D",
            "BATON_RETENTION_BATCH_SIZE", "1",
            "BATON_RETENTION_BATCH_PAUSE", "PT0.5S"));
    List<Long> old = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      old.add(released("check", "shop"));
    }
    clock.advance(OLD);
    Poll.until(() -> kept(old).size(), n -> n < old.size(), WAIT, "retention to begin");

    long during = released("to-qa", "shop");

    assertThat(kept(old)).as("retention is still deleting, a batch at a time").isNotEmpty();
    Poll.until(() -> kept(old), Set::isEmpty, WAIT, "retention to delete every old release");
    assertThat(kept(List.of(during))).containsExactly(during);
    assertThat(orphanEvents()).isZero();
  }

  @Test
  void a_release_whose_events_a_webhook_has_yet_to_deliver_stays_until_they_are_delivered() {
    start(Map.of("BATON_RETENTION_KEEP_PER_PRODUCT", "1"));
    AtomicBoolean down = new AtomicBoolean(true);
    AtomicInteger refused = new AtomicInteger();
    Vertx vertx = Vertx.vertx();
    receivers.add(vertx);
    int port =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  if (down.get()) {
                    refused.incrementAndGet();
                  }
                  request.response().setStatusCode(down.get() ? 500 : 200).end();
                })
            .listen(0)
            .toCompletionStage()
            .toCompletableFuture()
            .join()
            .actualPort();
    server.data(
        "mutation($u: String!) { createWebhook(input: {name: \"ci\", url: $u, secret: \"a-secret-only-the-receiver-knows\","
            + " events: [RELEASE_SUCCEEDED]}) { name } }",
        Map.of("u", "http://localhost:" + port + "/hook"));

    long first = released("check", "shop");
    long second = released("check", "shop");
    Poll.until(
        refused::get, n -> n >= 3, WAIT, "the webhook's deliveries to be refused a few times");
    assertThat(kept(List.of(first, second)))
        .as("retention waits for the webhook to deliver the first release's events")
        .containsExactly(first, second);

    down.set(false);
    Poll.until(() -> kept(List.of(first)), Set::isEmpty, WAIT, "the delivered release to go");
    assertThat(kept(List.of(second))).containsExactly(second);
  }

  @Test
  void two_instances_never_delete_at_once_the_one_without_the_lock_deletes_nothing()
      throws Exception {
    start(Map.of());
    List<Long> old =
        List.of(released("check", "shop"), released("check", "shop"), released("check", "shop"));
    clock.advance(OLD);
    Vertx vertx = Vertx.vertx();
    receivers.add(vertx);
    Pool pool =
        PgBuilder.pool().connectingTo(server.database().connectOptions()).using(vertx).build();
    Retention retention =
        new Retention(
            vertx,
            pool,
            clock,
            new RetentionPolicy(
                Optional.of(Duration.ofDays(30)),
                OptionalInt.empty(),
                Duration.ofMinutes(10),
                1,
                Duration.ZERO));
    try (Connection other =
            DriverManager.getConnection(
                server.database().jdbcUrl(),
                server.database().user(),
                server.database().password());
        PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
      lock.setLong(1, Retention.LOCK);
      lock.execute();
      assertThat(batch(retention)).as("another instance is deleting").isZero();
      assertThat(kept(old)).containsExactlyElementsOf(old);
      try (PreparedStatement unlock = other.prepareStatement("SELECT pg_advisory_unlock(?)")) {
        unlock.setLong(1, Retention.LOCK);
        unlock.execute();
      }
    }
    assertThat(batch(retention)).isEqualTo(1);
    assertThat(batch(retention)).isEqualTo(1);
    assertThat(batch(retention)).as("the newest brought shop-dev its current version").isZero();
    assertThat(kept(old)).containsExactly(old.get(2));
    pool.close();
  }

  private static int batch(Retention retention) throws Exception {
    return retention.deleteBatch().toCompletionStage().toCompletableFuture().get(20, SECONDS);
  }
}
