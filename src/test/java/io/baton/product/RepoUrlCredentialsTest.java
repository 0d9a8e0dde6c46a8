package io.baton.product;

import static io.baton.testing.TestServer.codeOf;
import static io.baton.testing.TestServer.firstError;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.db.DatabaseUrl;
import io.baton.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Credentials in a repoUrl never leave the server: refused on the way in, and taken out of any URL
 * stored before that (in the API and the audit log).
 */
class RepoUrlCredentialsTest {
  private static final String SECRET = "ghp_s3cr3tT0k3n";
  private static final String CREATE_APP =
      """
      mutation($n: String!, $u: String!) {
        createApplication(input: {name: $n, product: "demo", environment: "dev", repoUrl: $u}) { name repoUrl }
      }""";
  private static final String UPDATE_APP =
      """
      mutation($n: String!, $u: String!) {
        updateApplication(input: {name: $n, repoUrl: $u}) { name repoUrl }
      }""";

  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start();
    server.data("mutation { createEnvironment(input: {name: \"dev\"}) { name } }");
    server.data("mutation { createProduct(input: {name: \"demo\"}) { name } }");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://deploy:" + SECRET + "@git.example.com/acme/gitops.git",
        "https://" + SECRET + "@github.com/acme/gitops.git",
        "http://deploy:" + SECRET + "@10.0.0.5/gitops.git"
      })
  void an_https_url_with_credentials_is_refused_pointing_to_baton_git_tokens(String url) {
    JsonObject created = server.graphql(CREATE_APP, Map.of("n", "demo-dev", "u", url));

    assertThat(codeOf(created)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(created).getString("message"))
        .contains("must not carry credentials")
        .contains("BATON_GIT_TOKENS")
        .doesNotContain(SECRET);
    assertThat(auditLog()).doesNotContain(SECRET);
  }

  @Test
  void an_update_to_a_url_with_a_password_is_refused_too() {
    server.data(CREATE_APP, Map.of("n", "demo-dev", "u", "https://git.example.com/acme/x.git"));

    JsonObject https =
        server.graphql(
            UPDATE_APP,
            Map.of("n", "demo-dev", "u", "https://deploy:" + SECRET + "@git.example.com/x.git"));
    JsonObject ssh =
        server.graphql(
            UPDATE_APP, Map.of("n", "demo-dev", "u", "ssh://git:" + SECRET + "@example.com/x.git"));

    assertThat(codeOf(https)).isEqualTo("BAD_USER_INPUT");
    assertThat(codeOf(ssh)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(ssh).getString("message"))
        .isEqualTo(
            "repoUrl \"ssh://git@example.com/x.git\" must not carry a password: Baton signs in to"
                + " ssh remotes with the key in BATON_GIT_SSH_KEY");
    assertThat(https.encode() + ssh.encode() + auditLog()).doesNotContain(SECRET);
  }

  @ParameterizedTest
  @ValueSource(strings = {"git@github.com:acme/gitops.git", "ssh://git@example.com/acme/x.git"})
  void a_user_name_alone_is_kept_for_ssh(String url) {
    JsonObject app =
        server
            .data(CREATE_APP, Map.of("n", "demo-dev", "u", url))
            .getJsonObject("createApplication");

    assertThat(app.getString("repoUrl")).isEqualTo(url);
  }

  @Test
  void a_url_stored_with_credentials_before_is_shown_without_them() throws SQLException {
    server.data(CREATE_APP, Map.of("n", "demo-dev", "u", "https://git.example.com/acme/x.git"));
    storeRepoUrl("demo-dev", "https://deploy:" + SECRET + "@git.example.com/acme/x.git");

    JsonObject response =
        server.data(
            "{ applications { repoUrl } application(name: \"demo-dev\") { repoUrl }"
                + " products { applications { repoUrl } } }");

    assertThat(response.encode()).doesNotContain(SECRET).doesNotContain("deploy");
    assertThat(response.getJsonObject("application").getString("repoUrl"))
        .isEqualTo("https://git.example.com/acme/x.git");
  }

  private String auditLog() {
    return server.data("{ auditLog(first: 100) { nodes { operation input } } }").encode();
  }

  /** As an older Baton, which took any URL, would have stored it. */
  private void storeRepoUrl(String application, String url) throws SQLException {
    DatabaseUrl db = server.database();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        PreparedStatement update =
            c.prepareStatement("UPDATE application SET repo_url = ? WHERE name = ?")) {
      update.setString(1, url);
      update.setString(2, application);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }
}
