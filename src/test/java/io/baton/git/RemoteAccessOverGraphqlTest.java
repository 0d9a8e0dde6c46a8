package io.baton.git;

import static io.baton.git.GitFixture.await;
import static io.baton.testing.TestServer.codeOf;
import static io.baton.testing.TestServer.firstError;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a repoUrl may make Baton contact, and what a remote's answer may tell a reader: through a
 * real Baton, with a real HTTP server standing in for an internal service.
 */
class RemoteAccessOverGraphqlTest {
  /** What the internal service says: none of it may reach a reader. */
  private static final String SERVICE_BODY =
      "INTERNAL-SERVICE admin panel v1.2 token=abc123\nsecond line\n";

  private static final String PREVIEW =
      "{ promotionPreview(product: \"demo\", sourceEnvironment: \"dev\", targetEnvironment: \"qa\")"
          + " { version } }";

  private Vertx vertx;
  private HttpServer service;
  private final AtomicInteger requests = new AtomicInteger();
  private TestServer server;

  @BeforeEach
  void startTheInternalService() {
    vertx = Vertx.vertx();
    service =
        await(
            vertx
                .createHttpServer()
                .requestHandler(
                    request -> {
                      requests.incrementAndGet();
                      request.response().putHeader("content-type", "text/plain").end(SERVICE_BODY);
                    })
                .listen(0, "127.0.0.1"));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    await(vertx.close());
  }

  private String serviceUrl(String path) {
    return "http://127.0.0.1:" + service.actualPort() + path;
  }

  /** A product "demo" with an application in each environment, at these URLs. */
  private void world(Map<String, String> urlByEnvironment) {
    server.data("mutation { createProduct(input: {name: \"demo\"}) { name } }");
    urlByEnvironment.forEach(
        (env, url) -> {
          server.data(
              "mutation($n: String!) { createEnvironment(input: {name: $n}) { name } }",
              Map.of("n", env));
          server.data(
              """
              mutation($n: String!, $e: String!, $u: String!) {
                createApplication(input: {name: $n, product: "demo", environment: $e, repoUrl: $u}) { name }
              }""",
              Map.of("n", "demo-" + env, "e", env, "u", url));
        });
  }

  @Test
  void an_error_about_a_remote_says_what_failed_without_its_answer() {
    server = TestServer.start();
    world(Map.of("dev", serviceUrl("/a.git"), "qa", serviceUrl("/b.git")));

    JsonObject response = server.graphql(PREVIEW);

    assertThat(requests.get()).isPositive();
    assertThat(firstError(response).getString("message"))
        .isEqualTo(
            "fetching "
                + serviceUrl("/a.git")
                + " failed: the remote did not answer as a Git server");
    assertThat(response.encode())
        .doesNotContain("INTERNAL-SERVICE")
        .doesNotContain("admin panel")
        .doesNotContain("abc123");
  }

  @Test
  void ninety_nine_aliased_previews_fetch_each_remote_once() {
    server = TestServer.start();
    world(Map.of("dev", serviceUrl("/a.git"), "qa", serviceUrl("/b.git")));
    String query =
        IntStream.range(0, 99)
            .mapToObj(
                i ->
                    "p"
                        + i
                        + ": promotionPreview(product: \"demo\", sourceEnvironment: \"dev\","
                        + " targetEnvironment: \"qa\") { version }")
            .collect(Collectors.joining(" ", "{ ", " }"));

    JsonObject response = server.graphql(query);

    assertThat(response.getJsonArray("errors")).hasSize(99);
    assertThat(requests.get()).isBetween(1, RemoteReads.MAX_REMOTES);
  }

