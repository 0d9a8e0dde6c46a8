package io.baton.cli;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One release's events over the subscription, from its start until it ends (Baton replays what
 * happened before). A connection lost on the way (Baton restarting, a network blip) is opened again
 * and the subscription resumed after the last event received, so nothing is missed or printed
 * twice; the command gives up once Baton stays unreachable for {@link #RECONNECT_FOR}.
 */
final class ReleaseEvents {
  static final String EVENTS =
      "subscription($id: ID!, $after: String) { releaseEvents(releaseId: $id, after: $after) {"
          + " cursor at environment { name } status previousStatus message } }";
  static final Duration RECONNECT_FOR = Duration.ofMinutes(2);
  private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

  private final BatonClient client;
  private final String releaseId;
  private String after;
  private long lostAt;
  private int failures;

  private ReleaseEvents(BatonClient client, String releaseId) {
    this.client = client;
    this.releaseId = releaseId;
  }

  /** Hands each event to {@code onEvent}, in order, until the release has ended. */
  static void follow(BatonClient client, String releaseId, Consumer<JsonObject> onEvent) {
    new ReleaseEvents(client, releaseId).run(onEvent);
  }

  private void run(Consumer<JsonObject> onEvent) {
    while (true) {
      try {
        client.subscribe(EVENTS, variables(), data -> received(data, onEvent));
        return;
      } catch (CliException e) {
        if (!e.connectionLost() || after == null || gaveUp()) {
          throw e;
        }
      }
      pauseFor(pause(failures++));
    }
  }

  private void received(JsonObject data, Consumer<JsonObject> onEvent) {
    JsonObject event = data.getJsonObject("releaseEvents");
    after = event.getString("cursor");
    lostAt = 0;
    failures = 0;
    onEvent.accept(event);
  }

  private JsonObject variables() {
    return new JsonObject().put("id", releaseId).put("after", after);
  }

  private boolean gaveUp() {
    long now = System.nanoTime();
    if (lostAt == 0) {
      lostAt = now;
    }
    return now - lostAt > RECONNECT_FOR.toNanos();
  }

  /** Half a second after the first failure, doubling up to five seconds. */
  static Duration pause(int failuresBefore) {
    Duration pause = FIRST_PAUSE.multipliedBy(1L << Math.min(failuresBefore, 10));
    return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
  }

  private static void pauseFor(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.connection("interrupted");
    }
  }
}
