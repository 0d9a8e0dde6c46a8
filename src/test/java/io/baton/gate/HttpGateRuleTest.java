package io.baton.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.gate.HttpGate.Answer;
import io.baton.gate.HttpGate.Expectation;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HttpGateRuleTest {
  private static final String URL = "http://qa.internal/version";
  private static final Instant STARTED = Instant.parse("2026-01-01T10:00:00Z");
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final Expectation STATUS_ONLY =
      new Expectation(URL, 200, Optional.empty(), Optional.empty(), TIMEOUT, INTERVAL);
  private static final Expectation VERSION =
      new Expectation(URL, 200, Optional.of("$.version"), Optional.of("1.4.0"), TIMEOUT, INTERVAL);
  private static final String LONG = "x".repeat(5000);

  static Stream<Arguments> answers() {
    Instant early = STARTED.plusSeconds(30);
    Instant late = STARTED.plus(TIMEOUT);
    return Stream.of(
        row(
            "the expected status passes",
            STATUS_ONLY,
            ok("anything"),
            early,
            "Passed",
            "http://qa.internal/version answered HTTP 200"),
        row(
            "another status waits",
            STATUS_ONLY,
            new Answer.Response(503, "down", true),
            early,
            "Waiting",
            "Waiting for http://qa.internal/version: HTTP 503 (expected 200)"),
        row(
            "the expected value passes",
            VERSION,
            ok("{\"version\":\"1.4.0\"}"),
            early,
            "Passed",
            "http://qa.internal/version answered HTTP 200, $.version is \"1.4.0\""),
        row(
            "another value waits, naming both",
            VERSION,
            ok("{\"version\":\"1.3.9\"}"),
            early,
            "Waiting",
            "Waiting for http://qa.internal/version: HTTP 200, $.version is \"1.3.9\""
                + " (expected \"1.4.0\")"),
        row(
            "a number compares as its text",
            new Expectation(URL, 200, Optional.of("$.n"), Optional.of("2"), TIMEOUT, INTERVAL),
            ok("{\"n\":2}"),
            early,
            "Passed",
            "$.n is \"2\""),
        row(
            "a path matching one value of a list compares that value",
            new Expectation(
                URL, 200, Optional.of("$..version"), Optional.of("1.4.0"), TIMEOUT, INTERVAL),
            ok("{\"app\":{\"version\":\"1.4.0\"}}"),
            early,
            "Passed",
            "is \"1.4.0\""),
        row(
            "a body that is not JSON waits",
            VERSION,
            ok("<html>1.4.0</html>"),
            early,
            "Waiting",
            "HTTP 200, the body is not JSON"),
        row(
            "nothing at the path waits",
            VERSION,
            ok("{\"other\":1}"),
            early,
            "Waiting",
            "HTTP 200, nothing at $.version"),
        row(
            "a body too large to read waits",
            VERSION,
            new Answer.Response(200, "", false),
            early,
            "Waiting",
            "larger than 1024 KiB"),
        row(
            "a refused connection waits",
            VERSION,
            new Answer.Unreachable("connection refused"),
            early,
            "Waiting",
            "Waiting for http://qa.internal/version: connection refused"),
        row(
            "the timeout fails with the URL and the last answer",
            VERSION,
            ok("{\"version\":\"1.3.9\"}"),
            late,
            "Failed",
            "http://qa.internal/version did not answer as expected within 10 min; last answer:"
                + " HTTP 200, $.version is \"1.3.9\" (expected \"1.4.0\")"),
        row(
            "unreachable at the timeout fails saying so",
            STATUS_ONLY,
            new Answer.Unreachable("timed out"),
            late.plusSeconds(1),
            "Failed",
            "last answer: timed out"),
        row(
            "the expected answer passes even at the timeout",
            VERSION,
            ok("{\"version\":\"1.4.0\"}"),
            late,
            "Passed",
            "answered"),
        row(
            "an address Baton never contacts fails at once",
            VERSION,
            new Answer.Refused("no metadata"),
            early,
            "Failed",
            "no metadata"));
  }

  private static Answer ok(String body) {
    return new Answer.Response(200, body, true);
  }

  private static Arguments row(
      String name, Expectation e, Answer a, Instant now, String outcome, String message) {
    return Arguments.of(name, e, a, now, outcome, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void decides_from_the_answer_and_the_clock(
      String name, Expectation expect, Answer answer, Instant now, String outcome, String message) {
    GateOutcome decided = HttpGate.decide(expect, answer, STARTED, now);
    assertThat(decided.getClass().getSimpleName()).isEqualTo(outcome);
    assertThat(decided.message()).contains(message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void a_waiting_gate_is_checked_again_after_its_interval_and_never_for_a_person(
      String name, Expectation expect, Answer answer, Instant now, String outcome, String m) {
    GateOutcome decided = HttpGate.decide(expect, answer, STARTED, now);
    if (decided instanceof GateOutcome.Waiting waiting) {
      assertThat(waiting.nextCheck()).isEqualTo(now.plus(INTERVAL));
      assertThat(waiting.forPerson()).isFalse();
    }
  }

  @Test
  void the_last_check_falls_on_the_timeout_not_after_it() {
    Instant now = STARTED.plus(TIMEOUT).minusSeconds(3);
    GateOutcome decided =
        HttpGate.decide(VERSION, new Answer.Unreachable("timed out"), STARTED, now);
    assertThat(((GateOutcome.Waiting) decided).nextCheck()).isEqualTo(STARTED.plus(TIMEOUT));
  }

  @Test
  void shows_at_most_a_hundred_characters_of_what_the_server_sent() {
    GateOutcome decided =
        HttpGate.decide(
            VERSION,
            ok("{\"version\":\"" + LONG + "\",\"secret\":\"s3cr3t\"}"),
            STARTED,
            STARTED.plusSeconds(1));
    assertThat(decided.message()).contains("x".repeat(100) + "...").doesNotContain("x".repeat(101));
    assertThat(decided.message()).doesNotContain("s3cr3t").hasSizeLessThan(300);
  }

  @Test
  void a_request_takes_at_most_the_interval_and_at_most_ten_seconds() {
    assertThat(HttpGate.requestMillis(Duration.ofMillis(300))).isEqualTo(300);
    assertThat(HttpGate.requestMillis(Duration.ofMinutes(5))).isEqualTo(10_000);
  }
}
