package io.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ReleaseTextTest {
  @Test
  void a_step_event_reads_time_environment_previous_and_new_status_and_message() {
    JsonObject event =
        new JsonObject()
            .put("at", "2026-12-01T03:30:01.123Z")
            .put("environment", new JsonObject().put("name", "qa"))
            .put("previousStatus", "RUNNING")
            .put("status", "SUCCEEDED")
            .put("message", "Committed 1.0");

    assertThat(ReleaseText.event(event))
        .isEqualTo("2026-12-01T03:30:01.123Z  qa  RUNNING -> SUCCEEDED  Committed 1.0");
  }

  @Test
  void the_first_event_of_the_release_itself_reads_release_and_its_status() {
    JsonObject event = new JsonObject().put("at", "2026-12-01T03:30:00Z").put("status", "RUNNING");

    assertThat(ReleaseText.event(event)).isEqualTo("2026-12-01T03:30:00Z  release  RUNNING");
  }

  @Test
  void a_failed_release_names_its_failed_step_and_why_and_skips_the_others() {
    JsonObject release =
        release("FAILED", "qa failed")
            .put(
                "steps",
                new JsonArray()
                    .add(step("dev", "SUCCEEDED", "pinned"))
                    .add(step("qa", "FAILED", "there is no Git repository at this URL"))
                    .add(step("prod", "SKIPPED", null)));

    assertThat(ReleaseText.outcome(release))
        .containsExactly(
            "release 7 FAILED: qa failed",
            "  step qa FAILED: there is no Git repository at this URL");
    assertThat(ReleaseFollower.exitOf(release)).isEqualTo(Exit.FAILURE);
  }

  @Test
  void a_succeeded_release_is_one_line_and_exit_zero_and_a_terminated_one_exit_one() {
    JsonObject succeeded = release("SUCCEEDED", null).put("steps", new JsonArray());

    assertThat(ReleaseText.outcome(succeeded)).containsExactly("release 7 SUCCEEDED");
    assertThat(ReleaseFollower.exitOf(succeeded)).isEqualTo(Exit.SUCCESS);
    assertThat(ReleaseFollower.exitOf(release("TERMINATED", "by admin"))).isEqualTo(Exit.FAILURE);
  }

  @Test
  void a_summary_names_the_release_flow_product_version_and_status() {
    assertThat(ReleaseText.summary(release("RUNNING", null).put("version", "1.0")))
        .isEqualTo(
            "release 7: multi-env-sequential-promotion for demo-trioapp, version 1.0,"
                + " RUNNING");
  }

  @Test
  void releases_are_listed_in_aligned_columns_under_a_header() {
    JsonArray releases =
        new JsonArray()
            .add(release("SUCCEEDED", null).put("version", "1.0"))
            .add(release("RUNNING", null).put("id", "12").put("promotionFlowName", "Manual"));

    assertThat(ReleaseText.table(releases))
        .containsExactly(
            "ID  PRODUCT       FLOW                            STATUS     VERSION  CREATED",
            "7   demo-trioapp  multi-env-sequential-promotion  SUCCEEDED  1.0      2026-12-01T03:30:00Z",
            "12  demo-trioapp  Manual                          RUNNING    -        2026-12-01T03:30:00Z");
  }

  @Test
  void an_apply_plan_lists_each_change_with_an_update_s_diff_indented_and_a_total() {
    JsonObject plan =
        new JsonObject()
            .put("applied", false)
            .put(
                "changes",
                new JsonArray()
                    .add(change("Environment", "dev", "UNCHANGED", new JsonArray()))
                    .add(change("Product", "shop", "CREATE", new JsonArray()))
                    .add(
                        change(
                            "Product",
                            "trio",
                            "UPDATE",
                            new JsonArray()
                                .add("concurrency: QUEUE → TERMINATE")
                                .add("versionSource: (none) → values.yaml"))));

    assertThat(ApplyCommand.lines(plan))
        .containsExactly(
            "UNCHANGED  Environment dev",
            "CREATE  Product shop",
            "UPDATE  Product trio",
            "    concurrency: QUEUE → TERMINATE",
            "    versionSource: (none) → values.yaml",
            "dry run, nothing changed: 2 changes planned");
  }

  private static JsonObject release(String status, String message) {
    return new JsonObject()
        .put("id", "7")
        .put("status", status)
        .put("message", message)
        .put("promotionFlowName", "multi-env-sequential-promotion")
        .put("product", new JsonObject().put("name", "demo-trioapp"))
        .put("createdAt", "2026-12-01T03:30:00Z");
  }

  private static JsonObject step(String environment, String status, String message) {
    return new JsonObject()
        .put("environment", new JsonObject().put("name", environment))
        .put("status", status)
        .put("message", message);
  }

  private static JsonObject change(String kind, String name, String action, JsonArray diff) {
    return new JsonObject()
        .put("kind", kind)
        .put("name", name)
        .put("action", action)
        .put("diff", diff);
  }
}
