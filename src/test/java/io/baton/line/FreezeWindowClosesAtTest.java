package io.baton.line;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.MutableClock;
import io.baton.testing.QuickStartCatalog;
import io.baton.testing.TestPostgres;
import io.baton.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FreezeWindow.closesAt tells the web app's freeze banner when an open window ends, for a recurring
 * window as for a one-off one, with the injected clock.
 */
class FreezeWindowClosesAtTest {
  private static final String QUERY =
      "{ environment(name: \"prod\") { frozenBy { name closesAt } } "
          + "freezeWindows { name active closesAt } }";

  private final MutableClock clock = new MutableClock();
  private TestServer server;

  @BeforeEach
  void quickStartWorld() {
    server = TestServer.start(TestPostgres.newDatabase(), clock, false);
    QuickStartCatalog.create(server::data);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  @Test
  void an_open_one_off_window_closes_at_its_end_and_a_closed_one_has_no_closing() {
    Instant end = now().plus(Duration.ofHours(2));
    server.data(
        "mutation { createFreezeWindow(input: {name: \"year-end\", environments: [\"prod\"], "
            + "start: \""
            + now().minus(Duration.ofHours(1))
            + "\", end: \""
            + end
            + "\", reason: \"year-end freeze\"}) { name } }");
    server.data(
        "mutation { createFreezeWindow(input: {name: \"later\", environments: [\"qa\"], "
            + "start: \""
            + now().plus(Duration.ofDays(1))
            + "\", end: \""
            + now().plus(Duration.ofDays(2))
            + "\", reason: \"not yet\"}) { name } }");

    JsonObject data = server.data(QUERY);

    JsonObject frozenBy = data.getJsonObject("environment").getJsonObject("frozenBy");
    assertThat(frozenBy.getString("name")).isEqualTo("year-end");
    assertThat(Instant.parse(frozenBy.getString("closesAt"))).isEqualTo(end);
    JsonObject later = data.getJsonArray("freezeWindows").getJsonObject(0);
    assertThat(later.getString("name")).isEqualTo("later");
    assertThat(later.getBoolean("active")).isFalse();
    assertThat(later.getValue("closesAt")).isNull();
  }

  @Test
  void an_open_recurring_window_closes_its_duration_after_the_opening_it_is_in() {
    Instant hour = now().truncatedTo(ChronoUnit.HOURS);
    clock.advance(Duration.between(now(), hour.plus(Duration.ofMinutes(90))));
    server.data(
        "mutation { createFreezeWindow(input: {name: \"every-hour\", environments: [\"prod\"], "
            + "cron: \"0 * * * *\", duration: \"PT61M\", timeZone: \"Europe/Berlin\", "
            + "reason: \"always frozen\"}) { name } }");

    JsonObject frozenBy = server.data(QUERY).getJsonObject("environment").getJsonObject("frozenBy");

    assertThat(frozenBy.getString("name")).isEqualTo("every-hour");
    assertThat(Instant.parse(frozenBy.getString("closesAt")))
        .isEqualTo(hour.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(61)));
  }
}