  @Test
  void one_request_reads_at_most_four_remotes() {
    server = TestServer.start();
    world(
        Map.of(
            "e1", serviceUrl("/r1.git"),
            "e2", serviceUrl("/r2.git"),
            "e3", serviceUrl("/r3.git"),
            "e4", serviceUrl("/r4.git"),
            "e5", serviceUrl("/r5.git"),
            "e6", serviceUrl("/r6.git")));
    String query =
        List.of("e1:e2", "e3:e4", "e5:e6").stream()
            .map(
                pair ->
                    pair.replace(":", "_")
                        + ": promotionPreview(product: \"demo\", sourceEnvironment: \""
                        + pair.split(":")[0]
                        + "\", targetEnvironment: \""
                        + pair.split(":")[1]
                        + "\") { version }")
            .collect(Collectors.joining(" ", "{ ", " }"));

    JsonArray errors = server.graphql(query).getJsonArray("errors");

    List<JsonObject> tooMany =
        errors.stream()
            .map(JsonObject.class::cast)
            .filter(e -> e.getJsonObject("extensions").getString("code").equals("BAD_USER_INPUT"))
            .toList();
    assertThat(tooMany).hasSize(1);
    assertThat(tooMany.get(0).getString("message"))
        .contains("too many remote reads in one request");
    assertThat(requests.get()).isLessThanOrEqualTo(RemoteReads.MAX_REMOTES);
  }

  @Test
  void the_cloud_metadata_address_is_never_contacted() {
    server = TestServer.start();
    world(Map.of("dev", "http://169.254.169.254/latest/x.git", "qa", serviceUrl("/b.git")));
    long start = System.nanoTime();

    JsonObject response = server.graphql(PREVIEW);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(codeOf(response)).isEqualTo("CONFLICT");
    assertThat(firstError(response).getString("message"))
        .isEqualTo(
            "http://169.254.169.254/latest/x.git resolves to 169.254.169.254, a link-local (cloud"
                + " metadata) address that Baton never contacts");
  }

  @Test
  void a_file_remote_outside_the_data_directory_and_the_file_roots_is_refused() throws IOException {
    Path allowed = Files.createTempDirectory("allowed-repos");
    Path elsewhere = Files.createTempDirectory("other-repos");
    server = TestServer.start(Map.of("BATON_GIT_FILE_ROOTS", allowed.toString()));
    Map<String, String> demo = DemoRepositories.create(server.dataDir());
    Path outside = new GitFixture(elsewhere).bare("secret", Map.of("values.yaml", "a: 1\n"));
    Path link = server.dataDir().resolve("link-to-elsewhere.git");
    Files.createSymbolicLink(link, outside);
    world(Map.of("dev", GitFixture.url(outside), "qa", demo.get("qa")));

    JsonObject byUrl = server.graphql(PREVIEW);
    server.data(
        "mutation($u: String!) { updateApplication(input: {name: \"demo-dev\", repoUrl: $u}) { name } }",
        Map.of(
            "u", server.dataDir().resolve("..").resolve(elsewhere.getFileName()) + "/secret.git"));
    JsonObject byDots = server.graphql(PREVIEW);
    server.data(
        "mutation($u: String!) { updateApplication(input: {name: \"demo-dev\", repoUrl: $u}) { name } }",
        Map.of("u", GitFixture.url(link)));
    JsonObject byLink = server.graphql(PREVIEW);

    for (JsonObject response : List.of(byUrl, byDots, byLink)) {
      assertThat(codeOf(response)).isEqualTo("CONFLICT");
      assertThat(firstError(response).getString("message"))
          .endsWith(
              " is outside the directories Baton may read repositories from (its data directory"
                  + " and BATON_GIT_FILE_ROOTS)");
    }
  }

  @Test
  void repositories_under_the_data_directory_and_the_file_roots_are_read() throws IOException {
    Path allowed = Files.createTempDirectory("allowed-repos");
    server = TestServer.start(Map.of("BATON_GIT_FILE_ROOTS", "/nonexistent:" + allowed));
    Map<String, String> demo = DemoRepositories.create(server.dataDir());
    Path qa = new GitFixture(allowed).bare("qa", Map.of("values.yaml", "image:\n  tag: \"0.9\"\n"));
    world(Map.of("dev", demo.get("dev"), "qa", GitFixture.url(qa)));

    JsonObject response = server.graphql(PREVIEW);

    assertThat(response.getJsonArray("errors")).isNull();
  }
}
