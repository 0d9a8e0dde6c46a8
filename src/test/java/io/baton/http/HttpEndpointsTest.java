package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The paths besides /graphql that operators and browsers use, none of which needs a token. */
class HttpEndpointsTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String contentType(HttpResponse<String> response) {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  @Test
  void health_answers_200_with_the_database_up() {
    HttpResponse<String> response = server.get("/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(contentType(response)).contains("application/json");
    assertThat(new JsonObject(response.body()).getString("database")).isEqualTo("UP");
  }

  @Test
  void metrics_answer_200_in_the_prometheus_text_format() {
    server.graphql("{ __typename }");

    HttpResponse<String> response = server.get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(contentType(response)).contains("text/plain");
    assertThat(response.body()).contains("# TYPE ").contains("vertx_http_server_requests");
  }

  @Test
  void graphiql_answers_200_with_a_page_whose_script_loads() {
    HttpResponse<String> response = server.get("/graphiql");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(contentType(response)).contains("text/html");
    assertThat(response.body())
        .contains("<title>GraphiQL</title>")
        .contains("\"graphQLUri\":\"/graphql\"");
    Matcher script =
        Pattern.compile("<base href=\"([^\"]+)\"/>.*<script defer=\"defer\" src=\"\\./([^\"]+)\"")
            .matcher(response.body());
    assertThat(script.find()).as(response.body()).isTrue();
    assertThat(server.get(script.group(1) + script.group(2)).statusCode()).isEqualTo(200);
  }

  @Test
  void graphiql_answers_200_with_a_trailing_slash_too() {
    HttpResponse<String> response = server.get("/graphiql/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("<title>GraphiQL</title>");
  }

  @Test
  void the_web_app_answers_200_at_the_root() {
    HttpResponse<String> response = server.get("/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(contentType(response)).contains("text/html");
  }

  @Test
  void the_web_app_page_is_revalidated_on_every_load_and_carries_a_content_security_policy() {
    for (String path : new String[] {"/", "/index.html", "/releases/42"}) {
      HttpResponse<String> response = server.get(path);

      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.body()).as(path).contains("<div id=\"root\">");
      assertThat(response.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
      assertThat(response.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValueSatisfying(
              csp ->
                  assertThat(csp)
                      .contains("frame-ancestors 'none'")
                      .contains("default-src 'self'")
                      .contains("script-src 'self'")
                      .doesNotContain("unsafe-eval"));
    }
  }

  @Test
  void the_web_app_hashed_assets_are_immutable() {
    Matcher asset =
        Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(server.get("/").body());
    assertThat(asset.find()).isTrue();

    HttpResponse<String> response = server.get(asset.group(1));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control"))
        .hasValueSatisfying(cache -> assertThat(cache).contains("immutable").contains("max-age="));
    assertThat(server.get("/assets/no-such-file.js").statusCode()).isEqualTo(404);
  }

  @Test
  void graphiql_carries_a_content_security_policy_that_allows_its_own_inline_config() {
    for (String path : new String[] {"/graphiql", "/graphiql/"}) {
      HttpResponse<String> response = server.get(path);

      assertThat(response.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValueSatisfying(
              csp ->
                  assertThat(csp)
                      .contains("frame-ancestors 'none'")
                      .containsPattern("script-src 'self' 'sha256-[A-Za-z0-9+/=]+'"));
    }
  }

  @Test
  void graphql_without_a_token_answers_401_unauthenticated() {
    HttpResponse<String> response = server.post(null, "{ environments { name } }", Map.of());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(TestServer.codeOf(new JsonObject(response.body()))).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void graphql_with_a_wrong_token_answers_401_unauthenticated() {
    HttpResponse<String> response = server.post("wrong", "{ environments { name } }", Map.of());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(TestServer.codeOf(new JsonObject(response.body()))).isEqualTo("UNAUTHENTICATED");
    assertThat(response.body()).doesNotContain("wrong");
  }

  @Test
  void another_method_on_graphql_answers_405_naming_the_allowed_ones() {
    HttpResponse<String> response =
        server.send(
            HttpRequest.newBuilder(server.uri("/graphql"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody())
                .build());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, POST");
  }
}
