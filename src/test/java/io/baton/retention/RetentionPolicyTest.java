package io.baton.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.Config;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Retention as an operator configures it, through BATON_RETENTION_* (docs/retention.md). */
class RetentionPolicyTest {
  @Test
  void retention_is_off_unless_a_limit_is_set() {
    RetentionPolicy policy = Config.fromEnvironment(Map.of(), List.of()).retention();
    assertThat(policy).isEqualTo(RetentionPolicy.OFF);
    assertThat(policy.on()).isFalse();
  }

  @Test
  void every_setting_is_read_from_its_variable() {
    RetentionPolicy policy =
        Config.fromEnvironment(
                Map.of(
                    "BATON_RETENTION_MAX_AGE", "P90D",
                    "BATON_RETENTION_KEEP_PER_PRODUCT", "50",
                    "BATON_RETENTION_INTERVAL", "PT1M",
                    "BATON_RETENTION_BATCH_SIZE", "200",
                    "BATON_RETENTION_BATCH_PAUSE", "PT2S"),
                List.of())
            .retention();
    assertThat(policy)
        .isEqualTo(
            new RetentionPolicy(
                Optional.of(Duration.ofDays(90)),
                OptionalInt.of(50),
                Duration.ofMinutes(1),
                200,
                Duration.ofSeconds(2)));
    assertThat(policy.on()).isTrue();
  }

  @Test
  void a_value_that_makes_no_sense_is_refused_at_start_naming_its_variable() {
    assertThatThrownBy(
            () -> RetentionPolicy.fromEnvironment(Map.of("BATON_RETENTION_MAX_AGE", "90 days")))
        .hasMessageContaining("BATON_RETENTION_MAX_AGE")
        .hasMessageContaining("P90D");
    assertThatThrownBy(
            () -> RetentionPolicy.fromEnvironment(Map.of("BATON_RETENTION_KEEP_PER_PRODUCT", "0")))
        .hasMessageContaining("BATON_RETENTION_KEEP_PER_PRODUCT must be at least 1");
    assertThatThrownBy(
            () -> RetentionPolicy.fromEnvironment(Map.of("BATON_RETENTION_BATCH_SIZE", "many")))
        .hasMessageContaining("BATON_RETENTION_BATCH_SIZE takes a whole number");
  }
}
