package io.baton.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Releases and their events as text for people. */
final class ReleaseText {
  /** The release fields every command reads. */
  static final String FIELDS =
      "id status message promotionFlowName version createdAt finishedAt product { name }"
          + " steps { environment { name } status message version commitSha }";

  private static final Set<String> FAILED_STEPS = Set.of("FAILED", "TERMINATED");

  private ReleaseText() {}

  /** {@code release 12: multi-env-sequential-promotion for demo-trioapp, version 1.0, RUNNING} */
  static String summary(JsonObject release) {
    String version = release.getString("version");
    return "release "
        + release.getString("id")
        + ": "
        + release.getString("promotionFlowName")
        + " for "
        + productOf(release)
        + (version == null ? "" : ", version " + version)
        + ", "
        + release.getString("status");
  }

  /** {@code 2026-12-01T03:30:01.123Z qa RUNNING -> SUCCEEDED Committed 1.0} */
  static String event(JsonObject event) {
    JsonObject environment = event.getJsonObject("environment");
    String previous = event.getString("previousStatus");
    String message = event.getString("message");
    return event.getString("at")
        + "  "
        + (environment == null ? "release" : environment.getString("name"))
        + "  "
        + (previous == null ? "" : previous + " -> ")
        + event.getString("status")
        + (message == null || message.isBlank() ? "" : "  " + message);
  }

  /** How a release ended: one line, then one per failed or terminated step with its message. */
  static List<String> outcome(JsonObject release) {
    List<String> lines = new ArrayList<>();
    String message = release.getString("message");
    lines.add(
        "release "
            + release.getString("id")
            + " "
            + release.getString("status")
            + (message == null || message.isBlank() ? "" : ": " + message));
    for (JsonObject step : steps(release)) {
      if (FAILED_STEPS.contains(step.getString("status"))) {
        String stepMessage = step.getString("message");
        lines.add(
            "  step "
                + step.getJsonObject("environment").getString("name")
                + " "
                + step.getString("status")
                + (stepMessage == null || stepMessage.isBlank() ? "" : ": " + stepMessage));
      }
    }
    return lines;
  }

  /** Releases as aligned columns under a header. */
  static List<String> table(JsonArray releases) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("ID", "PRODUCT", "FLOW", "STATUS", "VERSION", "CREATED"));
    for (Object item : releases) {
      JsonObject release = (JsonObject) item;
      rows.add(
          List.of(
              release.getString("id"),
              productOf(release),
              release.getString("promotionFlowName"),
              release.getString("status"),
              release.getString("version", "-"),
              release.getString("createdAt")));
    }
    return Columns.aligned(rows);
  }

  private static String productOf(JsonObject release) {
    return release.getJsonObject("product", new JsonObject()).getString("name", "?");
  }

  private static List<JsonObject> steps(JsonObject release) {
    return release.getJsonArray("steps", new JsonArray()).stream()
        .map(JsonObject.class::cast)
        .toList();
  }
}
