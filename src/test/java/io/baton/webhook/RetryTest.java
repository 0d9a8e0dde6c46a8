package io.baton.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What follows an attempt: delivered, again after a backoff with jitter, or given up. */
class RetryTest {
  private static final Retry RETRY =
      new Retry(Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofDays(1));
  private static final Instant CREATED = Instant.parse("2026-11-30T12:00:00Z");
  private static final Sender.Answer ERROR = new Sender.Answer.Response(500, "broken");

  @Test
  void a_2xx_answer_delivers_and_anything_else_is_tried_again() {
    assertThat(RETRY.after(new Sender.Answer.Response(204, null), 1, CREATED, CREATED, () -> 0))
        .isInstanceOf(Retry.Next.Delivered.class);
    assertThat(RETRY.after(new Sender.Answer.Response(302, null), 1, CREATED, CREATED, () -> 0))
        .isInstanceOf(Retry.Next.Again.class);
    assertThat(
            RETRY.after(new Sender.Answer.Unreachable("timed out"), 1, CREATED, CREATED, () -> 0))
        .isInstanceOf(Retry.Next.Again.class);
  }

  @Test
  void the_backoff_doubles_with_each_attempt_up_to_its_maximum() {
    assertThat(RETRY.backoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(RETRY.backoff(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(RETRY.backoff(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(RETRY.backoff(13)).isEqualTo(Duration.ofHours(1));
    assertThat(RETRY.backoff(1000)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void jitter_waits_between_half_the_backoff_and_all_of_it() {
    Instant now = CREATED.plusSeconds(60);
    assertThat(((Retry.Next.Again) RETRY.after(ERROR, 5, CREATED, now, () -> 0)).at())
        .isEqualTo(now.plusSeconds(8));
    assertThat(((Retry.Next.Again) RETRY.after(ERROR, 5, CREATED, now, () -> 0.999999)).at())
        .isBetween(now.plusMillis(15_990), now.plusSeconds(16));
  }

  @Test
  void a_delivery_is_retried_until_a_day_after_it_was_made_then_given_up() {
    Instant nearTheEnd = CREATED.plus(Duration.ofDays(1)).minusSeconds(10);
    assertThat(((Retry.Next.Again) RETRY.after(ERROR, 30, CREATED, nearTheEnd, () -> 0)).at())
        .as("the last attempt is made at the end of the window")
        .isEqualTo(CREATED.plus(Duration.ofDays(1)));
    assertThat(RETRY.after(ERROR, 31, CREATED, CREATED.plus(Duration.ofDays(1)), () -> 0))
        .isInstanceOf(Retry.Next.GiveUp.class);
  }

  @Test
  void an_address_baton_never_contacts_is_given_up_at_once() {
    assertThat(RETRY.after(new Sender.Answer.Refused("metadata"), 1, CREATED, CREATED, () -> 0))
        .isInstanceOf(Retry.Next.GiveUp.class);
  }
}
