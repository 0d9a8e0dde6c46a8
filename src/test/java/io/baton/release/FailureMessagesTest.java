package io.baton.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class FailureMessagesTest {

  @Test
  void leaves_java_class_names_out_of_a_failures_message() {
    IOException failure =
        new IOException("org.eclipse.jgit.errors.TransportException: origin: not authorized");

    assertThat(FailureMessages.describe(failure)).isEqualTo("origin: not authorized");
  }

  @Test
  void keeps_a_message_without_class_names_as_it_is() {
    assertThat(FailureMessages.describe(new PromotionFailure("no application in qa")))
        .isEqualTo("no application in qa");
  }

  @Test
  void says_the_promotion_failed_when_a_failure_has_no_message() {
    assertThat(FailureMessages.describe(new PromotionFailure(null)))
        .isEqualTo("the promotion failed");
    assertThat(FailureMessages.describe(new IllegalStateException()))
        .isEqualTo("the promotion failed unexpectedly");
  }
}
