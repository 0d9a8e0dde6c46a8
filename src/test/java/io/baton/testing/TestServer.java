package io.baton.testing;

import io.baton.Baton;
import io.baton.Config;
import io.baton.db.DatabaseUrl;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Baton on a free port and its own fresh database, with shortcuts to a {@link GraphqlClient}
 * on it (as the administrator unless a token is given). Close it when done.
 */
public final class TestServer implements AutoCloseable {
  public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

  /**
   * Tests keep their repositories in temporary directories, so Baton may read repositories there
   * (BATON_GIT_FILE_ROOTS), unless a test says otherwise.
   */
  public static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));

  private final Baton baton;
  private final DatabaseUrl database;
  private final Path dataDir;
  private final GraphqlClient admin;

  private TestServer(Baton baton, DatabaseUrl database, Path dataDir) {
    this.baton = baton;
    this.database = database;
    this.dataDir = dataDir;
    this.admin = new GraphqlClient(baton.port(), ADMIN_TOKEN);
  }

  public static TestServer start() {
    return start(TestPostgres.newDatabase(), Clock.systemUTC(), false);
  }

  public static TestServer start(DatabaseUrl database, Clock clock, boolean demo) {
    return start(database, clock, demo, Baton.Parts.defaults());
  }

  public static TestServer start(
      DatabaseUrl database, Clock clock, boolean demo, Baton.Parts parts) {
    return start(database, clock, demo, parts, Config.ArgoCd.DEFAULTS);
  }

  /** With the given Argo CD tokens (per server host), as BATON_ARGOCD_TOKENS would give them. */
  public static TestServer start(
      DatabaseUrl database, Clock clock, boolean demo, Baton.Parts parts, Config.ArgoCd argocd) {
    try {
      Path dataDir = Files.createTempDirectory("baton-test");
      Config config =
          new Config(
              0,
              dataDir,
              Optional.of(TestPostgres.urlOf(database)),
              Optional.of(ADMIN_TOKEN),
              demo,
              List.of(),
              Duration.ofSeconds(10),
              Config.Git.DEFAULTS.withFileRoots(List.of(TEMP)),
              Config.Http.DEFAULTS,
              argocd);
      Baton baton =
          Baton.start(config, clock, parts)
              .toCompletionStage()
              .toCompletableFuture()
              .get(120, TimeUnit.SECONDS);
      return new TestServer(baton, database, dataDir);
    } catch (Exception e) {
      throw new IllegalStateException("Baton did not start", e);
    }
  }

  /**
   * A Baton configured the way an operator configures one, through its environment variables:
   * {@code env} is laid over the test's own (port 0, a temporary data directory, a fresh database,
   * the test admin token). A blank BATON_DATABASE_URL means none: the embedded PostgreSQL under the
   * data directory.
   */
  public static TestServer start(Map<String, String> env) {
    return start(env, Baton.Parts.defaults());
  }

  /** Configured through {@code env} as above, with {@code parts} replaced. */
  public static TestServer start(Map<String, String> env, Baton.Parts parts) {
    return start(env, Clock.systemUTC(), parts);
  }

  /** Configured through {@code env} as above, on {@code clock}, with {@code parts} replaced. */
  public static TestServer start(Map<String, String> env, Clock clock, Baton.Parts parts) {
    try {
      Path dataDir =
          env.containsKey("BATON_DATA_DIR")
              ? Path.of(env.get("BATON_DATA_DIR"))
              : Files.createTempDirectory("baton-test");
      DatabaseUrl database =
          env.containsKey("BATON_DATABASE_URL") ? null : TestPostgres.newDatabase();
      Map<String, String> variables =
          new HashMap<>(
              Map.of(
                  "BATON_PORT",
                  "0",
                  "BATON_DATA_DIR",
                  dataDir.toString(),
                  "BATON_ADMIN_TOKEN",
                  ADMIN_TOKEN,
                  "BATON_GIT_TIMEOUT",
                  "PT10S"));
      if (database != null) {
        variables.put("BATON_DATABASE_URL", TestPostgres.urlOf(database));
      }
      variables.put("BATON_GIT_FILE_ROOTS", TEMP.toString());
      variables.putAll(env);
      Config config = Config.fromEnvironment(variables, List.of());
      Baton baton =
          Baton.start(config, clock, parts)
              .toCompletionStage()
              .toCompletableFuture()
              .get(120, TimeUnit.SECONDS);
      return new TestServer(baton, database, dataDir);
    } catch (Exception e) {
      throw new IllegalStateException("Baton did not start", e);
    }
  }

  public Baton baton() {
    return baton;
  }

  public DatabaseUrl database() {
    return database;
  }

  public Path dataDir() {
    return dataDir;
  }

  public int port() {
    return baton.port();
  }

  public URI uri(String path) {
    return URI.create("http://localhost:" + port() + path);
  }

  /** POSTs a GraphQL request as the administrator and returns the whole response body. */
  public JsonObject graphql(String query) {
    return graphql(query, Map.of());
  }

  public JsonObject graphql(String query, Map<String, Object> variables) {
    return admin.response(query, variables);
  }

  public JsonObject graphql(String token, String query, Map<String, Object> variables) {
    return new GraphqlClient(port(), token).response(query, variables);
  }

  public HttpResponse<String> post(String token, String query, Map<String, Object> variables) {
    return new GraphqlClient(port(), token).post(query, variables);
  }

  public HttpResponse<String> send(HttpRequest request) {
    return GraphqlClient.send(request);
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).build());
  }

  /** The data of a response that must have no errors. */
  public JsonObject data(String query) {
    return data(query, Map.of());
  }

  public JsonObject data(String query, Map<String, Object> variables) {
    return admin.data(query, variables);
  }

  /** The first error of a response that must fail. */
  public static JsonObject firstError(JsonObject response) {
    JsonArray errors = response.getJsonArray("errors");
    if (errors == null || errors.isEmpty()) {
      throw new AssertionError("expected an error, got " + response.encode());
    }
    return errors.getJsonObject(0);
  }

  public static String codeOf(JsonObject response) {
    return firstError(response).getJsonObject("extensions").getString("code");
  }

  @Override
  public void close() {
    baton.close();
  }
}
