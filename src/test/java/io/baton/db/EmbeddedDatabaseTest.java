package io.baton.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.testing.QuickStartCatalog;
import io.baton.testing.TestServer;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL as Baton starts it when no database URL is configured (as {@code java
 * -jar baton.jar --demo} does): durable, closed to other local users, and able to take over the
 * data directory of an earlier Baton.
 */
class EmbeddedDatabaseTest {
  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private static Path dataDir;
  private static TestServer server;

  @BeforeAll
  static void start() throws IOException {
    dataDir = Files.createTempDirectory("baton-embedded");
    // A data directory as `mkdir` leaves it, not as owner-only as a temporary directory starts.
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    server = embeddedBatonOn(dataDir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void the_embedded_database_runs_with_fsync_synchronous_commit_and_full_page_writes_on()
      throws Exception {
    try (Connection connection = connectAsBaton(dataDir)) {
      for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
        assertThat(show(connection, setting)).as(setting).isEqualTo("on");
      }
    }
  }

  @Test
  void a_connection_from_127_0_0_1_without_the_password_or_with_a_wrong_one_is_refused()
      throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:" + portOf(dataDir) + "/postgres";

    assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", null).close())
        .isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "").close())
        .isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "postgres").close())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("password authentication failed");
  }

  @Test
  void the_password_file_the_data_directory_and_the_binaries_are_owner_only() throws Exception {
    assertThat(permissionsOf(dataDir)).as("data directory").doesNotContainAnyElementsOf(OTHERS);
    assertThat(permissionsOf(dataDir.resolve("postgres-password")))
        .as("password file")
        .doesNotContainAnyElementsOf(OTHERS);
    Path binaries = dataDir.resolve("postgres-binaries");
    assertThat(permissionsOf(binaries)).as(binaries.toString()).doesNotContainAnyElementsOf(OTHERS);
    try (Stream<Path> files = Files.walk(binaries)) {
      for (Path file : files.toList()) {
        assertThat(permissionsOf(file))
            .as(file.toString())
            .doesNotContain(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
      }
    }
  }

  @Test
  void the_data_directory_of_an_earlier_baton_trusting_local_connections_is_upgraded_and_kept()
      throws Exception {
    Path earlier = Files.createTempDirectory("baton-earlier");
    createAsAnEarlierBatonDid(earlier);

    try (TestServer upgraded = embeddedBatonOn(earlier)) {
      QuickStartCatalog.assertIntact(upgraded::data);
      String url = "jdbc:postgresql://127.0.0.1:" + portOf(earlier) + "/postgres";
      assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", null).close())
          .isInstanceOf(SQLException.class);
      assertThat(Files.readString(earlier.resolve("postgres/pg_hba.conf")))
          .doesNotContainPattern("(?m)^[^#]*\\btrust\\b");
      assertThat(permissionsOf(earlier)).doesNotContainAnyElementsOf(OTHERS);
    }
    try (TestServer again = embeddedBatonOn(earlier)) {
      QuickStartCatalog.assertIntact(again::data);
    }
  }

  @Test
  void a_lost_password_file_is_replaced_by_a_new_password_on_the_next_start() throws Exception {
    Path dir = Files.createTempDirectory("baton-lost-password");
    try (TestServer first = embeddedBatonOn(dir)) {
      QuickStartCatalog.create(first::data);
    }
    String lost = Files.readString(dir.resolve("postgres-password"));
    Files.delete(dir.resolve("postgres-password"));

    try (TestServer second = embeddedBatonOn(dir)) {
      QuickStartCatalog.assertIntact(second::data);
      assertThat(Files.readString(dir.resolve("postgres-password"))).isNotEqualTo(lost);
      String url = "jdbc:postgresql://127.0.0.1:" + portOf(dir) + "/postgres";
      assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", lost.trim()).close())
          .isInstanceOf(SQLException.class);
    }
  }

  /**
   * The embedded PostgreSQL exactly as Baton started it before: the embedding library's defaults
   * (initdb trusting every local connection, no password), with a catalog Baton wrote into it.
   */
  private static void createAsAnEarlierBatonDid(Path dir) throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (EmbeddedPostgres earlier =
        EmbeddedPostgres.builder()
            .setDataDirectory(dir.resolve("postgres"))
            .setCleanDataDirectory(false)
            .setOverrideWorkingDirectory(dir.resolve("postgres-binaries").toFile())
            // A resolver of its own: unpacked into this directory, as in the earlier Baton's JVM.
            .setPgBinaryResolver(DefaultPostgresBinaryResolver.INSTANCE::getPgBinary)
            .start()) {
      DatabaseUrl url =
          new DatabaseUrl("localhost", earlier.getPort(), "postgres", "postgres", null);
      try (TestServer baton = TestServer.start(url, Clock.systemUTC(), false)) {
        QuickStartCatalog.create(baton::data);
      }
    }
  }

  private static TestServer embeddedBatonOn(Path dir) {
    return TestServer.start(Map.of("BATON_DATA_DIR", dir.toString(), "BATON_DATABASE_URL", ""));
  }

  /** As Baton connects: the password from the data directory, the port from postmaster.pid. */
  private static Connection connectAsBaton(Path dir) throws Exception {
    Path passwordFile = dir.resolve("postgres-password");
    String password = Files.exists(passwordFile) ? Files.readString(passwordFile).trim() : null;
    return DriverManager.getConnection(
        "jdbc:postgresql://localhost:" + portOf(dir) + "/postgres", "postgres", password);
  }

  private static int portOf(Path dir) throws IOException {
    return Integer.parseInt(Files.readAllLines(dir.resolve("postgres/postmaster.pid")).get(3));
  }

  private static String show(Connection connection, String setting) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW " + setting)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static Set<PosixFilePermission> permissionsOf(Path path) throws IOException {
    return Files.getPosixFilePermissions(path);
  }
}
