package io.baton.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.Baton;
import io.baton.db.DatabaseUrl;
import io.baton.testing.Poll;
import io.baton.testing.TestPostgres;
import io.baton.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Product.releases} for a list of products, as the dashboard asks for it: the right releases
 * for each product, read in one statement for all of them. Statements are counted by PostgreSQL
 * itself (pg_stat_statements), on a PostgreSQL of this test's own that loads it.
 */
class ProductReleasesTest {
  private static final int PRODUCTS = 5;
  private static final String FLOW = "to-qa";

  /** The web app's dashboard query, releases and all. */
  private static final String DASHBOARD =
      """
      query Dashboard {
        environments { id name kind position }
        products {
          id name
          applications { id name repoUrl environment { id name } }
          releases(first: 20) {
            nodes { id createdAt status promotionFlowName steps { environment { id name } status version } }
          }
        }
      }""";

  private static EmbeddedPostgres postgres;
  private static TestServer server;

  /** Each product's releases, newest first, as the top-level releases list gives them. */
  private static final Map<String, List<String>> releasesOf = new LinkedHashMap<>();

  @BeforeAll
  static void productsWithReleases() throws Exception {
    postgres =
        EmbeddedPostgres.builder()
            .setServerConfig("shared_preload_libraries", "pg_stat_statements")
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .start();
    try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE baton_product_releases");
    }
    ScriptedAction action = new ScriptedAction();
    server =
        TestServer.start(
            new DatabaseUrl(
                "localhost", postgres.getPort(), "baton_product_releases", "postgres", "postgres"),
            Clock.systemUTC(),
            false,
            new Baton.Parts(action, action, ReleaseEngineTest.FAST));
    execute("CREATE SCHEMA stats; CREATE EXTENSION pg_stat_statements SCHEMA stats");

    server.data("mutation { createEnvironment(input: {name: \"dev\", position: 1}) { name } }");
    server.data("mutation { createEnvironment(input: {name: \"qa\", position: 2}) { name } }");
    server.data(
        """
        mutation { createPromotionFlow(input: {name: "to-qa", triggerEnvironment: "dev",
          steps: [{environment: "qa"}]}) { name } }""");
    // Product i has i releases: none, one, and more than a page of two.
    for (int i = 0; i < PRODUCTS; i++) {
      String product = "p" + i;
      server.data(
          "mutation($n: String!) { createProduct(input: {name: $n}) { name } }",
          Map.of("n", product));
      for (String env : List.of("dev", "qa")) {
        server.data(
            """
            mutation($n: String!, $p: String!, $e: String!) {
              createApplication(input: {name: $n, product: $p, environment: $e,
                                        repoUrl: "file:///srv/git/demo.git", path: $e}) { name } }""",
            Map.of("n", product + "-" + env, "p", product, "e", env));
      }
      for (int r = 0; r < i; r++) {
        server.data(
            "mutation($p: String!) { triggerPromotionFlow(input: {flow: \""
                + FLOW
                + "\", product: $p}) { id } }",
            Map.of("p", product));
      }
    }
    for (int i = 0; i < PRODUCTS; i++) {
      String product = "p" + i;
      JsonArray nodes =
          Poll.until(
              () ->
                  server
                      .data(
                          "query($p: String!) { releases(product: $p, first: 100) { nodes { id status } } }",
                          Map.of("p", product))
                      .getJsonObject("releases")
                      .getJsonArray("nodes"),
              list -> list.stream().allMatch(r -> "SUCCEEDED".equals(status(r))),
              Duration.ofSeconds(20),
              "the releases of " + product + " to succeed");
      releasesOf.put(product, ids(nodes));
    }
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
    postgres.close();
  }

  @Test
  void the_dashboard_reads_the_releases_of_all_its_products_in_one_statement() {
    execute("SELECT stats.pg_stat_statements_reset()");

    // The webhook deliverer's claim, which runs every second in the background, joins release too;
    // it is not the dashboard's.
    JsonObject data = server.data(DASHBOARD);

    List<List<String>> statements =
        sql(
            """
            SELECT s.calls::text, s.query FROM stats.pg_stat_statements s
            JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = current_database() AND s.query LIKE '%FROM release r%'
              AND s.query NOT LIKE '%webhook_delivery%'""");
    assertThat(statements.stream().mapToInt(row -> Integer.parseInt(row.get(0))).sum())
        .as("statements reading releases: %s", statements)
        .isEqualTo(1);
    for (Object each : data.getJsonArray("products")) {
      JsonObject product = (JsonObject) each;
      assertThat(ids(product.getJsonObject("releases").getJsonArray("nodes")))
          .as("releases of " + product.getString("name"))
          .isEqualTo(releasesOf.get(product.getString("name")));
    }
  }

  @Test
  void each_product_gets_its_own_newest_releases_up_to_first_with_its_own_page_info() {
    JsonArray products =
        server
            .data(
                """
                { products { name
                    two: releases(first: 2) { nodes { id } pageInfo { hasNextPage endCursor } }
                    one: releases(first: 1) { nodes { id } pageInfo { hasNextPage } } } }""")
            .getJsonArray("products");

    assertThat(products).hasSize(PRODUCTS);
    for (Object each : products) {
      JsonObject product = (JsonObject) each;
      List<String> all = releasesOf.get(product.getString("name"));
      JsonObject two = product.getJsonObject("two");
      assertThat(ids(two.getJsonArray("nodes"))).isEqualTo(all.subList(0, Math.min(2, all.size())));
      assertThat(two.getJsonObject("pageInfo").getBoolean("hasNextPage")).isEqualTo(all.size() > 2);
      JsonObject one = product.getJsonObject("one");
      assertThat(ids(one.getJsonArray("nodes"))).isEqualTo(all.subList(0, Math.min(1, all.size())));
      assertThat(one.getJsonObject("pageInfo").getBoolean("hasNextPage")).isEqualTo(all.size() > 1);
    }
  }

  @Test
  void the_next_page_of_a_products_releases_starts_after_the_cursor() {
    String product = "p" + (PRODUCTS - 1);
    String query =
        """
        query($p: String!, $after: String) { product(name: $p) {
          releases(first: 2, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } } }""";
    JsonObject first =
        server.data(query, Map.of("p", product)).getJsonObject("product").getJsonObject("releases");
    Map<String, Object> next = new LinkedHashMap<>();
    next.put("p", product);
    next.put("after", first.getJsonObject("pageInfo").getString("endCursor"));
    JsonObject second = server.data(query, next).getJsonObject("product").getJsonObject("releases");

    assertThat(ids(second.getJsonArray("nodes"))).isEqualTo(releasesOf.get(product).subList(2, 4));
  }

  private static String status(Object release) {
    return ((JsonObject) release).getString("status");
  }

  private static List<String> ids(JsonArray releases) {
    return releases.stream().map(r -> ((JsonObject) r).getString("id")).toList();
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(
        TestPostgres.inBatonSchema(postgres.getJdbcUrl("postgres", "baton_product_releases")));
  }

  private static void execute(String statement) {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<List<String>> sql(String query) {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(query)) {
      List<List<String>> result = new ArrayList<>();
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rows.getString(i));
        }
        result.add(row);
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
