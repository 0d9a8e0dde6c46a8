package io.baton.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CloseReasonTest {
  @Test
  void a_short_reason_is_kept_as_it_is() {
    assertThat(GraphqlWebSocketHandler.closeReason("Forbidden")).isEqualTo("Forbidden");
  }

  @Test
  void a_long_reason_is_cut_to_123_bytes_without_splitting_a_character() {
    String reason =
        GraphqlWebSocketHandler.closeReason("Invalid message: unknown type " + "é".repeat(100));
    byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
    assertThat(bytes.length).isLessThanOrEqualTo(123).isGreaterThan(118);
    assertThat(reason).startsWith("Invalid message: unknown type é").doesNotContain("\uFFFD");
  }
}
