package io.baton.line;

import static io.baton.testing.TestServer.codeOf;
import static io.baton.testing.TestServer.firstError;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.Baton;
import io.baton.db.DatabaseUrl;
import io.baton.release.EngineOptions;
import io.baton.testing.QuickStartCatalog;
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
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Line control through GraphQL: its fields on lists read each table once (statements counted by
 * PostgreSQL itself, pg_stat_statements, on a PostgreSQL of this test's own), a recurring window
 * read at a summer and a winter instant, and each refusal with its stable code.
 */
class LineControlApiTest {
  private static final String DATABASE = "baton_line_control_api";

  /** Set by each test that needs a moment of its own; the engine never moves it. */
  private static final SetClock clock = new SetClock(Instant.parse("2026-07-01T00:00:00Z"));

  private static EmbeddedPostgres postgres;
  private static TestServer server;
  private static String viewerToken;
  private static String promoterToken;

  @BeforeAll
  static void quickStartWorldWithPausesPinsAndAWindow() throws Exception {
    postgres =
        EmbeddedPostgres.builder()
            .setServerConfig("shared_preload_libraries", "pg_stat_statements")
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .start();
    try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + DATABASE);
    }
    // A poll of an hour: nothing in the background reads line control while statements are counted.
    EngineOptions quiet =
        new EngineOptions(
            "line-api",
            Duration.ofSeconds(10),
            Duration.ofHours(1),
            Duration.ofHours(1),
            8,
            0,
            Duration.ofMillis(10));
    server =
        TestServer.start(
            new DatabaseUrl("localhost", postgres.getPort(), DATABASE, "postgres", "postgres"),
            clock,
            false,
            new Baton.Parts(null, null, quiet));
    execute("CREATE SCHEMA stats; CREATE EXTENSION pg_stat_statements SCHEMA stats");
    QuickStartCatalog.create(server::data);
    server.data("mutation { pauseEnvironment(name: \"qa\", reason: \"incident 42\") { name } }");
    server.data("mutation { pauseEnvironment(name: \"prod\", reason: \"on fire\") { name } }");
    server.data(
        "mutation { pinApplication(name: \"demo-trioapp-prod\", reason: \"keep 1.1.0\") { name } }");
    server.data(
        """
        mutation { createFreezeWindow(input: {name: "forever", environments: ["prod"],
          start: "2020-01-01T00:00:00Z", end: "2100-01-01T00:00:00Z", reason: "frozen"}) { name } }""");
    viewerToken = token("dashboard", "VIEWER");
    promoterToken = token("ci", "PROMOTER");
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
    postgres.close();
  }

  private static String token(String name, String role) {
    return server
        .data(
            "mutation($n: String!, $r: Role!) { createApiToken(input: {name: $n, role: $r}) { token } }",
            Map.of("n", name, "r", role))
        .getJsonObject("createApiToken")
        .getString("token");
  }

  @Test
  void pauses_pins_and_open_windows_of_whole_lists_are_read_in_one_statement_each() {
    execute("SELECT stats.pg_stat_statements_reset()");

    JsonObject data =
        server.data(
            """
            { environments { name paused pauseReason frozenBy { name } }
              products { applications { name pinned pinReason } } }""");

    Map<String, Integer> reads =
        counts(
            """
            SELECT t.name, coalesce(sum(s.calls), 0)::int FROM
              (VALUES ('environment_pause'), ('application_pin'), ('freeze_window')) AS t(name)
            LEFT JOIN stats.pg_stat_statements s ON s.query LIKE '%' || t.name || '%'
              AND s.query NOT LIKE '%pg_stat_statements%'
              AND s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            GROUP BY t.name""");
    assertThat(reads)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("environment_pause", 1, "application_pin", 1, "freeze_window", 1));
    JsonArray environments = data.getJsonArray("environments");
    assertThat(environments.getJsonObject(0).getBoolean("paused")).isFalse();
    assertThat(environments.getJsonObject(1).getString("pauseReason"))
        .isEqualTo("admin: incident 42");
    assertThat(environments.getJsonObject(2).getJsonObject("frozenBy").getString("name"))
        .isEqualTo("forever");
    assertThat(environments.getJsonObject(1).getJsonObject("frozenBy")).isNull();
    JsonArray applications =
        data.getJsonArray("products").getJsonObject(0).getJsonArray("applications");
    Map<String, String> pins = new HashMap<>();
    applications.forEach(
        a -> {
          JsonObject app = (JsonObject) a;
          pins.put(
              app.getString("name"), app.getBoolean("pinned") + " " + app.getString("pinReason"));
        });
    assertThat(pins)
        .containsEntry("demo-trioapp-prod", "true admin: keep 1.1.0")
        .containsEntry("demo-trioapp-dev", "false null");
  }

  @Test
  void
      a_window_every_friday_at_15_for_66_hours_in_berlin_opens_at_13z_in_summer_and_14z_in_winter() {
    server.data(
        """
        mutation { createFreezeWindow(input: {name: "weekend", environments: ["qa"],
          cron: "0 15 * * 5", duration: "PT66H", timeZone: "Europe/Berlin", reason: "weekend"}) {
          name } }""");
    try {
      clock.set("2026-07-03T12:59:00Z");
      assertThat(weekend()).isEqualTo("false 2026-07-03T13:00:00.000Z");
      clock.set("2026-07-03T13:00:00Z");
      assertThat(weekend()).isEqualTo("true 2026-07-10T13:00:00.000Z");
      assertThat(frozenBy("qa")).isEqualTo("weekend");
      clock.set("2026-07-06T07:00:00Z");
      assertThat(weekend()).isEqualTo("false 2026-07-10T13:00:00.000Z");
      assertThat(frozenBy("qa")).isNull();
      clock.set("2026-12-04T13:59:00Z");
      assertThat(weekend()).isEqualTo("false 2026-12-04T14:00:00.000Z");
      clock.set("2026-12-04T14:00:00Z");
      assertThat(weekend()).isEqualTo("true 2026-12-11T14:00:00.000Z");
      assertThat(frozenBy("qa")).isEqualTo("weekend");
    } finally {
      server.data("mutation { deleteFreezeWindow(name: \"weekend\") { name } }");
    }
  }

  private static String weekend() {
    for (Object each :
        server.data("{ freezeWindows { name active nextStart } }").getJsonArray("freezeWindows")) {
      JsonObject window = (JsonObject) each;
      if (window.getString("name").equals("weekend")) {
        return window.getBoolean("active") + " " + window.getString("nextStart");
      }
    }
    throw new AssertionError("no window weekend");
  }

  private static String frozenBy(String environment) {
    JsonObject window =
        server
            .data(
                "query($n: String!) { environment(name: $n) { frozenBy { name } } }",
                Map.of("n", environment))
            .getJsonObject("environment")
            .getJsonObject("frozenBy");
    return window == null ? null : window.getString("name");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a bad cron | createFreezeWindow(input: {name: \"w\", environments: [\"prod\"], cron: \"0 25 * * 5\", duration: \"PT1H\", reason: \"r\"}) { name }"
            + " | BAD_USER_INPUT | cron's hour field \"25\" is not valid",
        "a cron of four fields | createFreezeWindow(input: {name: \"w\", environments: [\"prod\"], cron: \"0 15 * *\", duration: \"PT1H\", reason: \"r\"}) { name }"
            + " | BAD_USER_INPUT | cron must have five fields",
        "an unknown time zone | createFreezeWindow(input: {name: \"w\", environments: [\"prod\"], cron: \"0 15 * * 5\", duration: \"PT1H\", timeZone: \"Mars/Olympus\", reason: \"r\"}) { name }"
            + " | BAD_USER_INPUT | timeZone \"Mars/Olympus\" is not an IANA time zone",
        "an end before the start | createFreezeWindow(input: {name: \"w\", environments: [\"prod\"], start: \"2026-07-02T00:00:00Z\", end: \"2026-07-01T00:00:00Z\", reason: \"r\"}) { name }"
            + " | BAD_USER_INPUT | a one-off freeze window needs a start before its end",
        "both kinds at once | createFreezeWindow(input: {name: \"w\", environments: [\"prod\"], start: \"2026-07-01T00:00:00Z\", end: \"2026-07-02T00:00:00Z\", cron: \"0 15 * * 5\", duration: \"PT1H\", reason: \"r\"}) { name }"
            + " | BAD_USER_INPUT | one-off (start and end) or recurring (cron and duration), not both",
        "no environment | createFreezeWindow(input: {name: \"w\", environments: [], start: \"2026-07-01T00:00:00Z\", end: \"2026-07-02T00:00:00Z\", reason: \"r\"}) { name }"
            + " | BAD_USER_INPUT | a freeze window needs at least one environment",
        "a window on an unknown environment | createFreezeWindow(input: {name: \"w\", environments: [\"staging\"], start: \"2026-07-01T00:00:00Z\", end: \"2026-07-02T00:00:00Z\", reason: \"r\"}) { name }"
            + " | NOT_FOUND | environment \"staging\" does not exist",
        "a second window of the same name | createFreezeWindow(input: {name: \"forever\", environments: [\"prod\"], start: \"2026-07-01T00:00:00Z\", end: \"2026-07-02T00:00:00Z\", reason: \"r\"}) { name }"
            + " | CONFLICT | a freeze window named \"forever\" exists",
        "deleting an unknown window | deleteFreezeWindow(name: \"nope\") { name }"
            + " | NOT_FOUND | freeze window \"nope\" does not exist",
        "pausing an unknown environment | pauseEnvironment(name: \"staging\", reason: \"r\") { name }"
            + " | NOT_FOUND | environment \"staging\" does not exist",
        "pausing without a reason | pauseEnvironment(name: \"dev\", reason: \" \") { name }"
            + " | BAD_USER_INPUT | reason must not be blank",
        "resuming an unknown environment | resumeEnvironment(name: \"staging\") { name }"
            + " | NOT_FOUND | environment \"staging\" does not exist",
        "pinning an unknown application | pinApplication(name: \"nope\", reason: \"r\") { name }"
            + " | NOT_FOUND | application \"nope\" does not exist",
        "unpinning an unknown application | unpinApplication(name: \"nope\") { name }"
            + " | NOT_FOUND | application \"nope\" does not exist",
        "overriding for an unknown release | overrideFreeze(input: {releaseId: \"999\", environment: \"prod\", reason: \"r\"}) { id }"
            + " | NOT_FOUND | release \"999\" does not exist",
        "overriding without a reason | overrideFreeze(input: {releaseId: \"999\", environment: \"prod\", reason: \"\"}) { id }"
            + " | BAD_USER_INPUT | reason must not be blank",
      })
  void a_refused_change_says_why_with_a_stable_code(
      String what, String mutation, String code, String message) {
    JsonObject response = server.graphql("mutation { " + mutation + " }");

    assertThat(codeOf(response)).as(what).isEqualTo(code);
    assertThat(firstError(response).getString("message"))
        .as(what)
        .contains(message)
        .doesNotContain("Exception")
        .doesNotContain("io.baton");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "createFreezeWindow(input: {name: \"w\", environments: [\"prod\"], start: \"2026-07-01T00:00:00Z\", end: \"2026-07-02T00:00:00Z\", reason: \"r\"}) { name }",
        "deleteFreezeWindow(name: \"forever\") { name }",
        "overrideFreeze(input: {releaseId: \"1\", environment: \"prod\", reason: \"r\"}) { id }",
        "pauseEnvironment(name: \"dev\", reason: \"r\") { name }",
        "resumeEnvironment(name: \"qa\") { name }",
        "pinApplication(name: \"demo-trioapp-dev\", reason: \"r\") { name }",
        "unpinApplication(name: \"demo-trioapp-prod\") { name }",
      })
  void only_an_administrator_controls_the_line(String mutation) {
    for (String token : new String[] {viewerToken, promoterToken}) {
      JsonObject response = server.graphql(token, "mutation { " + mutation + " }", Map.of());

      assertThat(codeOf(response)).isEqualTo("FORBIDDEN");
      assertThat(firstError(response).getString("message")).contains("ADMIN");
    }
    assertThat(server.data("{ environment(name: \"qa\") { paused } }").toString())
        .contains("\"paused\":true");
  }

  private static Map<String, Integer> counts(String query) {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(query)) {
      Map<String, Integer> result = new HashMap<>();
      while (rows.next()) {
        result.put(rows.getString(1), rows.getInt(2));
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(
        TestPostgres.inBatonSchema(postgres.getJdbcUrl("postgres", DATABASE)));
  }

  private static void execute(String statement) {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A clock a test sets to the moment it needs. */
  private static final class SetClock extends Clock {
    private volatile Instant now;

    SetClock(Instant now) {
      this.now = now;
    }

    void set(String instant) {
      now = Instant.parse(instant);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
