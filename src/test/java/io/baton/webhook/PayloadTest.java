package io.baton.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What each format writes for a delivery. */
class PayloadTest {
  private static DueDelivery delivery(WebhookEvent event, String environment, String message) {
    return new DueDelivery(
        1,
        1,
        0,
        event,
        "77-12",
        Instant.parse("2026-11-30T12:00:00Z"),
        Instant.parse("2026-11-30T12:00:00Z"),
        42L,
        "demo-trioapp",
        "multi-env-sequential-promotion",
        "2.0.0",
        environment,
        event.verb().toUpperCase(),
        message,
        "hook",
        "http://example.com",
        "secret",
        WebhookFormat.SLACK);
  }

  @Test
  void slack_says_what_happened_to_which_version_where_with_a_link() {
    assertThat(
            SlackPayload.text(
                delivery(WebhookEvent.STEP_SUCCEEDED, "qa", "promoted 2.0.0"),
                "https://baton.test"))
        .isEqualTo("demo-trioapp 2.0.0: qa succeeded <https://baton.test/releases/42|release 42>");
    assertThat(
            SlackPayload.text(
                delivery(WebhookEvent.STEP_FAILED, "prod", "push <refused>"), "https://baton.test"))
        .isEqualTo(
            "demo-trioapp 2.0.0: prod failed: push &lt;refused&gt;"
                + " <https://baton.test/releases/42|release 42>");
    assertThat(
            SlackPayload.text(
                delivery(WebhookEvent.RELEASE_STARTED, null, null), "https://baton.test"))
        .isEqualTo(
            "demo-trioapp 2.0.0: release started (multi-env-sequential-promotion)"
                + " <https://baton.test/releases/42|release 42>");
  }

  @Test
  void a_cloudevent_is_typed_after_its_event_and_carries_the_release() {
    JsonObject event =
        new CloudEventPayload()
            .body(delivery(WebhookEvent.RELEASE_TERMINATED, null, "by admin"), "https://b.test")
            .toJsonObject();
    assertThat(event.getString("type")).isEqualTo("io.baton.release.terminated");
    assertThat(event.getString("id")).isEqualTo("77-12");
    assertThat(event.getString("subject")).isEqualTo("releases/42");
    assertThat(event.getString("time")).isEqualTo("2026-11-30T12:00:00Z");
    assertThat(event.getJsonObject("data").getString("url"))
        .isEqualTo("https://b.test/releases/42");
    assertThat(event.getJsonObject("data").getString("message")).isEqualTo("by admin");
    assertThat(WebhookEvent.STEP_SUSPENDED.cloudEventType()).isEqualTo("io.baton.step.suspended");
  }
}
