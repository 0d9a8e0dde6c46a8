package io.baton.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditServiceTest {

  @Test
  void durations_and_instants_in_a_mutation_input_are_recorded_as_iso_8601_text() {
    JsonObject input =
        new JsonObject(
            Map.of(
                "input",
                Map.of(
                    "timeout", Duration.ofMinutes(5),
                    "steps", List.of(Map.of("at", Instant.parse("2026-11-27T13:05:40Z"))))));

    JsonObject recorded = new JsonObject(AuditService.redact(input).encode());

    assertThat(recorded.getJsonObject("input").getString("timeout")).isEqualTo("PT5M");
    assertThat(
            recorded.getJsonObject("input").getJsonArray("steps").getJsonObject(0).getString("at"))
        .isEqualTo("2026-11-27T13:05:40Z");
  }
}
