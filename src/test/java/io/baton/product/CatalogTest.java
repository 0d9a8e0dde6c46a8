package io.baton.product;

import static io.baton.testing.TestServer.codeOf;
import static io.baton.testing.TestServer.firstError;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The quick start's catalog through GraphQL, and every way of getting it wrong. */
class CatalogTest {
  private static TestServer server;

  private static final String CREATE_ENV =
      "mutation($n: String!, $k: EnvironmentKind, $p: Int) { createEnvironment(input: {name: $n, kind: $k, position: $p}) { name kind position } }";
  private static final String CREATE_APP =
      """
      mutation($n: String!, $p: String!, $e: String!) {
        createApplication(input: {name: $n, product: $p, environment: $e, repoUrl: "file:///tmp/demo.git", path: "apps/demo"}) {
          name branch path product { name } environment { name }
        }
      }""";

  @BeforeAll
  static void createQuickStartCatalog() {
    server = TestServer.start();
    server.data(CREATE_ENV, Map.of("n", "dev", "k", "NON_PROD", "p", 1));
    server.data(CREATE_ENV, Map.of("n", "prod", "k", "PROD", "p", 3));
    server.data(CREATE_ENV, Map.of("n", "qa", "p", 2));
    server.data(
        """
        mutation { createProduct(input: {name: "demo-trioapp", promotionTemplate: {
          versionSource: {file: "values.yaml", jsonPath: "$.image.tag"},
          promotion: [{file: "values.yaml", jsonPaths: ["$.image.tag"]}]}}) { name } }""");
    for (String env : new String[] {"dev", "qa", "prod"}) {
      server.data(CREATE_APP, Map.of("n", "demo-trioapp-" + env, "p", "demo-trioapp", "e", env));
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void environments_are_listed_in_position_order_with_their_kind() {
    JsonArray envs =
        server.data("{ environments { name kind position } }").getJsonArray("environments");
    assertThat(envs.stream().map(e -> ((JsonObject) e).getString("name")))
        .containsExactly("dev", "qa", "prod");
    assertThat(envs.getJsonObject(2).getString("kind")).isEqualTo("PROD");
    assertThat(envs.getJsonObject(1).getString("kind")).isEqualTo("NON_PROD");
  }

  @Test
  void the_product_reads_back_with_its_template_and_three_applications() {
    JsonObject product =
        server
            .data(
                """
        { product(name: "demo-trioapp") { name concurrency
            promotionTemplate { versionSource { file jsonPath } promotion { file jsonPaths } }
            applications { name branch path environment { name } } } }""")
            .getJsonObject("product");
    assertThat(product.getString("concurrency")).isEqualTo("QUEUE");
    assertThat(
            product
                .getJsonObject("promotionTemplate")
                .getJsonObject("versionSource")
                .getString("jsonPath"))
        .isEqualTo("$.image.tag");
    JsonArray apps = product.getJsonArray("applications");
    assertThat(apps.stream().map(a -> ((JsonObject) a).getString("name")))
        .containsExactly("demo-trioapp-dev", "demo-trioapp-prod", "demo-trioapp-qa");
    assertThat(apps.getJsonObject(0).getString("branch")).isEqualTo("main");
    assertThat(apps.getJsonObject(0).getString("path")).isEqualTo("apps/demo");
    assertThat(apps.getJsonObject(0).getJsonObject("environment").getString("name"))
        .isEqualTo("dev");
  }

  @Test
  void a_bad_name_is_refused_with_a_readable_message() {
    JsonObject response = server.graphql(CREATE_ENV, Map.of("n", "Not_Valid"));
    assertThat(codeOf(response)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(response).getString("message")).contains("\"Not_Valid\"").contains("a-z");
    assertThat(server.data("{ environment(name: \"Not_Valid\") { name } }").getValue("environment"))
        .isNull();
  }

  @Test
  void a_64_character_name_is_refused_and_63_is_accepted() {
    String tooLong = "a".repeat(64);
    JsonObject response = server.graphql(CREATE_ENV, Map.of("n", tooLong));
    assertThat(codeOf(response)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(response).getString("message")).contains("64 characters").contains("63");
    String longest = "b".repeat(63);
    assertThat(
            server
                .data(CREATE_ENV, Map.of("n", longest))
                .getJsonObject("createEnvironment")
                .getString("name"))
        .isEqualTo(longest);
    server.data(
        "mutation($n: String!) { deleteEnvironment(name: $n) { name } }", Map.of("n", longest));
  }

  @Test
  void a_duplicate_environment_is_a_conflict() {
    JsonObject response = server.graphql(CREATE_ENV, Map.of("n", "dev"));
    assertThat(codeOf(response)).isEqualTo("CONFLICT");
    assertThat(firstError(response).getString("message"))
        .isEqualTo("environment \"dev\" already exists");
  }

  @Test
  void an_application_in_an_unknown_environment_is_not_found_and_names_it() {
    JsonObject response =
        server.graphql(
            CREATE_APP, Map.of("n", "demo-trioapp-uat", "p", "demo-trioapp", "e", "uat"));
    assertThat(codeOf(response)).isEqualTo("NOT_FOUND");
    assertThat(firstError(response).getString("message"))
        .isEqualTo("environment \"uat\" does not exist");
    assertThat(
            server
                .data("{ application(name: \"demo-trioapp-uat\") { name } }")
                .getValue("application"))
        .isNull();
  }

  @Test
  void a_second_application_in_one_environment_is_a_conflict() {
    JsonObject response =
        server.graphql(CREATE_APP, Map.of("n", "demo-trioapp-qa2", "p", "demo-trioapp", "e", "qa"));
    assertThat(codeOf(response)).isEqualTo("CONFLICT");
    assertThat(firstError(response).getString("message"))
        .isEqualTo("product \"demo-trioapp\" already has an application in environment \"qa\"");
  }

  @Test
  void deleting_an_environment_in_use_is_a_conflict_that_names_the_user_and_deletes_nothing() {
    JsonObject response = server.graphql("mutation { deleteEnvironment(name: \"qa\") { name } }");
    assertThat(codeOf(response)).isEqualTo("CONFLICT");
    assertThat(firstError(response).getString("message"))
        .contains("environment \"qa\"")
        .contains("demo-trioapp-qa");
    assertThat(server.data("{ environment(name: \"qa\") { name } }").getJsonObject("environment"))
        .isNotNull();
  }

  @Test
  void an_unused_environment_can_be_updated_and_deleted() {
    server.data(CREATE_ENV, Map.of("n", "sandbox"));
    JsonObject updated =
        server
            .data(
                "mutation { updateEnvironment(input: {name: \"sandbox\", kind: PROD, position: 9}) { kind position } }")
            .getJsonObject("updateEnvironment");
    assertThat(updated.getString("kind")).isEqualTo("PROD");
    assertThat(updated.getInteger("position")).isEqualTo(9);
    server.data("mutation { deleteEnvironment(name: \"sandbox\") { name } }");
    assertThat(server.data("{ environment(name: \"sandbox\") { name } }").getValue("environment"))
        .isNull();
  }

  @Test
  void a_template_with_a_path_that_is_not_jsonpath_is_refused() {
    JsonObject response =
        server.graphql(
            """
        mutation { createProduct(input: {name: "broken", promotionTemplate: {
          promotion: [{file: "values.yaml", jsonPaths: ["image.tag"]}]}}) { name } }""");
    assertThat(codeOf(response)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(response).getString("message"))
        .contains("image.tag")
        .contains("JSONPath");
  }

  @Test
  void errors_never_name_java_classes() {
    JsonObject response = server.graphql("{ environments { nope } }");
    assertThat(codeOf(response)).isEqualTo("BAD_USER_INPUT");
    assertThat(response.encode())
        .doesNotContain("java.")
        .doesNotContain("Exception")
        .doesNotContain("graphql.");
  }
}
