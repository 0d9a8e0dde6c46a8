package io.baton.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

  @Test
  void the_first_failures_are_free_then_each_one_waits_twice_as_long_up_to_a_cap() {
    SignInThrottle throttle = new SignInThrottle(new MutableClock());
    for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
      assertThat(throttle.failed("10.0.0.1")).isZero();
    }
    assertThat(throttle.failed("10.0.0.1")).isEqualTo(Duration.ofMillis(100));
    assertThat(throttle.failed("10.0.0.1")).isEqualTo(Duration.ofMillis(200));
    for (int i = 0; i < 20; i++) {
      throttle.failed("10.0.0.1");
    }
    assertThat(throttle.failed("10.0.0.1")).isEqualTo(SignInThrottle.MAX_DELAY);
    assertThat(throttle.failed("10.0.0.2")).isZero();
  }

  @Test
  void failures_are_forgotten_after_a_success_or_once_the_window_has_passed() {
    MutableClock clock = new MutableClock();
    SignInThrottle throttle = new SignInThrottle(clock);
    for (int i = 0; i < 8; i++) {
      throttle.failed("10.0.0.3");
    }
    throttle.succeeded("10.0.0.3");
    assertThat(throttle.failed("10.0.0.3")).isZero();
    for (int i = 0; i < 8; i++) {
      throttle.failed("10.0.0.4");
    }
    clock.advance(SignInThrottle.WINDOW.plusSeconds(1));
    assertThat(throttle.failed("10.0.0.4")).isZero();
  }
}
