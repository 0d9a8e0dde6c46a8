package io.baton.cli;

import io.vertx.core.json.JsonObject;

/** What {@code trigger} and {@code promote} say about the release they started. */
final class Started {
  private Started() {}

  /** Says which release started; with {@code wait}, follows it and exits as it ended. */
  static Exit report(BatonClient client, Output output, JsonObject release, boolean wait) {
    output.text(ReleaseText.summary(release));
    if (!wait) {
      output.json(release);
      return Exit.SUCCESS;
    }
    return ReleaseFollower.follow(
        client, output, release.getString("id"), ReleaseFollower.Events.IN_TEXT_ONLY);
  }
}
