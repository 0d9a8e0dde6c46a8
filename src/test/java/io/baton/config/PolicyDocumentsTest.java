package io.baton.config;

import static io.baton.testing.TestServer.codeOf;
import static io.baton.testing.TestServer.firstError;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.environment.EnvironmentKind;
import io.baton.flow.StepAction;
import io.baton.policy.PromotionPolicy;
import io.baton.testing.TestPostgres;
import io.baton.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code kind: PromotionPolicy}: the vendor's published example in, Baton's document out. */
class PolicyDocumentsTest {
  private static final String APPLY =
      """
      mutation($y: String!, $d: Boolean) {
        applyConfig(yaml: $y, dryRun: $d) { applied changes { kind name action diff } }
      }""";

  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(TestPostgres.newDatabase(), Clock.systemUTC(), false);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String vendorExample() {
    try (InputStream in =
        PolicyDocumentsTest.class.getResourceAsStream("/codefresh/promotion-policy.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private JsonObject apply(String yaml) {
    return server.data(APPLY, Map.of("y", yaml)).getJsonObject("applyConfig");
  }

  @Test
  void the_vendors_promotion_policy_example_imports_as_it_is_written() {
    JsonObject plan = apply(vendorExample());

    assertThat(plan.getBoolean("applied")).isTrue();
    assertThat(plan.getJsonArray("changes").getJsonObject(0).getMap())
        .containsEntry("kind", "PromotionPolicy")
        .containsEntry("name", "demo-policy")
        .containsEntry("action", "CREATE");
    JsonObject policy =
        server
            .data(
                """
                { promotionPolicies { name priority
                  selector { products environments environmentKinds }
                  policy { action preAction postAction } } }""")
            .getJsonArray("promotionPolicies")
            .getJsonObject(0);
    assertThat(policy)
        .isEqualTo(
            new JsonObject(
                """
                {"name": "demo-policy", "priority": 2,
                 "selector": {"products": ["trio-dev"], "environments": ["staging"],
                              "environmentKinds": ["NON_PROD"]},
                 "policy": {"action": "COMMIT", "preAction": "smoke-tests",
                            "postAction": "slack-notification"}}"""));
  }

  @Test
  void an_export_keeps_the_pre_and_post_actions_and_applies_again_unchanged() {
    apply(vendorExample());

    String exported = server.data("{ exportConfig }").getString("exportConfig");

    assertThat(exported)
        .contains(
            """
            apiVersion: baton/v1
            kind: PromotionPolicy
            metadata:
              name: demo-policy
            spec:
              priority: 2
              selector:
                product:
                  names: [trio-dev]
                targetEnvironment:
                  names: [staging]
                  types: [NON_PROD]
              policy:
                action: commit
                preAction: smoke-tests
                postAction: slack-notification
            """);
    JsonObject again = apply(exported);
    assertThat(again.getJsonArray("changes").getJsonObject(0).getString("action"))
        .isEqualTo("UNCHANGED");
    assertThat(apply(vendorExample()).getJsonArray("changes").getJsonObject(0).getString("action"))
        .isEqualTo("UNCHANGED");
  }

  @Test
  void pre_and_post_actions_are_reported_as_warnings_saying_what_baton_does_instead() {
    ConfigFile.Document document =
        ConfigFile.read(vendorExample(), List.of(PolicyDocuments.KIND)).get(0);
    PolicyDocuments kind = new PolicyDocuments(null);

    PromotionPolicy read = kind.read(document.name(), document.node(), new Lines());
    List<ConfigWarning> warnings = kind.warnings(document.name(), read);

    assertThat(read.policy())
        .isEqualTo(
            new PromotionPolicy.Settings(StepAction.COMMIT, "smoke-tests", "slack-notification"));
    assertThat(read.selector().environmentKinds()).containsExactly(EnvironmentKind.NON_PROD);
    assertThat(warnings)
        .extracting(ConfigWarning::path)
        .containsExactly("spec.policy.preAction", "spec.policy.postAction");
    assertThat(warnings)
        .allSatisfy(
            w -> {
              assertThat(w.kind()).isEqualTo("PromotionPolicy");
              assertThat(w.name()).isEqualTo("demo-policy");
              assertThat(w.message()).contains("add an HTTP gate").contains("or a webhook");
            });
    assertThat(warnings.get(0).message()).contains("\"smoke-tests\"");
  }

  @Test
  void an_unknown_field_is_refused_naming_its_line() {
    JsonObject response =
        server.graphql(
            APPLY, Map.of("y", vendorExample().replace("    postAction:", "    postActon:")));

    assertThat(codeOf(response)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(response).getString("message"))
        .contains("spec.policy.postActon (line 21) is not a field Baton knows");
  }

  @Test
  void a_policy_without_a_priority_is_refused() {
    JsonObject response =
        server.graphql(APPLY, Map.of("y", vendorExample().replace("  priority: 2\n", "")));

    assertThat(codeOf(response)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(response).getString("message")).contains("spec.priority");
  }
}
