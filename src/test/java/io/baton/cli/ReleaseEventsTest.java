package io.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReleaseEventsTest {
  @Test
  void a_lost_connection_is_tried_again_after_half_a_second_doubling_up_to_five_seconds() {
    assertThat(ReleaseEvents.pause(0)).isEqualTo(Duration.ofMillis(500));
    assertThat(ReleaseEvents.pause(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(ReleaseEvents.pause(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(ReleaseEvents.pause(4)).isEqualTo(Duration.ofSeconds(5));
    assertThat(ReleaseEvents.pause(1000)).isEqualTo(Duration.ofSeconds(5));
  }
}
