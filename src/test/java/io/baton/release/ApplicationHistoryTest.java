package io.baton.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.Baton;
import io.baton.testing.MutableClock;
import io.baton.testing.Poll;
import io.baton.testing.QuickStartCatalog;
import io.baton.testing.TestPostgres;
import io.baton.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Application.history over GraphQL, with a scripted action standing in for Git. */
class ApplicationHistoryTest {
  private final ScriptedAction action = new ScriptedAction();
  private TestServer server;

  @BeforeEach
  void quickStartWorld() {
    server =
        TestServer.start(
            TestPostgres.newDatabase(),
            new MutableClock(),
            false,
            new Baton.Parts(action, action, ReleaseEngineTest.FAST));
    QuickStartCatalog.create(server::data);
    QuickStartCatalog.createFlow(server::data, "PT5M");
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private String releaseToTheEnd() {
    String id =
        server
            .data(
                "mutation { triggerPromotionFlow(input: {flow: \"multi-env-sequential-promotion\", "
                    + "product: \"demo-trioapp\"}) { id } }")
            .getJsonObject("triggerPromotionFlow")
            .getString("id");
    Poll.until(
        () ->
            server
                .data("query($id: ID!) { release(id: $id) { status } }", Map.of("id", id))
                .getJsonObject("release"),
        r -> "SUCCEEDED".equals(r.getString("status")),
        Duration.ofSeconds(20),
        "release " + id + " succeeded");
    return id;
  }

  private JsonArray history(String after, int first) {
    return server
        .data(
            "query($a: String, $f: Int) { application(name: \"demo-trioapp-prod\") {"
                + " history(first: $f, after: $a) { version commitSha at cursor release { id } } } }",
            after == null ? Map.of("f", first) : Map.of("f", first, "a", after))
        .getJsonObject("application")
        .getJsonArray("history");
  }

  private static List<String> releaseIds(JsonArray versions) {
    return versions.stream()
        .map(JsonObject.class::cast)
        .map(v -> v.getJsonObject("release").getString("id"))
        .toList();
  }

  @Test
  void history_lists_each_release_that_committed_into_the_application_newest_first_page_by_page() {
    String first = releaseToTheEnd();
    String second = releaseToTheEnd();
    String third = releaseToTheEnd();

    JsonArray all = history(null, 10);
    assertThat(releaseIds(all)).containsExactly(third, second, first);
    JsonObject newest = all.getJsonObject(0);
    assertThat(newest.getString("commitSha")).isEqualTo("c0ffee" + third + "prod");
    assertThat(newest.getString("version")).isEqualTo(ScriptedAction.VERSION);
    assertThat(newest.getString("at")).isNotNull();

    JsonArray page = history(null, 2);
    assertThat(releaseIds(page)).containsExactly(third, second);
    assertThat(releaseIds(history(page.getJsonObject(1).getString("cursor"), 2)))
        .containsExactly(first);
  }
}
