package io.baton.flow;

import static io.baton.testing.TestServer.codeOf;
import static io.baton.testing.TestServer.firstError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.baton.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Promotion flows through GraphQL: the quick start's sequence, the vendor's DAG in YAML, and every
 * refusal.
 */
class PromotionFlowsTest {
  private static TestServer server;

  private static final String FLOW_FIELDS =
      """
      fragment flow on PromotionFlow {
        id name description version timeout yaml createdAt updatedAt
        triggerEnvironment { name kind }
        steps { environment { name } dependsOn { name } action }
      }""";
  private static final String CREATE =
      """
      mutation($input: CreatePromotionFlowInput!) { createPromotionFlow(input: $input) { ...flow } }"""
          + FLOW_FIELDS;
  private static final String UPDATE =
      """
      mutation($input: UpdatePromotionFlowInput!) { updatePromotionFlow(input: $input) { ...flow } }"""
          + FLOW_FIELDS;
  private static final String APPLY =
      """
      mutation($yaml: String!) { applyPromotionFlowYaml(yaml: $yaml) { ...flow } }"""
          + FLOW_FIELDS;
  private static final String DELETE =
      """
      mutation($name: String!) { deletePromotionFlow(name: $name) { name } }""";
  private static final String READ =
      """
      query($name: String!) { promotionFlow(name: $name) { ...flow } }"""
          + FLOW_FIELDS;

  /** The vendor's flow with staging beside qa and prod after both, as its YAML mode saves it. */
  private static final String VENDOR_DAG =
      """
      apiVersion: codefresh.io/v1beta1
      kind: PromotionFlow
      metadata:
        name: multi-env-dependency-promotion
        annotations:
          description: Sequential promotion flow with environment dependencies
          version: "3.0"
      spec:
        triggerEnvironment: dev
        steps:
          - environment: qa
            dependsOn:
              - dev
            policy:
              action: commit
          - environment: prod
            dependsOn:
              - qa
              - staging
            policy:
              action: commit
          - environment: staging
            dependsOn:
              - dev
            policy:
              action: commit
        promotionTimeoutLimit: 5
      """;

