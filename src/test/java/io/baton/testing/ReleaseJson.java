package io.baton.testing;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** Reading a release as GraphQL returns it: its steps by environment name. */
public final class ReleaseJson {
  private ReleaseJson() {}

  public static JsonObject stepOf(JsonObject release, String env) {
    return release.getJsonArray("steps").stream()
        .map(JsonObject.class::cast)
        .filter(s -> s.getJsonObject("environment").getString("name").equals(env))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("release has no step for " + env + ": " + release.encode()));
  }

  /** "env=STATUS" for each step, in the release's order. */
  public static List<String> stepStatuses(JsonObject release) {
    return release.getJsonArray("steps").stream()
        .map(JsonObject.class::cast)
        .map(s -> s.getJsonObject("environment").getString("name") + "=" + s.getString("status"))
        .toList();
  }
}
