package io.baton.flow;

import static io.baton.testing.TestServer.codeOf;
import static io.baton.testing.TestServer.firstError;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gates in the catalog through GraphQL: on flow steps (and through the flow's YAML), on
 * environments with their Argo CD server, on applications' Argo CD names, and every definition
 * refused with the field it is about.
 */
class FlowGatesTest {
  private static TestServer server;

  private static final String GATE_FIELDS =
      """
      fragment gate on Gate {
        kind when timeout interval method url headers { name value } expectStatus expectJsonPath
        expectValue approvals approverRole allowInitiator duration
      }""";
  private static final String FLOW_FIELDS =
      """
      fragment flow on PromotionFlow {
        name yaml steps { environment { name } dependsOn { name } action gates { ...gate } }
      }"""
          + GATE_FIELDS;
  private static final String CREATE_FLOW =
      "mutation($input: CreatePromotionFlowInput!) { createPromotionFlow(input: $input) { ...flow } }"
          + FLOW_FIELDS;
  private static final String READ_FLOW =
      "query($name: String!) { promotionFlow(name: $name) { ...flow } }" + FLOW_FIELDS;
  private static final String APPLY =
      "mutation($yaml: String!) { applyPromotionFlowYaml(yaml: $yaml) { ...flow } }" + FLOW_FIELDS;
  private static final String DELETE_FLOW =
      "mutation($name: String!) { deletePromotionFlow(name: $name) { name } }";
  private static final String ENVIRONMENT_FIELDS =
      "fragment environment on Environment { name argocdServer gates { ...gate } }" + GATE_FIELDS;
  private static final String CREATE_ENVIRONMENT =
      "mutation($input: CreateEnvironmentInput!) { createEnvironment(input: $input) { ...environment } }"
          + ENVIRONMENT_FIELDS;
  private static final String UPDATE_ENVIRONMENT =
      "mutation($input: UpdateEnvironmentInput!) { updateEnvironment(input: $input) { ...environment } }"
          + ENVIRONMENT_FIELDS;
  private static final String READ_ENVIRONMENT =
      "query($name: String!) { environment(name: $name) { ...environment } }" + ENVIRONMENT_FIELDS;

  private static final Map<String, Object> ARGOCD = Map.of("kind", "ARGOCD");
  private static final Map<String, Object> HTTP =
      Map.of(
          "kind",
          "HTTP",
          "url",
          "http://qa.internal/version?of={{product}}",
          "headers",
          List.of(Map.of("name", "Accept", "value", "application/json")),
          "expectJsonPath",
          "$.version",
          "expectValue",
          "{{version}}",
          "timeout",
          "PT10M",
          "interval",
          "PT15S");
  private static final Map<String, Object> SOAK = Map.of("kind", "SOAK", "duration", "PT10M");
  private static final Map<String, Object> APPROVAL =
      Map.of("kind", "APPROVAL", "approvals", 2, "allowInitiator", false);

  @BeforeAll
  static void start() {
    server = TestServer.start();
    for (String name : List.of("dev", "qa", "prod")) {
      server.data(CREATE_ENVIRONMENT, Map.of("input", Map.of("name", name)));
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void a_flow_with_gates_of_every_kind_reads_back_with_their_defaults_and_survives_its_yaml() {
    JsonObject created =
        server
            .data(
                CREATE_FLOW,
                Map.of(
                    "input",
                    Map.of(
                        "name",
                        "gated",
                        "triggerEnvironment",
                        "dev",
                        "steps",
                        List.of(
                            Map.of("environment", "qa", "gates", List.of(ARGOCD, HTTP, SOAK)),
                            Map.of("environment", "prod", "gates", List.of(APPROVAL))))))
            .getJsonObject("createPromotionFlow");

    JsonObject flow =
        server.data(READ_FLOW, Map.of("name", "gated")).getJsonObject("promotionFlow");
    assertThat(flow).isEqualTo(created);
    JsonArray qa = gates(flow, 0);
    assertThat(qa.getJsonObject(0)).isEqualTo(gate("ARGOCD", "AFTER"));
    assertThat(qa.getJsonObject(1))
        .isEqualTo(
            gate("HTTP", "AFTER")
                .put("timeout", "PT10M")
                .put("interval", "PT15S")
                .put("method", "GET")
                .put("url", "http://qa.internal/version?of={{product}}")
                .put(
                    "headers",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("name", "Accept")
                                .put("value", "application/json")))
                .put("expectStatus", 200)
                .put("expectJsonPath", "$.version")
                .put("expectValue", "{{version}}"));
    assertThat(qa.getJsonObject(2)).isEqualTo(gate("SOAK", "AFTER").put("duration", "PT10M"));
    assertThat(gates(flow, 1).getJsonObject(0))
        .isEqualTo(
            gate("APPROVAL", "BEFORE")
                .put("approvals", 2)
                .put("approverRole", "PROMOTER")
                .put("allowInitiator", false));

    String yaml = flow.getString("yaml");
    assertThat(yaml)
        .containsSubsequence(
            "- environment: qa",
            "gates:",
            "- argocd: {}",
            "- http:",
            "url: http://qa.internal/version?of={{product}}",
            "headers: {Accept: application/json}",
            "expectJsonPath: $.version",
            "expectValue: '{{version}}'",
            "- soak: {duration: PT10M}",
            "- environment: prod",
            "- approval: {approvals: 2, allowInitiator: false}");
    server.data(DELETE_FLOW, Map.of("name", "gated"));
    JsonObject reapplied =
        server.data(APPLY, Map.of("yaml", yaml)).getJsonObject("applyPromotionFlowYaml");
    assertThat(reapplied).isEqualTo(flow);
  }

  @Test
  void gates_written_in_yaml_read_back_as_the_docs_show_them() {
    String yaml =
        """
        apiVersion: baton/v1
        kind: PromotionFlow
        metadata:
          name: gated-yaml
        spec:
          triggerEnvironment: dev
          steps:
            - environment: qa
              gates:
                - argocd: {}
                - http: {url: "http://qa.internal/version", expectJsonPath: "$.version", expectValue: "{{version}}", timeout: PT10M}
                - soak: {duration: PT10M}
            - environment: prod
              gates:
                - approval: {approvals: 2, allowInitiator: false}
        """;
    JsonObject flow =
        server.data(APPLY, Map.of("yaml", yaml)).getJsonObject("applyPromotionFlowYaml");

    assertThat(gates(flow, 0).stream().map(g -> ((JsonObject) g).getString("kind")))
        .containsExactly("ARGOCD", "HTTP", "SOAK");
    assertThat(gates(flow, 0).getJsonObject(1).getString("expectValue")).isEqualTo("{{version}}");
    assertThat(gates(flow, 1).getJsonObject(0).getBoolean("allowInitiator")).isFalse();
    assertThat(
            server
                .data(APPLY, Map.of("yaml", flow.getString("yaml")))
                .getJsonObject("applyPromotionFlowYaml"))
        .isEqualTo(flow);
  }

  @Test
  void an_http_gate_whose_url_uses_an_unknown_variable_is_refused_naming_the_step_gate_and_field() {
    JsonObject response =
        createFlow("bad-url", Map.of("kind", "HTTP", "url", "http://qa.internal/{{versoin}}"));

    assertThat(codeOf(response)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(response).getString("message"))
        .contains("steps[0].gates[0]", "HTTP gate of step \"qa\"", "url uses {{versoin}}");
  }

  @Test
  void an_approval_of_zero_people_is_refused_naming_approvals() {
    JsonObject response = createFlow("zero", Map.of("kind", "APPROVAL", "approvals", 0));

    assertThat(codeOf(response)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(response).getString("message"))
        .contains("steps[0].gates[0]", "approvals must be between 1 and 10");
  }

  @Test
  void a_soak_without_duration_is_refused_naming_duration() {
    JsonObject response = createFlow("no-soak", Map.of("kind", "SOAK"));

    assertThat(codeOf(response)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(response).getString("message"))
        .contains("steps[0].gates[0]", "SOAK gate", "a soak needs a duration");
  }

  @Test
  void a_field_of_another_kind_is_refused_rather_than_dropped() {
    JsonObject response =
        createFlow("foreign", Map.of("kind", "SOAK", "duration", "PT1M", "url", "http://x"));

    assertThat(codeOf(response)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(response).getString("message")).contains("are for HTTP gates, not SOAK");
  }

  @Test
  void a_gate_problem_in_yaml_names_its_line() {
    String yaml =
        """
        apiVersion: baton/v1
        kind: PromotionFlow
        metadata:
          name: yaml-soak
        spec:
          triggerEnvironment: dev
          steps:
            - environment: qa
              gates:
                - soak: {}
        """;
    JsonObject response = server.graphql(APPLY, Map.of("yaml", yaml));

    assertThat(codeOf(response)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(response).getString("message"))
        .startsWith("spec.steps[0].gates[0] (line 10)")
        .contains("a soak needs a duration");
  }

  @Test
  void gates_in_vendor_yaml_are_refused_as_a_baton_field() {
    String yaml =
        """
        apiVersion: codefresh.io/v1beta1
        kind: PromotionFlow
        metadata:
          name: vendor-gates
        spec:
          triggerEnvironment: dev
          steps:
            - environment: qa
              gates:
                - argocd: {}
        """;
    JsonObject response = server.graphql(APPLY, Map.of("yaml", yaml));

    assertThat(codeOf(response)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(response).getString("message")).contains("baton/v1 field");
  }

  @Test
  void an_environments_gates_and_argocd_server_are_set_read_and_changed() {
    JsonObject created =
        server
            .data(
                CREATE_ENVIRONMENT,
                Map.of(
                    "input",
                    Map.of(
                        "name",
                        "staging",
                        "argocdServer",
                        "https://argocd.example.com",
                        "gates",
                        List.of(Map.of("kind", "APPROVAL", "approverRole", "ADMIN"), ARGOCD))))
            .getJsonObject("createEnvironment");

    assertThat(created.getString("argocdServer")).isEqualTo("https://argocd.example.com");
    assertThat(created.getJsonArray("gates").getJsonObject(0))
        .isEqualTo(
            gate("APPROVAL", "BEFORE")
                .put("approvals", 1)
                .put("approverRole", "ADMIN")
                .put("allowInitiator", true));
    assertThat(
            server.data(READ_ENVIRONMENT, Map.of("name", "staging")).getJsonObject("environment"))
        .isEqualTo(created);

    JsonObject changed =
        server
            .data(
                UPDATE_ENVIRONMENT,
                Map.of("input", Map.of("name", "staging", "gates", List.of(SOAK))))
            .getJsonObject("updateEnvironment");
    assertThat(changed.getString("argocdServer")).isEqualTo("https://argocd.example.com");
    assertThat(changed.getJsonArray("gates")).hasSize(1);
    assertThat(changed.getJsonArray("gates").getJsonObject(0).getString("kind")).isEqualTo("SOAK");

    Map<String, Object> clear = new HashMap<>();
    clear.put("name", "staging");
    clear.put("argocdServer", null);
    JsonObject cleared =
        server.data(UPDATE_ENVIRONMENT, Map.of("input", clear)).getJsonObject("updateEnvironment");
    assertThat(cleared.getValue("argocdServer")).isNull();
    assertThat(cleared.getJsonArray("gates")).hasSize(1);
  }

  @Test
  void an_argocd_server_with_credentials_is_refused_without_showing_them() {
    JsonObject response =
        server.graphql(
            CREATE_ENVIRONMENT,
            Map.of(
                "input",
                Map.of(
                    "name", "leaky", "argocdServer", "https://admin:s3cret@argocd.example.com")));

    assertThat(codeOf(response)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(response).getString("message"))
        .contains("argocdServer")
        .contains("credentials")
        .doesNotContain("s3cret");
    assertThat(server.data(READ_ENVIRONMENT, Map.of("name", "leaky")).getValue("environment"))
        .isNull();
  }

  @Test
  void an_environment_gate_that_is_not_valid_is_refused_naming_the_environment_and_field() {
    JsonObject response =
        server.graphql(
            CREATE_ENVIRONMENT,
            Map.of(
                "input",
                Map.of(
                    "name",
                    "perf",
                    "gates",
                    List.of(ARGOCD, Map.of("kind", "HTTP", "url", "http://x/{{nope}}")))));

    assertThat(codeOf(response)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(response).getString("message"))
        .contains("gates[1]", "environment \"perf\"", "url uses {{nope}}");
  }

  @Test
  void an_applications_argocd_name_defaults_to_its_own_and_can_be_set() {
    server.data("mutation { createProduct(input: {name: \"shop\"}) { name } }");
    String create =
        """
        mutation($input: CreateApplicationInput!) { createApplication(input: $input) { argocdApplication } }""";
    JsonObject plain =
        server.data(
            create,
            Map.of(
                "input",
                Map.of(
                    "name",
                    "shop-qa",
                    "product",
                    "shop",
                    "environment",
                    "qa",
                    "repoUrl",
                    "file:///tmp/x")));
    assertThat(plain.getJsonObject("createApplication").getString("argocdApplication"))
        .isEqualTo("shop-qa");
    JsonObject named =
        server.data(
            create,
            Map.of(
                "input",
                Map.of(
                    "name", "shop-prod",
                    "product", "shop",
                    "environment", "prod",
                    "repoUrl", "file:///tmp/x",
                    "argocdApplication", "argocd/shop-production")));
    assertThat(named.getJsonObject("createApplication").getString("argocdApplication"))
        .isEqualTo("argocd/shop-production");

    String update =
        """
        mutation($input: UpdateApplicationInput!) { updateApplication(input: $input) { argocdApplication } }""";
    assertThat(
            server
                .data(update, Map.of("input", Map.of("name", "shop-prod", "argocdApplication", "")))
                .getJsonObject("updateApplication")
                .getString("argocdApplication"))
        .isEqualTo("shop-prod");
    JsonObject bad =
        server.graphql(
            update, Map.of("input", Map.of("name", "shop-prod", "argocdApplication", "../x")));
    assertThat(codeOf(bad)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(bad).getString("message")).contains("argocdApplication");
  }

  private static JsonObject createFlow(String name, Map<String, Object> gate) {
    return server.graphql(
        CREATE_FLOW,
        Map.of(
            "input",
            Map.of(
                "name",
                name,
                "triggerEnvironment",
                "dev",
                "steps",
                List.of(Map.of("environment", "qa", "gates", List.of(gate))))));
  }

  private static JsonArray gates(JsonObject flow, int step) {
    return flow.getJsonArray("steps").getJsonObject(step).getJsonArray("gates");
  }

  /** A gate as GraphQL answers it: every field, null where the kind has none. */
  private static JsonObject gate(String kind, String when) {
    JsonObject gate = new JsonObject().put("kind", kind).put("when", when);
    for (String field :
        List.of(
            "timeout",
            "interval",
            "method",
            "url",
            "headers",
            "expectStatus",
            "expectJsonPath",
            "expectValue",
            "approvals",
            "approverRole",
            "allowInitiator",
            "duration")) {
      gate.putNull(field);
    }
    return gate;
  }
}
