package io.baton.testing;

import io.baton.Baton;
import io.baton.db.DatabaseUrl;
import io.baton.release.EngineOptions;
import io.baton.release.PromotionAction;
import io.baton.release.SourcePinner;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Baton whose flow {@code to-qa} (dev, then a NONE step in qa) promotes product {@code shop}
 * without Git, for tests that need releases and their events rather than commits.
 */
public final class ReleasedWorld {
  private ReleasedWorld() {}

  public static TestServer start() {
    return start(TestPostgres.newDatabase());
  }

  /** The world made on {@code database}, which must hold none of it yet. */
  public static TestServer start(DatabaseUrl database) {
    TestServer server = restart(database);
    for (String env : List.of("dev", "qa")) {
      server.data(
          "mutation($n: String!) { createEnvironment(input: {name: $n}) { name } }",
          Map.of("n", env));
    }
    server.data("mutation { createProduct(input: {name: \"shop\"}) { name } }");
    for (String env : List.of("dev", "qa")) {
      server.data(
          "mutation($n: String!, $e: String!) { createApplication(input: {name: $n, "
              + "product: \"shop\", environment: $e, repoUrl: \"file:///x.git\"}) { name } }",
          Map.of("n", "shop-" + env, "e", env));
    }
    server.data(
        "mutation { createPromotionFlow(input: {name: \"to-qa\", triggerEnvironment: \"dev\", "
            + "steps: [{environment: \"qa\", action: NONE}]}) { name } }");
    return server;
  }

  /** A Baton without Git on {@code database}, where the world was made before. */
  public static TestServer restart(DatabaseUrl database) {
    SourcePinner pinner =
        (source, template) -> Future.succeededFuture(new SourcePinner.Snapshot("abc", "1.0.0"));
    PromotionAction none =
        request ->
            Future.succeededFuture(new PromotionAction.Result("abc", "1.0.0", false, "no change"));
    return TestServer.start(
        database,
        Clock.systemUTC(),
        false,
        new Baton.Parts(none, pinner, EngineOptions.defaults()));
  }

  /** Triggers {@code to-qa} for {@code shop} and waits for the release to succeed. */
  public static String release(TestServer server) {
    String id =
        server
            .data(
                "mutation { triggerPromotionFlow(input: {flow: \"to-qa\", product: \"shop\"}) "
                    + "{ id } }")
            .getJsonObject("triggerPromotionFlow")
            .getString("id");
    Poll.until(
        () ->
            server
                .data("query($id: ID!) { release(id: $id) { status } }", Map.of("id", id))
                .getJsonObject("release"),
        (JsonObject r) -> "SUCCEEDED".equals(r.getString("status")),
        Duration.ofSeconds(20),
        "release " + id + " to succeed");
    return id;
  }
}
