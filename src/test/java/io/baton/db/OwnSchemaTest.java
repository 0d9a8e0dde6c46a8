package io.baton.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.QuickStartCatalog;
import io.baton.testing.ReleasedWorld;
import io.baton.testing.TestPostgres;
import io.baton.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Baton keeps its tables in the schema {@code baton}: it shares a database with other tables, and a
 * database laid out by Baton before that (everything in {@code public}) is moved in place.
 */
class OwnSchemaTest {

  @Test
  void baton_starts_and_works_on_a_database_whose_public_schema_holds_other_tables()
      throws Exception {
    DatabaseUrl url = TestPostgres.newDatabase();
    try (Connection c = plain(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE invoice (id bigint PRIMARY KEY, amount numeric NOT NULL)");
      s.execute("INSERT INTO invoice VALUES (1, 12.50), (2, 99.00)");
      // Named as one of Baton's tables, shaped otherwise.
      s.execute("CREATE TABLE product (sku text PRIMARY KEY)");
      s.execute("INSERT INTO product VALUES ('tea')");
    }

    try (TestServer server = ReleasedWorld.start(url)) {
      String id = ReleasedWorld.release(server);
      assertThat(server.data("{ products { name } }").getJsonArray("products").size()).isEqualTo(1);
      assertThat(statusOf(server, id)).isEqualTo("SUCCEEDED");
    }

    try (Connection c = plain(url)) {
      assertThat(rows(c, "SELECT id || '=' || amount FROM public.invoice ORDER BY id"))
          .containsExactly("1=12.50", "2=99.00");
      assertThat(rows(c, "SELECT sku FROM public.product")).containsExactly("tea");
      assertThat(tablesIn(c, "public")).containsExactly("invoice", "product");
      assertThat(tablesIn(c, "baton")).contains("flyway_schema_history", "product", "release");
    }
  }

  @Test
  void a_database_laid_out_in_public_moves_in_place_and_keeps_its_products_and_releases()
      throws Exception {
    DatabaseUrl url = TestPostgres.newDatabase();
    String id;
    try (TestServer server = ReleasedWorld.start(url)) {
      id = ReleasedWorld.release(server);
    }
    List<String> history;
    try (Connection c = plain(url)) {
      history =
          rows(
              c,
              "SELECT script FROM baton.flyway_schema_history WHERE type = 'SQL' ORDER BY installed_rank");
    }
    layOutInPublic(url);
    try (Connection c = plain(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE invoice (id bigint PRIMARY KEY)");
      s.execute("INSERT INTO invoice VALUES (7)");
      assertThat(tablesIn(c, "public")).contains("flyway_schema_history", "release", "invoice");
    }

    try (TestServer server = ReleasedWorld.restart(url)) {
      assertThat(statusOf(server, id)).isEqualTo("SUCCEEDED");
      assertThat(server.data("{ products { name } }").getJsonArray("products").size()).isEqualTo(1);
      // The engine goes on with the moved tables.
      String next = ReleasedWorld.release(server);
      assertThat(next).isNotEqualTo(id);
    }

    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
      // The moved functions read the moved tables, as Baton's connections see them.
      assertThat(rows(c, "SELECT webhook_feed(100, 1000)::text")).containsExactly("0");
    }
    try (Connection c = plain(url)) {
      assertThat(tablesIn(c, "public")).containsExactly("invoice");
      assertThat(rows(c, "SELECT id::text FROM public.invoice")).containsExactly("7");
      assertThat(rows(c, "SELECT count(*)::text FROM baton.release")).containsExactly("2");
      assertThat(
              rows(
                  c,
                  "SELECT count(*)::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                      + " WHERE n.nspname = 'baton'"))
          .containsExactly("2");
      assertThat(
              rows(
                  c,
                  "SELECT script FROM baton.flyway_schema_history WHERE type = 'SQL' ORDER BY installed_rank"))
          .isEqualTo(history);
    }
  }

  @Test
  void an_embedded_data_directory_laid_out_in_public_moves_in_place_and_keeps_its_catalog()
      throws Exception {
    Path dir = Files.createTempDirectory("baton-public-layout");
    try (EmbeddedDatabase embedded = EmbeddedDatabase.start(dir)) {
      try (TestServer baton = TestServer.start(embedded.url(), Clock.systemUTC(), false)) {
        QuickStartCatalog.create(baton::data);
      }
      layOutInPublic(embedded.url());
    }

    try (TestServer upgraded =
        TestServer.start(Map.of("BATON_DATA_DIR", dir.toString(), "BATON_DATABASE_URL", ""))) {
      QuickStartCatalog.assertIntact(upgraded::data);
    }

    try (EmbeddedDatabase embedded = EmbeddedDatabase.start(dir);
        Connection c = plain(embedded.url())) {
      assertThat(tablesIn(c, "public")).isEmpty();
      assertThat(tablesIn(c, "baton")).contains("flyway_schema_history", "product");
    }
  }

  @Test
  void instances_starting_together_on_a_database_laid_out_in_public_move_it_once()
      throws Exception {
    DatabaseUrl url = TestPostgres.newDatabase();
    migrateAsBeforeInPublic(url);
    List<String> history;
    try (Connection c = plain(url)) {
      history = rows(c, "SELECT script FROM public.flyway_schema_history ORDER BY installed_rank");
    }

    int instances = 4;
    CountDownLatch ready = new CountDownLatch(instances);
    ExecutorService threads = Executors.newFixedThreadPool(instances);
    try {
      List<CompletableFuture<Void>> starts = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        starts.add(
            CompletableFuture.runAsync(
                () -> {
                  ready.countDown();
                  try {
                    ready.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  Migrations.migrate(url);
                },
                threads));
      }
      CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    } finally {
      threads.shutdown();
    }

    try (Connection c = plain(url)) {
      assertThat(tablesIn(c, "public")).isEmpty();
      // The history moved once, then the migrations that Baton never ran in public, once each.
      List<String> expected = new ArrayList<>(history);
      expected.addAll(scriptsAfter(LAST_IN_PUBLIC));
      assertThat(rows(c, "SELECT script FROM baton.flyway_schema_history ORDER BY installed_rank"))
          .isEqualTo(expected);
    }
  }

  /** The migration scripts after version {@code last}, in version order. */
  private static List<String> scriptsAfter(String last) {
    return Arrays.stream(scripts())
        .filter(script -> version(script) > Integer.parseInt(last))
        .sorted(Comparator.comparingInt(OwnSchemaTest::version))
        .toList();
  }

  private static int version(String script) {
    return Integer.parseInt(script.substring(1, script.indexOf("__")));
  }

  @Test
  void a_database_laid_out_in_public_moves_into_a_baton_schema_made_empty_beforehand()
      throws Exception {
    DatabaseUrl url = TestPostgres.newDatabase();
    migrateAsBeforeInPublic(url);
    try (Connection c = plain(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA baton");
    }

    Migrations.migrate(url);

    try (Connection c = plain(url)) {
      assertThat(tablesIn(c, "public")).isEmpty();
      assertThat(rows(c, "SELECT count(*)::text FROM baton.flyway_schema_history"))
          .containsExactly(String.valueOf(scripts().length));
    }
  }

  /**
   * The last migration of the Baton that kept its tables in {@code public}: later ones only ever
   * ran in its own schema.
   */
  private static final String LAST_IN_PUBLIC = "12";

  /**
   * Moves everything Baton made back into {@code public} and forgets Flyway made the schema: the
   * database as the Baton before its own schema left it. What migrations after {@link
   * #LAST_IN_PUBLIC} made is undone first, since that Baton never ran them.
   */
  private static void layOutInPublic(DatabaseUrl url) throws SQLException {
    try (Connection c = plain(url);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE baton.retention_horizon");
      s.execute(
          "DROP INDEX baton.release_finished, baton.webhook_delivery_release,"
              + " baton.release_step_leased");
      s.execute("DROP TABLE baton.pull_request");
      s.execute("DROP TABLE baton.promotion_policy");
      s.execute("UPDATE baton.promotion_flow_step SET action = 'COMMIT' WHERE action IS NULL");
      s.execute("ALTER TABLE baton.promotion_flow_step ALTER COLUMN action SET DEFAULT 'COMMIT'");
      s.execute("ALTER TABLE baton.promotion_flow_step ALTER COLUMN action SET NOT NULL");
      s.execute("ALTER TABLE baton.product DROP COLUMN promotion_template_ref");
      s.execute("DROP TABLE baton.promotion_template");
      s.execute("ALTER TABLE baton.promotion_flow DROP COLUMN kept");
      s.execute("DELETE FROM baton.flyway_schema_history WHERE version::int > " + LAST_IN_PUBLIC);
      for (String table : tablesIn(c, "baton")) {
        s.execute("ALTER TABLE baton." + table + " SET SCHEMA public");
      }
      for (String function :
          rows(
              c,
              "SELECT p.oid::regprocedure::text FROM pg_proc p"
                  + " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'baton'")) {
        s.execute("ALTER FUNCTION " + function + " SET SCHEMA public");
      }
      s.execute("DELETE FROM public.flyway_schema_history WHERE type = 'SCHEMA'");
      s.execute("DROP SCHEMA baton");
    }
  }

  /** The layout Baton made before it had a schema of its own: Flyway's defaults, in public. */
  private static void migrateAsBeforeInPublic(DatabaseUrl url) {
    Flyway.configure()
        .dataSource(plainJdbcUrl(url), url.user(), url.password())
        .locations("classpath:db/migration")
        .target(LAST_IN_PUBLIC)
        .load()
        .migrate();
  }

  private static String[] scripts() {
    return new File(OwnSchemaTest.class.getResource("/db/migration").getFile()).list();
  }

  private static String statusOf(TestServer server, String id) {
    JsonObject release =
        server
            .data("query($id: ID!) { release(id: $id) { status } }", Map.of("id", id))
            .getJsonObject("release");
    return release.getString("status");
  }

  private static List<String> tablesIn(Connection c, String schema) throws SQLException {
    return rows(
        c,
        "SELECT tablename FROM pg_tables WHERE schemaname = '" + schema + "' ORDER BY tablename");
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        rows.add(r.getString(1));
      }
    }
    return rows;
  }

  /** A connection with PostgreSQL's default search path, as any other program's. */
  private static Connection plain(DatabaseUrl url) throws SQLException {
    return DriverManager.getConnection(plainJdbcUrl(url), url.user(), url.password());
  }

  private static String plainJdbcUrl(DatabaseUrl url) {
    return "jdbc:postgresql://" + url.host() + ":" + url.port() + "/" + url.database();
  }
}
