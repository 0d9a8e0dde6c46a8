package io.baton.policy;

import static io.baton.testing.TestServer.codeOf;
import static io.baton.testing.TestServer.firstError;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.TestPostgres;
import io.baton.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Promotion policies as administrators manage them: the list, the mutations and their audit. */
class PromotionPoliciesOverGraphqlTest {
  private static final String POLICY =
      "name priority selector { products environments environmentKinds } "
          + "policy { action preAction postAction }";
  private static final String CREATE =
      "mutation($i: CreatePromotionPolicyInput!) { createPromotionPolicy(input: $i) { "
          + POLICY
          + " } }";
  private static final String UPDATE =
      "mutation($i: UpdatePromotionPolicyInput!) { updatePromotionPolicy(input: $i) { "
          + POLICY
          + " } }";
  private static final String EFFECTIVE =
      """
      query($p: String!, $e: String!) { effectivePromotionPolicy(product: $p, environment: $e) {
        action actionFrom preAction postAction } }""";

  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(TestPostgres.newDatabase(), Clock.systemUTC(), true);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonObject effective(String environment) {
    return server
        .data(EFFECTIVE, Map.of("p", "demo-trioapp", "e", environment))
        .getJsonObject("effectivePromotionPolicy");
  }

  @Test
  void created_updated_and_deleted_policies_change_the_effective_policy_and_are_audited() {
    server.data(
        CREATE,
        Map.of(
            "i",
            Map.of(
                "name",
                "quiet-qa",
                "priority",
                5,
                "selector",
                Map.of("environments", List.of("qa")),
                "policy",
                Map.of("action", "NONE", "preAction", "smoke-tests"))));
    assertThat(effective("qa"))
        .isEqualTo(
            new JsonObject()
                .put("action", "NONE")
                .put("actionFrom", "quiet-qa")
                .put("preAction", "smoke-tests")
                .putNull("postAction"));
    assertThat(effective("prod").getString("actionFrom")).isNull();

    JsonObject updated =
        server
            .data(
                UPDATE,
                Map.of(
                    "i",
                    Map.of(
                        "name",
                        "quiet-qa",
                        "priority",
                        7,
                        "selector",
                        Map.of("environmentKinds", List.of("PROD")),
                        "policy",
                        Map.of("action", "COMMIT"))))
            .getJsonObject("updatePromotionPolicy");
    assertThat(updated.getInteger("priority")).isEqualTo(7);
    assertThat(effective("qa").getString("actionFrom")).isNull();
    assertThat(effective("prod").getString("actionFrom")).isEqualTo("quiet-qa");
    JsonArray listed =
        server.data("{ promotionPolicies { name } }").getJsonArray("promotionPolicies");
    assertThat(listed).hasSize(1);

    server.data("mutation { deletePromotionPolicy(name: \"quiet-qa\") { name } }");
    assertThat(server.data("{ promotionPolicies { name } }").getJsonArray("promotionPolicies"))
        .isEmpty();
    JsonArray audit =
        server
            .data("{ auditLog(first: 20) { nodes { operation } } }")
            .getJsonObject("auditLog")
            .getJsonArray("nodes");
    assertThat(audit.stream().map(e -> ((JsonObject) e).getString("operation")))
        .contains("createPromotionPolicy", "updatePromotionPolicy", "deletePromotionPolicy");
  }

  @Test
  void a_taken_name_is_a_conflict_and_an_unknown_one_not_found() {
    Map<String, Object> input = Map.of("i", Map.of("name", "everything", "priority", 0));
    server.data(CREATE, input);

    assertThat(codeOf(server.graphql(CREATE, input))).isEqualTo("CONFLICT");
    assertThat(
            codeOf(server.graphql("mutation { deletePromotionPolicy(name: \"nope\") { name } }")))
        .isEqualTo("NOT_FOUND");
    assertThat(codeOf(server.graphql(UPDATE, Map.of("i", Map.of("name", "nope", "priority", 1)))))
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void a_bad_name_is_refused_naming_the_field_and_an_unknown_environment_is_not_found() {
    JsonObject bad =
        server.graphql(CREATE, Map.of("i", Map.of("name", "Not_A_Name", "priority", 1)));

    assertThat(codeOf(bad)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(bad).getJsonObject("extensions").getString("field")).isEqualTo("name");
    assertThat(codeOf(server.graphql(EFFECTIVE, Map.of("p", "demo-trioapp", "e", "uat"))))
        .isEqualTo("NOT_FOUND");
    assertThat(codeOf(server.graphql(EFFECTIVE, Map.of("p", "no-such-product", "e", "qa"))))
        .isEqualTo("NOT_FOUND");
  }
}
