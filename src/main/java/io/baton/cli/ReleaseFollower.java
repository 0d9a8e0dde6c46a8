package io.baton.cli;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Follows one release until it ends ({@link ReleaseEvents}), then reads how it ended and chooses
 * the exit code.
 */
final class ReleaseFollower {
  private static final String RELEASE =
      "query($id: ID!) { release(id: $id) { " + ReleaseText.FIELDS + " } }";
  private static final Set<String> ENDED_BADLY = Set.of("FAILED", "TERMINATED");

  /** Whether the events go out as JSON lines ({@code watch}) or only the final release. */
  enum Events {
    AS_JSON_LINES,
    IN_TEXT_ONLY
  }

  private ReleaseFollower() {}

  static Exit follow(BatonClient client, Output output, String releaseId, Events events) {
    ReleaseEvents.follow(
        client,
        releaseId,
        event -> {
          output.text(ReleaseText.event(event));
          if (events == Events.AS_JSON_LINES) {
            output.jsonLine(event);
          }
        });
    JsonObject release =
        client.execute(RELEASE, new JsonObject().put("id", releaseId)).getJsonObject("release");
    if (release == null) {
      throw CliException.refused("release " + releaseId + " is gone");
    }
    ReleaseText.outcome(release).forEach(output::text);
    if (events == Events.IN_TEXT_ONLY) {
      output.json(release);
    }
    return exitOf(release);
  }

  static Exit exitOf(JsonObject release) {
    String status = release.getString("status");
    if ("SUCCEEDED".equals(status)) {
      return Exit.SUCCESS;
    }
    if (ENDED_BADLY.contains(status)) {
      return Exit.FAILURE;
    }
    throw CliException.connection(
        "the subscription ended while release " + release.getString("id") + " is " + status);
  }
}
