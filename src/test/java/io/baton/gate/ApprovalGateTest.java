package io.baton.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.auth.Principal;
import io.baton.auth.Role;
import io.baton.error.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApprovalGateTest {
  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
  private static final Duration INTERVAL = Duration.ofMinutes(1);
  private static final String INITIATOR = "alice";
  private static final GateSpec.Approval ONE = GateSpec.Approval.DEFAULTS;
  private static final GateSpec.Approval TWO_OTHERS = new GateSpec.Approval(2, "PROMOTER", false);
  private static final GateSpec.Approval ONE_ADMIN = new GateSpec.Approval(1, "ADMIN", true);

  private static GateCheck.Approval yes(String by, String role) {
    return new GateCheck.Approval(by, role, true, "looks good", NOW);
  }

  private static GateCheck.Approval no(String by, String role, String comment) {
    return new GateCheck.Approval(by, role, false, comment, NOW);
  }

  static Stream<Arguments> answers() {
    return Stream.of(
        Arguments.of(
            "nobody answered", ONE, List.of(), "Waiting", "Waiting for 1 more approval (PROMOTER)"),
        Arguments.of(
            "one promoter approved",
            ONE,
            List.of(yes("bob", "PROMOTER")),
            "Passed",
            "Approved by bob"),
        Arguments.of(
            "an admin approved where a promoter is needed",
            ONE,
            List.of(yes("root", "ADMIN")),
            "Passed",
            "Approved by root"),
        Arguments.of(
            "a viewer's approval does not count",
            ONE,
            List.of(yes("vic", "VIEWER")),
            "Waiting",
            "Waiting for 1 more approval (PROMOTER)"),
        Arguments.of(
            "an unknown role does not count",
            ONE,
            List.of(yes("x", "OWNER")),
            "Waiting",
            "Waiting for 1 more approval (PROMOTER)"),
        Arguments.of(
            "the initiator may approve by default",
            ONE,
            List.of(yes(INITIATOR, "PROMOTER")),
            "Passed",
            "Approved by alice"),
        Arguments.of(
            "the initiator does not count when excluded",
            TWO_OTHERS,
            List.of(yes(INITIATOR, "ADMIN"), yes("bob", "PROMOTER")),
            "Waiting",
            "Waiting for 1 more approval (PROMOTER, not alice); approved by bob"),
        Arguments.of(
            "the same person twice counts once",
            TWO_OTHERS,
            List.of(yes("bob", "PROMOTER"), yes("bob", "PROMOTER")),
            "Waiting",
            "Waiting for 1 more approval (PROMOTER, not alice); approved by bob"),
        Arguments.of(
            "two distinct promoters pass",
            TWO_OTHERS,
            List.of(yes("bob", "PROMOTER"), yes("carol", "PROMOTER")),
            "Passed",
            "Approved by bob and carol"),
        Arguments.of(
            "none of two",
            TWO_OTHERS,
            List.of(),
            "Waiting",
            "Waiting for 2 more approvals (PROMOTER, not alice)"),
        Arguments.of(
            "a promoter is not enough where an admin is needed",
            ONE_ADMIN,
            List.of(yes("bob", "PROMOTER")),
            "Waiting",
            "Waiting for 1 more approval (ADMIN)"),
        Arguments.of(
            "one rejection fails with the rejecter's comment",
            TWO_OTHERS,
            List.of(yes("bob", "PROMOTER"), no("carol", "PROMOTER", "error rate is up")),
            "Failed",
            "Rejected by carol: error rate is up"),
        Arguments.of(
            "a rejection fails even after enough approvals",
            ONE,
            List.of(yes("bob", "PROMOTER"), no("carol", "ADMIN", "no")),
            "Failed",
            "Rejected by carol: no"),
        Arguments.of(
            "a rejection without comment names the rejecter",
            ONE,
            List.of(no("carol", "PROMOTER", "")),
            "Failed",
            "Rejected by carol"),
        Arguments.of(
            "a viewer's rejection does not count",
            ONE,
            List.of(no("vic", "VIEWER", "no")),
            "Waiting",
            "Waiting for 1 more approval (PROMOTER)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void decides_from_the_answers_given(
      String name,
      GateSpec.Approval rule,
      List<GateCheck.Approval> answers,
      String outcome,
      String message) {
    GateOutcome decided = ApprovalGate.decide(rule, INITIATOR, answers, INTERVAL, NOW);
    assertThat(decided.getClass().getSimpleName()).isEqualTo(outcome);
    assertThat(decided.message()).isEqualTo(message);
    if (decided instanceof GateOutcome.Waiting waiting) {
      assertThat(waiting.forPerson()).isTrue();
      assertThat(waiting.nextCheck()).isEqualTo(NOW.plus(INTERVAL));
    }
  }

  static Stream<Arguments> requests() {
    return Stream.of(
        Arguments.of("a promoter", List.of(ONE), List.of(), who("bob", Role.PROMOTER), null, ""),
        Arguments.of(
            "an admin where a promoter is needed",
            List.of(ONE),
            List.of(),
            who("root", Role.ADMIN),
            null,
            ""),
        Arguments.of(
            "a viewer",
            List.of(ONE),
            List.of(),
            who("vic", Role.VIEWER),
            ErrorCode.FORBIDDEN,
            "vic (VIEWER) may not approve this step: it needs a PROMOTER" + " or an ADMIN"),
        Arguments.of(
            "a promoter where an admin is needed",
            List.of(ONE_ADMIN),
            List.of(),
            who("bob", Role.PROMOTER),
            ErrorCode.FORBIDDEN,
            "it needs an ADMIN"),
        Arguments.of(
            "the initiator where excluded",
            List.of(TWO_OTHERS),
            List.of(),
            who(INITIATOR, Role.ADMIN),
            ErrorCode.FORBIDDEN,
            "alice started this release, and this step must be approved by someone else"),
        Arguments.of(
            "the initiator where allowed",
            List.of(ONE),
            List.of(),
            who(INITIATOR, Role.PROMOTER),
            null,
            ""),
        Arguments.of(
            "the initiator admitted by one of two rules",
            List.of(TWO_OTHERS, ONE),
            List.of(),
            who(INITIATOR, Role.PROMOTER),
            null,
            ""),
        Arguments.of(
            "the same person twice",
            List.of(TWO_OTHERS),
            List.of(yes("bob", "PROMOTER")),
            who("bob", Role.PROMOTER),
            ErrorCode.CONFLICT,
            "bob has already approved this step: each person answers once"),
        Arguments.of(
            "after a rejection",
            List.of(ONE),
            List.of(no("bob", "PROMOTER", "x")),
            who("bob", Role.PROMOTER),
            ErrorCode.CONFLICT,
            "bob has already rejected"),
        Arguments.of(
            "a step without approval gate",
            List.of(),
            List.of(),
            who("bob", Role.ADMIN),
            ErrorCode.CONFLICT,
            "no approval gate"));
  }

  private static Principal who(String name, Role role) {
    return new Principal(7, name, role);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void says_who_may_approve_or_reject(
      String name,
      List<GateSpec.Approval> rules,
      List<GateCheck.Approval> answers,
      Principal who,
      ErrorCode code,
      String message) {
    Optional<ApprovalGate.Refusal> refusal =
        ApprovalGate.refusal(rules, INITIATOR, answers, who, "ok");
    if (code == null) {
      assertThat(refusal).isEmpty();
      return;
    }
    assertThat(refusal).isPresent();
    assertThat(refusal.get().code()).isEqualTo(code);
    assertThat(refusal.get().message()).contains(message);
    assertThat(refusal.get().toException().code()).isEqualTo(code);
  }

  @Test
  void a_comment_has_a_bounded_length() {
    Optional<ApprovalGate.Refusal> refusal =
        ApprovalGate.refusal(
            List.of(ONE), INITIATOR, List.of(), who("bob", Role.PROMOTER), "x".repeat(1001));
    assertThat(refusal.map(ApprovalGate.Refusal::code)).contains(ErrorCode.BAD_USER_INPUT);
  }

  @Test
  void a_rule_needs_a_sensible_count_and_a_known_role() {
    assertThat(ApprovalGate.problems(ONE)).isEmpty();
    assertThat(ApprovalGate.problems(new GateSpec.Approval(0, "PROMOTER", true))).hasSize(1);
    assertThat(ApprovalGate.problems(new GateSpec.Approval(11, "PROMOTER", true))).hasSize(1);
    assertThat(ApprovalGate.problems(new GateSpec.Approval(1, "OWNER", true)))
        .containsExactly("approverRole \"OWNER\" is not a role (VIEWER, PROMOTER, ADMIN)");
  }
}
