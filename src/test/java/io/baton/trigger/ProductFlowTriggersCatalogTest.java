package io.baton.trigger;

import static io.baton.testing.TestServer.codeOf;
import static io.baton.testing.TestServer.firstError;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.QuickStartCatalog;
import io.baton.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A product's automatic flows and their selectors, and pausing them, through GraphQL. */
class ProductFlowTriggersCatalogTest {
  private static TestServer server;

  private static final String READ =
      """
      query($p: String!) { product(name: $p) { autoTriggerPaused autoTriggerPauseReason
        promotionFlows { flow { name } gitTriggerSelectors { key operator values } } } }""";

  @BeforeAll
  static void catalog() {
    server = TestServer.start();
    QuickStartCatalog.create(server::data);
    QuickStartCatalog.createFlow(server::data, "PT1H");
    server.data(
        """
        mutation { createPromotionFlow(input: {name: "hotfix", triggerEnvironment: "dev",
          steps: [{environment: "prod"}]}) { name } }""");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void a_product_is_created_with_its_automatic_flows_in_order_and_reads_them_back() {
    server.data(
        """
        mutation { createProduct(input: {name: "auto-one", promotionFlows: [
          {flow: "hotfix", gitTriggerSelectors: [{key: COMMIT_MESSAGE, operator: IN, values: ["hotfix*"]}]},
          {flow: "multi-env-sequential-promotion"}]}) { name } }""");

    JsonObject product = server.data(READ, Map.of("p", "auto-one")).getJsonObject("product");

    assertThat(product.getBoolean("autoTriggerPaused")).isFalse();
    JsonArray flows = product.getJsonArray("promotionFlows");
    assertThat(flows).hasSize(2);
    assertThat(flows.getJsonObject(0).getJsonObject("flow").getString("name")).isEqualTo("hotfix");
    assertThat(flows.getJsonObject(0).getJsonArray("gitTriggerSelectors").getJsonObject(0))
        .isEqualTo(
            new JsonObject()
                .put("key", "COMMIT_MESSAGE")
                .put("operator", "IN")
                .put("values", new JsonArray().add("hotfix*")));
    assertThat(flows.getJsonObject(1).getJsonObject("flow").getString("name"))
        .isEqualTo("multi-env-sequential-promotion");
    assertThat(flows.getJsonObject(1).getJsonArray("gitTriggerSelectors")).isEmpty();
  }

  @Test
  void update_replaces_the_flows_when_given_keeps_them_when_omitted_and_clears_them_with_empty() {
    server.data(
        """
        mutation { createProduct(input: {name: "auto-two", promotionFlows: [
          {flow: "multi-env-sequential-promotion"}]}) { name } }""");

    server.data(
        "mutation { updateProduct(input: {name: \"auto-two\", concurrency: TERMINATE}) { name } }");
    assertThat(flowNames("auto-two")).containsExactly("multi-env-sequential-promotion");

    server.data(
        """
        mutation { updateProduct(input: {name: "auto-two", promotionFlows: [
          {flow: "hotfix", gitTriggerSelectors: [{key: GIT_REVISION, operator: NOT_IN, values: ["0000*"]}]},
          {flow: "multi-env-sequential-promotion"}]}) { name } }""");
    assertThat(flowNames("auto-two")).containsExactly("hotfix", "multi-env-sequential-promotion");

    server.data(
        "mutation { updateProduct(input: {name: \"auto-two\", promotionFlows: []}) { name } }");
    assertThat(flowNames("auto-two")).isEmpty();
  }

  @Test
  void an_unknown_flow_a_flow_listed_twice_and_a_selector_without_values_are_refused_by_field() {
    JsonObject unknown =
        server.graphql(
            """
            mutation { createProduct(input: {name: "auto-bad", promotionFlows: [
              {flow: "hotfix"}, {flow: "no-such-flow"}]}) { name } }""");
    assertThat(codeOf(unknown)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(unknown).getString("message"))
        .contains("promotionFlows[1].flow")
        .contains("no-such-flow");
    assertThat(server.data("{ product(name: \"auto-bad\") { name } }").getValue("product"))
        .as("nothing of the refused product is left")
        .isNull();

    JsonObject twice =
        server.graphql(
            """
            mutation { createProduct(input: {name: "auto-bad", promotionFlows: [
              {flow: "hotfix"}, {flow: "hotfix"}]}) { name } }""");
    assertThat(firstError(twice).getString("message")).contains("promotionFlows[1].flow");

    JsonObject empty =
        server.graphql(
            """
            mutation { createProduct(input: {name: "auto-bad", promotionFlows: [
              {flow: "hotfix", gitTriggerSelectors: [{key: COMMIT_MESSAGE, operator: IN, values: []}]}]}) { name } }""");
    assertThat(codeOf(empty)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(empty).getString("message"))
        .contains("promotionFlows[0].gitTriggerSelectors[0].values");
  }

  @Test
  void deleting_a_flow_drops_it_from_the_products_that_ran_it() {
    server.data(
        """
        mutation { createPromotionFlow(input: {name: "short-lived", triggerEnvironment: "dev",
          steps: [{environment: "qa"}]}) { name } }""");
    server.data(
        """
        mutation { createProduct(input: {name: "auto-three", promotionFlows: [
          {flow: "short-lived"}, {flow: "hotfix"}]}) { name } }""");

    server.data("mutation { deletePromotionFlow(name: \"short-lived\") { name } }");

    assertThat(flowNames("auto-three")).containsExactly("hotfix");
  }

  @Test
  void an_administrator_pauses_and_resumes_a_product_audited_and_a_promoter_may_not() {
    String promoter =
        server
            .data(
                "mutation { createApiToken(input: {name: \"pauser\", role: PROMOTER}) { token } }")
            .getJsonObject("createApiToken")
            .getString("token");
    JsonObject refused =
        server.graphql(
            promoter,
            "mutation { pauseAutoTrigger(product: \"demo-trioapp\") { name } }",
            Map.of());
    assertThat(codeOf(refused)).isEqualTo("FORBIDDEN");

    JsonObject paused =
        server
            .data(
                "mutation { pauseAutoTrigger(product: \"demo-trioapp\", reason: \"freeze\") {"
                    + " autoTriggerPaused autoTriggerPauseReason } }")
            .getJsonObject("pauseAutoTrigger");
    assertThat(paused.getBoolean("autoTriggerPaused")).isTrue();
    assertThat(paused.getString("autoTriggerPauseReason")).isEqualTo("freeze");

    JsonObject resumed =
        server
            .data(
                "mutation { resumeAutoTrigger(product: \"demo-trioapp\") {"
                    + " autoTriggerPaused autoTriggerPauseReason } }")
            .getJsonObject("resumeAutoTrigger");
    assertThat(resumed.getBoolean("autoTriggerPaused")).isFalse();
    assertThat(resumed.getValue("autoTriggerPauseReason")).isNull();

    JsonArray audit =
        server
            .data("{ auditLog(first: 10) { nodes { operation } } }")
            .getJsonObject("auditLog")
            .getJsonArray("nodes");
    assertThat(audit.stream().map(e -> ((JsonObject) e).getString("operation")))
        .contains("pauseAutoTrigger", "resumeAutoTrigger");

    JsonObject missing =
        server.graphql("mutation { pauseAutoTrigger(product: \"no-such\") { name } }");
    assertThat(codeOf(missing)).isEqualTo("NOT_FOUND");
  }

  private static List<String> flowNames(String product) {
    return server
        .data(READ, Map.of("p", product))
        .getJsonObject("product")
        .getJsonArray("promotionFlows")
        .stream()
        .map(f -> ((JsonObject) f).getJsonObject("flow").getString("name"))
        .toList();
  }
}