  @BeforeAll
  static void createEnvironments() {
    server = TestServer.start();
    String create =
        "mutation($n: String!, $k: EnvironmentKind) { createEnvironment(input: {name: $n, kind: $k}) { name } }";
    for (String name : List.of("dev", "qa", "staging", "perf")) {
      server.data(create, Map.of("n", name, "k", "NON_PROD"));
    }
    server.data(create, Map.of("n", "prod", "k", "PROD"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void the_quick_start_flow_created_as_a_sequence_reads_back_with_each_step_after_the_one_before() {
    server.data(
        CREATE,
        Map.of(
            "input",
            Map.of(
                "name", "multi-env-sequential-promotion",
                "description", "Sequential promotion through dev, qa and prod",
                "version", "1.0",
                "timeout", "PT5M",
                "triggerEnvironment", "dev",
                "steps", List.of(Map.of("environment", "qa"), Map.of("environment", "prod")))));

    JsonObject flow = read("multi-env-sequential-promotion");
    assertThat(flow.getString("description"))
        .isEqualTo("Sequential promotion through dev, qa and prod");
    assertThat(flow.getString("version")).isEqualTo("1.0");
    assertThat(flow.getString("timeout")).isEqualTo("PT5M");
    assertThat(flow.getJsonObject("triggerEnvironment").getString("name")).isEqualTo("dev");
    assertThat(dag(flow)).containsExactly("qa <- dev POLICY", "prod <- qa POLICY");
    assertThat(flow.getString("yaml"))
        .contains("apiVersion: baton/v1")
        .contains("triggerEnvironment: dev")
        .containsSubsequence(
            "- environment: qa", "dependsOn: [dev]", "- environment: prod", "dependsOn: [qa]")
        .contains("promotionTimeoutLimit: 5")
        .contains("version: \"1.0\"");
  }

  @Test
  void a_flow_without_timeout_or_actions_gets_24_hours_and_leaves_actions_to_the_policies() {
    JsonObject flow =
        server
            .data(
                CREATE,
                Map.of(
                    "input",
                    Map.of(
                        "name",
                        "defaults-flow",
                        "triggerEnvironment",
                        "dev",
                        "steps",
                        List.of(Map.of("environment", "prod")))))
            .getJsonObject("createPromotionFlow");

    assertThat(flow.getString("timeout")).isEqualTo("PT24H");
    assertThat(dag(flow)).containsExactly("prod <- dev POLICY");
    assertThat(flow.getValue("description")).isNull();
    assertThat(flow.getValue("version")).isNull();
  }

  @Test
  void the_vendor_dag_is_applied_and_export_delete_reapply_gives_the_same_flow() {
    JsonObject applied =
        server.data(APPLY, Map.of("yaml", VENDOR_DAG)).getJsonObject("applyPromotionFlowYaml");
    assertThat(dag(applied))
        .containsExactly("qa <- dev COMMIT", "prod <- qa,staging COMMIT", "staging <- dev COMMIT");
    assertThat(applied.getString("timeout")).isEqualTo("PT5M");
    assertThat(applied.getString("version")).isEqualTo("3.0");
    assertThat(applied.getString("description"))
        .isEqualTo("Sequential promotion flow with environment dependencies");

    String exported = read("multi-env-dependency-promotion").getString("yaml");
    server.data(DELETE, Map.of("name", "multi-env-dependency-promotion"));
    assertThat(
            server
                .data(READ, Map.of("name", "multi-env-dependency-promotion"))
                .getValue("promotionFlow"))
        .isNull();
    JsonObject reapplied =
        server.data(APPLY, Map.of("yaml", exported)).getJsonObject("applyPromotionFlowYaml");

    assertThat(withoutIdentity(reapplied)).isEqualTo(withoutIdentity(applied));
    assertThat(reapplied.getString("yaml")).isEqualTo(exported);
  }

  @Test
  void applying_yaml_to_an_existing_flow_replaces_it_and_keeps_its_id_and_creation_time() {
    JsonObject created =
        create(
            "replaced-flow",
            "dev",
            List.of(Map.of("environment", "qa"), Map.of("environment", "prod")));
    String yaml =
        VENDOR_DAG
            .replace("multi-env-dependency-promotion", "replaced-flow")
            .replace("promotionTimeoutLimit: 5", "timeout: PT30S");

    JsonObject replaced =
        server.data(APPLY, Map.of("yaml", yaml)).getJsonObject("applyPromotionFlowYaml");

    assertThat(replaced.getString("id")).isEqualTo(created.getString("id"));
    assertThat(replaced.getString("createdAt")).isEqualTo(created.getString("createdAt"));
    assertThat(replaced.getString("timeout")).isEqualTo("PT30S");
    assertThat(dag(read("replaced-flow")))
        .containsExactly("qa <- dev COMMIT", "prod <- qa,staging COMMIT", "staging <- dev COMMIT");
  }

  @Test
  void a_step_with_action_none_keeps_it_through_graphql_and_yaml() {
    JsonObject flow =
        create("none-flow", "dev", List.of(Map.of("environment", "qa", "action", "NONE")));

    assertThat(dag(flow)).containsExactly("qa <- dev NONE");
    assertThat(flow.getString("yaml")).contains("action: none");
  }

  @Test
  void update_changes_only_the_fields_given_and_null_clears_description() {
    server.data(
        CREATE,
        Map.of(
            "input",
            Map.of(
                "name",
                "updated-flow",
                "description",
                "Before",
                "timeout",
                "PT5M",
                "triggerEnvironment",
                "dev",
                "steps",
                List.of(Map.of("environment", "qa"), Map.of("environment", "prod")))));
    Map<String, Object> input = new HashMap<>();
    input.put("name", "updated-flow");
    input.put("description", null);
    input.put("version", "2.0");
    input.put(
        "steps",
        List.of(
            Map.of("environment", "qa"),
            Map.of("environment", "staging", "dependsOn", List.of("dev")),
            Map.of("environment", "prod", "dependsOn", List.of("qa", "staging"))));

    JsonObject flow =
        server.data(UPDATE, Map.of("input", input)).getJsonObject("updatePromotionFlow");

    assertThat(flow.getValue("description")).isNull();
    assertThat(flow.getString("version")).isEqualTo("2.0");
    assertThat(flow.getString("timeout")).isEqualTo("PT5M");
    assertThat(dag(read("updated-flow")))
        .containsExactly("qa <- dev POLICY", "staging <- dev POLICY", "prod <- qa,staging POLICY");
  }

  @Test
  void an_invalid_update_is_refused_and_leaves_the_flow_as_it_was() {
    create("kept-flow", "dev", List.of(Map.of("environment", "qa"), Map.of("environment", "prod")));
    JsonObject before = read("kept-flow");

    JsonObject response =
        server.graphql(
            UPDATE,
            Map.of(
                "input",
                Map.of(
                    "name",
                    "kept-flow",
                    "version",
                    "9",
                    "steps",
                    List.of(
                        Map.of("environment", "qa", "dependsOn", List.of("prod")),
                        Map.of("environment", "prod")))));

    assertThat(codeOf(response)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(response).getString("message")).contains("cycle: qa -> prod -> qa");
    assertThat(read("kept-flow")).isEqualTo(before);
  }

  static Stream<Arguments> invalid_flows() {
    return Stream.of(
        arguments(
            "cycle",
            "dev",
            List.of(step("qa", "prod"), step("prod", "qa")),
            "PT5M",
            "dependsOn forms a cycle: qa -> prod -> qa"),
        arguments(
            "trigger-as-target",
            "dev",
            List.of(step("qa"), step("dev", "qa")),
            "PT5M",
            "the trigger environment \"dev\" cannot also be a target"),
        arguments(
            "no-targets",
            "dev",
            List.of(),
            "PT5M",
            "steps must name at least one target environment"),
        arguments(
            "twice",
            "dev",
            List.of(step("qa"), step("prod"), step("qa", "prod")),
            "PT5M",
            "environment \"qa\" is a step twice"),
        arguments(
            "outside",
            "dev",
            List.of(step("qa"), step("prod", "qa", "staging")),
            "PT5M",
            "step \"prod\" depends on \"staging\", which is neither the trigger environment nor a step of this flow"),
        arguments(
            "zero-timeout",
            "dev",
            List.of(step("qa")),
            "PT0S",
            "timeout must be a positive duration, not PT0S"),
        arguments(
            "negative-timeout",
            "dev",
            List.of(step("qa")),
            "-PT5M",
            "timeout must be a positive duration, not PT-5M"),
        arguments(
            "unknown-target",
            "dev",
            List.of(step("qa"), step("uat")),
            "PT5M",
            "environment \"uat\" does not exist"),
        arguments(
            "unknown-trigger",
            "local",
            List.of(step("qa")),
            "PT5M",
            "environment \"local\" does not exist"),
        arguments(
            "Bad_Name",
            "dev",
            List.of(step("qa")),
            "PT5M",
            "promotion flow name \"Bad_Name\" is invalid"));
  }

  @ParameterizedTest(name = "{0} is refused")
  @MethodSource("invalid_flows")
  void an_invalid_flow_is_refused_with_bad_user_input_and_not_saved(
      String name,
      String trigger,
      List<Map<String, Object>> steps,
      String timeout,
      String message) {
    JsonObject response =
        server.graphql(
            CREATE,
            Map.of(
                "input",
                Map.of(
                    "name",
                    name,
                    "timeout",
                    timeout,
                    "triggerEnvironment",
                    trigger,
                    "steps",
                    steps)));

    assertThat(codeOf(response)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(response).getString("message")).contains(message);
    assertThat(server.data(READ, Map.of("name", name)).getValue("promotionFlow")).isNull();
  }

  static Stream<Arguments> invalid_yaml() {
    return Stream.of(
        arguments(
            "malformed",
            VENDOR_DAG.replace("  steps:", "  steps: ["),
            "the YAML is malformed at line 11, column 5"),
        arguments(
            "cyclic",
            VENDOR_DAG.replace("        - qa\n", "        - qa\n        - prod\n"),
            "spec.steps[1].dependsOn (line 17): step \"prod\" depends on itself"),
        arguments(
            "unknown-environment",
            VENDOR_DAG.replace("environment: staging", "environment: uat"),
            "spec.steps[2].environment (line 22): environment \"uat\" does not exist"),
        arguments(
            "zero-timeout",
            VENDOR_DAG.replace("promotionTimeoutLimit: 5", "promotionTimeoutLimit: 0"),
            "spec.promotionTimeoutLimit (line 27): timeout must be a positive duration, not PT0S"),
        arguments(
            "missing-trigger",
            VENDOR_DAG.replace("  triggerEnvironment: dev\n", ""),
            "spec.triggerEnvironment is required"));
  }

  @ParameterizedTest(name = "{0} YAML is refused")
  @MethodSource("invalid_yaml")
  void invalid_yaml_is_refused_naming_the_line_or_field_and_not_saved(
      String what, String yaml, String message) {
    JsonObject response =
        server.graphql(
            APPLY, Map.of("yaml", yaml.replace("multi-env-dependency-promotion", "refused-flow")));

    assertThat(codeOf(response)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(response).getString("message")).startsWith(message);
    assertThat(server.data(READ, Map.of("name", "refused-flow")).getValue("promotionFlow"))
        .isNull();
  }

  @Test
  void a_second_flow_with_a_taken_name_is_a_conflict_and_the_first_is_untouched() {
    create("taken-flow", "dev", List.of(Map.of("environment", "qa")));

    JsonObject response =
        server.graphql(CREATE, input("taken-flow", "dev", List.of(Map.of("environment", "prod"))));

    assertThat(codeOf(response)).isEqualTo("CONFLICT");
    assertThat(firstError(response).getString("message"))
        .isEqualTo("promotion flow \"taken-flow\" already exists");
    assertThat(dag(read("taken-flow"))).containsExactly("qa <- dev POLICY");
  }

  @Test
  void
      deleting_an_environment_used_by_a_flow_is_a_conflict_naming_the_flow_until_the_flow_is_gone() {
    create("perf-flow", "dev", List.of(Map.of("environment", "perf")));
    String deleteEnvironment = "mutation { deleteEnvironment(name: \"perf\") { name } }";

    JsonObject refused = server.graphql(deleteEnvironment);

    assertThat(codeOf(refused)).isEqualTo("CONFLICT");
    assertThat(firstError(refused).getString("message"))
        .contains("environment \"perf\"")
        .contains("promotion flow \"perf-flow\"");
    server.data(DELETE, Map.of("name", "perf-flow"));
    assertThat(server.graphql(deleteEnvironment).containsKey("errors")).isFalse();
  }

  @Test
  void flows_are_listed_by_name_and_an_unknown_one_reads_as_null_and_is_not_found_to_change() {
    create("list-b", "dev", List.of(Map.of("environment", "qa")));
    create("list-a", "dev", List.of(Map.of("environment", "qa")));

    JsonArray flows =
        server
            .data("{ promotionFlows { name steps { environment { name } } } }")
            .getJsonArray("promotionFlows");
    List<String> names = flows.stream().map(f -> ((JsonObject) f).getString("name")).toList();
    assertThat(names).containsSubsequence("list-a", "list-b").isSorted();
    assertThat(server.data(READ, Map.of("name", "no-such-flow")).getValue("promotionFlow"))
        .isNull();
    JsonObject deleted = server.graphql(DELETE, Map.of("name", "no-such-flow"));
    assertThat(codeOf(deleted)).isEqualTo("NOT_FOUND");
    assertThat(firstError(deleted).getString("message"))
        .isEqualTo("promotion flow \"no-such-flow\" does not exist");
    JsonObject updated =
        server.graphql(UPDATE, Map.of("input", Map.of("name", "no-such-flow", "version", "2")));
    assertThat(codeOf(updated)).isEqualTo("NOT_FOUND");
  }

  @Test
  void changing_flows_needs_the_admin_role_and_a_refused_change_saves_nothing() {
    String promoter =
        server
            .data(
                "mutation { createApiToken(input: {name: \"flows-promoter\", role: PROMOTER}) { token } }")
            .getJsonObject("createApiToken")
            .getString("token");

    JsonObject response =
        server.graphql(
            promoter,
            APPLY,
            Map.of("yaml", VENDOR_DAG.replace("multi-env-dependency-promotion", "promoter-flow")));

    assertThat(codeOf(response)).isEqualTo("FORBIDDEN");
    assertThat(server.data(READ, Map.of("name", "promoter-flow")).getValue("promotionFlow"))
        .isNull();
    assertThat(
            server.graphql(promoter, "{ promotionFlows { name } }", Map.of()).containsKey("errors"))
        .isFalse();
  }

  /** Creates a flow with a 5 minute timeout, which must succeed. */
  private static JsonObject create(String name, String trigger, List<Map<String, Object>> steps) {
    return server.data(CREATE, input(name, trigger, steps)).getJsonObject("createPromotionFlow");
  }

  private static Map<String, Object> input(
      String name, String trigger, List<Map<String, Object>> steps) {
    return Map.of(
        "input",
        Map.of("name", name, "timeout", "PT5M", "triggerEnvironment", trigger, "steps", steps));
  }

  private static JsonObject read(String name) {
    JsonObject flow = server.data(READ, Map.of("name", name)).getJsonObject("promotionFlow");
    assertThat(flow).as("flow " + name).isNotNull();
    return flow;
  }

  private static Map<String, Object> step(String environment, String... dependsOn) {
    return dependsOn.length == 0
        ? Map.of("environment", environment)
        : Map.of("environment", environment, "dependsOn", List.of(dependsOn));
  }

  /** Each step as "environment <- dependencies ACTION", in the flow's order. */
  private static List<String> dag(JsonObject flow) {
    return flow.getJsonArray("steps").stream()
        .map(
            o -> {
              JsonObject step = (JsonObject) o;
              List<String> dependsOn =
                  step.getJsonArray("dependsOn").stream()
                      .map(d -> ((JsonObject) d).getString("name"))
                      .toList();
              return step.getJsonObject("environment").getString("name")
                  + " <- "
                  + String.join(",", dependsOn)
                  + " "
                  + (step.getString("action") == null ? "POLICY" : step.getString("action"));
            })
        .toList();
  }

  private static JsonObject withoutIdentity(JsonObject flow) {
    JsonObject copy = flow.copy();
    copy.remove("id");
    copy.remove("createdAt");
    copy.remove("updatedAt");
    return copy;
  }
}
