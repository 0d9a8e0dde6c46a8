package io.baton.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The configuration file the README's "Onboarding your own product" shows applies as written. */
class ReadmeExampleTest {
  private static final String APPLY =
      """
      mutation($y: String!, $d: Boolean) {
        applyConfig(yaml: $y, dryRun: $d) { applied changes { kind name action } }
      }""";

  private TestServer empty;

  @BeforeEach
  void startEmpty() {
    empty = TestServer.start();
  }

  @AfterEach
  void stopEmpty() {
    empty.close();
  }

  @Test
  void the_readme_s_configuration_file_creates_its_catalog_on_an_empty_baton_and_then_is_unchanged()
      throws IOException {
    String yaml = readmeExample();

    assertThat(actions(apply(yaml, true))).allMatch(a -> a.endsWith(" CREATE")).hasSize(8);
    assertThat(actions(apply(yaml, false)))
        .containsExactly(
            "Environment dev CREATE",
            "Environment staging CREATE",
            "Environment prod CREATE",
            "Product shop CREATE",
            "Application shop-dev CREATE",
            "Application shop-staging CREATE",
            "Application shop-prod CREATE",
            "PromotionFlow shop-to-prod CREATE");
    assertThat(actions(apply(yaml, false))).allMatch(a -> a.endsWith(" UNCHANGED")).hasSize(8);
  }

  /** The first {@code yaml} block after the README's "As code" heading. */
  private static String readmeExample() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    int section = readme.indexOf("\n### As code\n");
    assertThat(section).as("the README's As code section").isNotNegative();
    int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
    return readme.substring(start, readme.indexOf("```", start));
  }

  private JsonObject apply(String yaml, boolean dryRun) {
    JsonObject response = empty.graphql(APPLY, Map.of("y", yaml, "d", dryRun));
    assertThat(response.getJsonArray("errors")).as(response.encode()).isNull();
    return response.getJsonObject("data").getJsonObject("applyConfig");
  }

  private static List<String> actions(JsonObject plan) {
    return plan.getJsonArray("changes").stream()
        .map(c -> (JsonObject) c)
        .map(c -> c.getString("kind") + " " + c.getString("name") + " " + c.getString("action"))
        .toList();
  }
}
