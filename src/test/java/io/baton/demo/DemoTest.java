package io.baton.demo;

import static io.baton.testing.ReleaseJson.stepOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.Poll;
import io.baton.testing.TestPostgres;
import io.baton.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --demo}: the quick start's world, on real local Git repositories, whose first release
 * promotes dev's tag.
 */
class DemoTest {

  @Test
  void the_demo_world_is_created_once_and_its_first_release_promotes_devs_version_to_qa_and_prod() {
    Map<String, String> env =
        Map.of(
            "BATON_DEMO", "true",
            "BATON_DATABASE_URL", TestPostgres.urlOf(TestPostgres.newDatabase()),
            "BATON_DATA_DIR", newDataDir());
    String releaseId;
    try (TestServer server = TestServer.start(env)) {
      JsonObject product =
          server.data(
              "{ product(name: \"demo-trioapp\") { applications { name version "
                  + "environment { name } } } promotionFlow(name: \"multi-env-sequential-promotion\") { timeout version "
                  + "triggerEnvironment { name } steps { environment { name } dependsOn { name } } } "
                  + "environments { name kind } }");
      assertThat(product.getJsonObject("promotionFlow").getString("timeout")).isEqualTo("PT5M");
      assertThat(product.getJsonObject("promotionFlow").getString("version")).isEqualTo("1.0");
      assertThat(product.getJsonArray("environments").encode())
          .contains("\"prod\",\"kind\":\"PROD\"");
      JsonObject byEnv = new JsonObject();
      product
          .getJsonObject("product")
          .getJsonArray("applications")
          .forEach(
              a ->
                  byEnv.put(
                      ((JsonObject) a).getJsonObject("environment").getString("name"),
                      ((JsonObject) a).getString("version")));
      assertThat(byEnv.getString("dev")).isNotEqualTo(byEnv.getString("qa"));
      assertThat(byEnv.getString("qa")).isEqualTo(byEnv.getString("prod"));

      releaseId =
          server
              .data(
                  "mutation { triggerPromotionFlow(input: {flow: \"multi-env-sequential-promotion\", "
                      + "product: \"demo-trioapp\"}) { id } }")
              .getJsonObject("triggerPromotionFlow")
              .getString("id");
      JsonObject done =
          Poll.until(
              () ->
                  server
                      .data(
                          "query($id: ID!) { release(id: $id) { status version "
                              + "steps { environment { name } status commitSha version } } }",
                          Map.of("id", releaseId))
                      .getJsonObject("release"),
              r ->
                  "SUCCEEDED".equals(r.getString("status"))
                      || "FAILED".equals(r.getString("status")),
              Duration.ofSeconds(60),
              "the demo release to end");
      assertThat(done.getString("status")).isEqualTo("SUCCEEDED");
      assertThat(stepOf(done, "prod").getString("version")).isEqualTo(byEnv.getString("dev"));
      assertThat(stepOf(done, "qa").getString("commitSha")).hasSize(40);
    }
    try (TestServer again = TestServer.start(env)) {
      assertThat(again.data("{ promotionFlows { name } products { name } }").encode())
          .contains("multi-env-sequential-promotion")
          .contains("demo-trioapp");
      assertThat(
              again
                  .data("{ releases { nodes { id } } }")
                  .getJsonObject("releases")
                  .getJsonArray("nodes"))
          .hasSize(1);
    }
  }

  @Test
  void the_demo_gated_flow_soaks_in_qa_then_waits_for_one_approval_before_prod() {
    Map<String, String> env =
        Map.of(
            "BATON_DEMO", "true",
            "BATON_DATABASE_URL", TestPostgres.urlOf(TestPostgres.newDatabase()),
            "BATON_DATA_DIR", newDataDir());
    try (TestServer server = TestServer.start(env)) {
      String releaseId =
          server
              .data(
                  "mutation { triggerPromotionFlow(input: {flow: \"gated-promotion\", "
                      + "product: \"demo-trioapp\"}) { id } }")
              .getJsonObject("triggerPromotionFlow")
              .getString("id");
      String query =
          "query($id: ID!) { release(id: $id) { status steps { environment { name } status "
              + "commitSha gates { kind status message } } } }";
      JsonObject suspended =
          Poll.until(
              () -> server.data(query, Map.of("id", releaseId)).getJsonObject("release"),
              r -> "SUSPENDED".equals(r.getString("status")),
              Duration.ofSeconds(60),
              "prod to wait for an approval");
      JsonObject qa = stepOf(suspended, "qa");
      assertThat(qa.getString("status")).isEqualTo("SUCCEEDED");
      assertThat(qa.getJsonArray("gates").getJsonObject(0).getString("kind")).isEqualTo("SOAK");
      JsonObject prod = stepOf(suspended, "prod");
      assertThat(prod.getString("status")).isEqualTo("SUSPENDED");
      assertThat(prod.getString("commitSha")).isNull();
      assertThat(prod.getJsonArray("gates").getJsonObject(0).getString("message"))
          .contains("approval");

      server.data(
          "mutation($id: ID!) { approveStep(input: {releaseId: $id, environment: \"prod\", "
              + "comment: \"looks good\"}) { id } }",
          Map.of("id", releaseId));
      JsonObject done =
          Poll.until(
              () -> server.data(query, Map.of("id", releaseId)).getJsonObject("release"),
              r ->
                  !"SUSPENDED".equals(r.getString("status"))
                      && !"RUNNING".equals(r.getString("status")),
              Duration.ofSeconds(60),
              "the gated release to end");
      assertThat(done.getString("status")).isEqualTo("SUCCEEDED");
      assertThat(stepOf(done, "prod").getString("commitSha")).hasSize(40);
    }
  }

  private static String newDataDir() {
    try {
      return Files.createTempDirectory("baton-demo").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
