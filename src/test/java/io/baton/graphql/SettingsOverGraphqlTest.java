package io.baton.graphql;

import static io.baton.testing.TestServer.codeOf;
import static io.baton.testing.TestServer.firstError;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.baton.git.DemoRepositories;
import io.baton.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the web app's settings pages ask beyond the catalog's mutations, through a real Baton on
 * real Git repositories over file://: an application's check, a template's preview, the
 * environments' order, the audit log's filters, and errors that name their field.
 */
class SettingsOverGraphqlTest {
  private static final String CHECK =
      """
      query($u: String!, $b: String, $p: String, $product: String) {
        checkApplication(input: {repoUrl: $u, branch: $b, path: $p, product: $product}) {
          ok commit version problem error
        }
      }""";

  private TestServer server;
  private Map<String, String> urls;

  @BeforeEach
  void createTheQuickStartWorld() {
    server = TestServer.start();
    urls = DemoRepositories.create(server.dataDir());
    String env = "mutation($n: String!) { createEnvironment(input: {name: $n}) { name } }";
    List.of("dev", "qa", "prod").forEach(name -> server.data(env, Map.of("n", name)));
    server.data(
        """
        mutation { createProduct(input: {name: "demo-trioapp", promotionTemplate: {
          versionSource: {file: "values.yaml", jsonPath: "$.image.tag"},
          promotion: [{file: "values.yaml", jsonPaths: ["$.image.tag"]}]}}) { name } }""");
    String app =
        """
        mutation($n: String!, $e: String!, $u: String!) {
          createApplication(input: {name: $n, product: "demo-trioapp", environment: $e, repoUrl: $u}) { name }
        }""";
    urls.forEach(
        (name, url) -> server.data(app, Map.of("n", "demo-trioapp-" + name, "e", name, "u", url)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonObject check(Map<String, Object> variables) {
    return server.data(CHECK, variables).getJsonObject("checkApplication");
  }

  @Test
  void a_check_reads_the_version_the_product_finds_at_the_head_of_the_branch() {
    JsonObject check = check(Map.of("u", urls.get("dev"), "product", "demo-trioapp"));

    assertThat(check.getBoolean("ok")).isTrue();
    assertThat(check.getString("version")).isEqualTo(DemoRepositories.DEV_TAG);
    assertThat(check.getString("commit")).hasSize(40);
    assertThat(check.getString("error")).isNull();
  }

  @Test
  void a_check_names_a_missing_branch_a_missing_path_and_a_missing_version() {
    JsonObject branch = check(Map.of("u", urls.get("dev"), "b", "release"));
    assertThat(branch.getBoolean("ok")).isFalse();
    assertThat(branch.getString("problem")).isEqualTo("BRANCH");
    assertThat(branch.getString("error")).startsWith("branch \"release\" does not exist in ");

    JsonObject path = check(Map.of("u", urls.get("dev"), "p", "apps/shop"));
    assertThat(path.getString("problem")).isEqualTo("PATH");
    assertThat(path.getString("error"))
        .isEqualTo("path \"apps/shop\" does not exist on branch \"main\" (or holds no files)");

    server.data(
        """
        mutation { updateProduct(input: {name: "demo-trioapp", promotionTemplate: {
          versionSource: {file: "values.yaml", jsonPath: "$.image.digest"}}}) { name } }""");
    JsonObject version = check(Map.of("u", urls.get("dev"), "product", "demo-trioapp"));
    assertThat(version.getString("problem")).isEqualTo("VERSION");
    assertThat(version.getString("error"))
        .startsWith("no version at $.image.digest in values.yaml");
  }

  @Test
  void a_check_tells_an_unknown_host_a_missing_repository_and_a_refused_sign_in_apart() {
    JsonObject host = check(Map.of("u", "https://no-such-host.invalid/shop.git"));
    assertThat(host.getString("problem")).isEqualTo("UNKNOWN_HOST");
    assertThat(host.getString("error")).startsWith("unknown host: ");

    String missing = "file://" + server.dataDir().resolve("no-such-repo.git");
    JsonObject repository = check(Map.of("u", missing));
    assertThat(repository.getString("problem")).isEqualTo("REPOSITORY");
    assertThat(repository.getString("error")).startsWith("repository not found: ");

    HttpServer refusing = refusingGitServer();
    try {
      String url = "http://127.0.0.1:" + refusing.getAddress().getPort() + "/shop.git";
      JsonObject auth = check(Map.of("u", url));
      assertThat(auth.getString("problem")).isEqualTo("AUTHENTICATION");
      assertThat(auth.getString("error")).startsWith("authentication failed: ");
    } finally {
      refusing.stop(0);
    }
  }

  @Test
  void a_check_refuses_what_an_application_may_not_be_before_reading_anything() {
    JsonObject outside = check(Map.of("u", "file:///etc/shop.git"));
    assertThat(outside.getString("problem")).isEqualTo("NOT_ALLOWED");
    assertThat(outside.getString("error")).contains("is outside the directories Baton may read");

    JsonObject credentials =
        server.graphql(CHECK, Map.of("u", "https://me:pw@git.example.com/shop.git"));
    assertThat(codeOf(credentials)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(credentials).getJsonObject("extensions").getString("field"))
        .isEqualTo("repoUrl");
  }

  /** A Git smart-HTTP server that asks every request to sign in, and takes no credentials. */
  private static HttpServer refusingGitServer() {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      http.createContext(
          "/",
          exchange -> {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
          });
      http.start();
      return http;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void a_check_is_for_administrators_only() {
    String secret =
        server
            .data("mutation { createApiToken(input: {name: \"ci\", role: PROMOTER}) { token } }")
            .getJsonObject("createApiToken")
            .getString("token");
    JsonObject response = server.graphql(secret, CHECK, Map.of("u", urls.get("dev")));
    assertThat(codeOf(response)).isEqualTo("FORBIDDEN");
  }

  @Test
  void a_template_preview_reads_the_version_and_each_value_in_every_application() {
    JsonArray previews =
        server
            .data(
                """
                query { promotionTemplatePreview(product: "demo-trioapp", promotionTemplate: {
                  versionSource: {file: "values.yaml", jsonPath: "$.image.tag"},
                  promotion: [{file: "*.yaml", jsonPaths: ["$.image.tag", "$.nothing"]}]}) {
                    application { name environment { name } } version values { file jsonPath value } error
                } }""")
            .getJsonArray("promotionTemplatePreview");

    assertThat(previews).hasSize(3);
    JsonObject dev = previews.getJsonObject(0);
    assertThat(dev.getJsonObject("application").getString("name")).isEqualTo("demo-trioapp-dev");
    assertThat(dev.getString("version")).isEqualTo(DemoRepositories.DEV_TAG);
    assertThat(dev.getJsonArray("values").getList())
        .contains(
            Map.of("file", "values.yaml", "jsonPath", "$.image.tag", "value", "1.1.0"),
            new JsonObject()
                .put("file", "values.yaml")
                .put("jsonPath", "$.nothing")
                .putNull("value")
                .getMap());
    assertThat(previews.getJsonObject(2).getString("version"))
        .isEqualTo(DemoRepositories.RELEASED_TAG);

    JsonObject bad =
        server.graphql(
            """
            query { promotionTemplatePreview(product: "demo-trioapp", promotionTemplate: {
              versionSource: {file: "values.yaml", jsonPath: "image.tag"}}) { version } }""");
    assertThat(codeOf(bad)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(bad).getJsonObject("extensions").getString("field"))
        .isEqualTo("promotionTemplate.versionSource.jsonPath");
  }

  @Test
  void environments_are_reordered_in_one_change_naming_each_once() {
    JsonArray order =
        server
            .data(
                "mutation { reorderEnvironments(names: [\"prod\", \"dev\", \"qa\"]) { name position } }")
            .getJsonArray("reorderEnvironments");
    assertThat(order.stream().map(e -> ((JsonObject) e).getString("name")))
        .containsExactly("prod", "dev", "qa");
    assertThat(order.getJsonObject(2).getInteger("position")).isEqualTo(2);

    JsonObject refused =
        server.graphql("mutation { reorderEnvironments(names: [\"dev\", \"qa\"]) { name } }");
    assertThat(codeOf(refused)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(refused).getString("message"))
        .isEqualTo("name every environment once, in its new order: dev, prod, qa (given: dev, qa)");
  }

  @Test
  void refusals_name_the_field_they_are_about() {
    JsonObject name =
        server.graphql("mutation { createEnvironment(input: {name: \"Dev!\"}) { name } }");
    assertThat(firstError(name).getJsonObject("extensions").getMap())
        .containsEntry("code", "BAD_USER_INPUT")
        .containsEntry("field", "name");

    JsonObject taken =
        server.graphql("mutation { createEnvironment(input: {name: \"dev\"}) { name } }");
    assertThat(firstError(taken).getJsonObject("extensions").getMap())
        .containsEntry("code", "CONFLICT")
        .containsEntry("field", "name");

    JsonObject repo =
        server.graphql(
            """
            mutation { createApplication(input: {name: "x", product: "demo-trioapp",
              environment: "dev", repoUrl: "https://me:pw@git.example.com/x.git"}) { name } }""");
    assertThat(firstError(repo).getJsonObject("extensions").getString("field"))
        .isEqualTo("repoUrl");

    JsonObject inUse =
        server.graphql(
            """
            mutation { createApplication(input: {name: "x", product: "demo-trioapp",
              environment: "dev", repoUrl: "https://git.example.com/x.git"}) { name } }""");
    assertThat(firstError(inUse).getJsonObject("extensions").getMap())
        .containsEntry("code", "CONFLICT")
        .containsEntry("field", "environment");
  }

  @Test
  void the_audit_log_is_filtered_by_person_operation_and_time() {
    Instant before = Instant.now().minusSeconds(3600);
    JsonObject page =
        server.data(
            """
                query($a: String, $o: String, $s: DateTime) {
                  auditLog(actor: $a, operation: $o, since: $s) { nodes { actor operation } }
                  auditActors auditOperations
                }""",
            Map.of("a", "admin", "o", "createEnvironment", "s", before.toString()));
    assertThat(page.getJsonObject("auditLog").getJsonArray("nodes")).hasSize(3);
    assertThat(page.getJsonArray("auditActors").getList()).containsExactly("admin");
    assertThat(page.getJsonArray("auditOperations").getList())
        .containsExactly("createApplication", "createEnvironment", "createProduct");

    JsonObject none =
        server.data(
            "query($u: DateTime) { auditLog(until: $u) { nodes { id } } }",
            Map.of("u", before.toString()));
    assertThat(none.getJsonObject("auditLog").getJsonArray("nodes")).isEmpty();
    JsonObject nobody = server.data("{ auditLog(actor: \"nobody\") { nodes { id } } }");
    assertThat(nobody.getJsonObject("auditLog").getJsonArray("nodes")).isEmpty();
  }
}
