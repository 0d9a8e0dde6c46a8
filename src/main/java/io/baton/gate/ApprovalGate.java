package io.baton.gate;

import io.baton.auth.Principal;
import io.baton.auth.Role;
import io.baton.error.BatonException;
import io.baton.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code APPROVAL}: enough distinct people with the required role approve the step (an {@code
 * ADMIN} always has it); optionally not the release's initiator. One rejection fails the step. The
 * step is SUSPENDED meanwhile: it waits for a person.
 */
public final class ApprovalGate implements Gate {
  /** How often a waiting approval is looked at even when nobody answered (answers also wake it). */
  static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  static final int MAX_APPROVALS = 10;
  static final int MAX_COMMENT_LENGTH = 1000;

  @Override
  public GateKind kind() {
    return GateKind.APPROVAL;
  }

  @Override
  public Future<GateOutcome> check(GateCheck check) {
    return Future.succeededFuture(
        decide(
            rule(check.spec()),
            check.facts().initiator(),
            check.approvals(),
            check.spec().interval().orElse(DEFAULT_INTERVAL),
            check.now()));
  }

  private static GateSpec.Approval rule(GateSpec spec) {
    return spec.approval() == null ? GateSpec.Approval.DEFAULTS : spec.approval();
  }

  /**
   * Failed on the first rejection, passed once {@code rule.approvals()} distinct people approved,
   * waiting for a person otherwise. Only the answers of people the rule admits count.
   */
  static GateOutcome decide(
      GateSpec.Approval rule,
      String initiator,
      List<GateCheck.Approval> answers,
      Duration interval,
      Instant now) {
    List<GateCheck.Approval> counted =
        answers.stream()
            .filter(a -> admits(rule, initiator, a.by(), role(a.role())).isEmpty())
            .toList();
    Optional<GateCheck.Approval> rejection =
        counted.stream().filter(a -> !a.approved()).findFirst();
    if (rejection.isPresent()) {
      return new GateOutcome.Failed("Rejected by " + withComment(rejection.get()));
    }
    List<String> approvers =
        counted.stream().filter(GateCheck.Approval::approved).map(a -> a.by()).distinct().toList();
    if (approvers.size() >= rule.approvals()) {
      return new GateOutcome.Passed("Approved by " + names(approvers));
    }
    int missing = rule.approvals() - approvers.size();
    return new GateOutcome.Waiting(
        "Waiting for "
            + missing
            + (missing == 1 ? " more approval (" : " more approvals (")
            + required(rule)
            + (rule.allowInitiator() ? "" : ", not " + initiator)
            + ")"
            + (approvers.isEmpty() ? "" : "; approved by " + names(approvers)),
        now.plus(interval),
        new JsonObject(),
        true);
  }

  /** Why a request to approve or reject a step cannot be taken, for the mutation to report. */
  public record Refusal(ErrorCode code, String message) {
    public BatonException toException() {
      return new BatonException(code, message);
    }
  }

  /**
   * Whether {@code who} may approve or reject a step whose approval gates have these rules: empty
   * when some rule admits them and they have not answered yet. Role too low or the initiator where
   * a rule excludes them: {@code FORBIDDEN}; a second answer from the same person: {@code
   * CONFLICT}; a comment too long: {@code BAD_USER_INPUT}.
   */
  public static Optional<Refusal> refusal(
      List<GateSpec.Approval> rules,
      String initiator,
      List<GateCheck.Approval> answers,
      Principal who,
      String comment) {
    if (comment != null && comment.length() > MAX_COMMENT_LENGTH) {
      return Optional.of(
          new Refusal(
              ErrorCode.BAD_USER_INPUT,
              "A comment has at most " + MAX_COMMENT_LENGTH + " characters"));
    }
    Optional<Refusal> notAdmitted = notAdmittedByAny(rules, initiator, who);
    if (notAdmitted.isPresent()) {
      return notAdmitted;
    }
    return answers.stream()
        .filter(a -> a.by().equals(who.name()))
        .findFirst()
        .map(
            a ->
                new Refusal(
                    ErrorCode.CONFLICT,
                    who.name()
                        + " has already "
                        + (a.approved() ? "approved" : "rejected")
                        + " this step: each person answers once"));
  }

  private static Optional<Refusal> notAdmittedByAny(
      List<GateSpec.Approval> rules, String initiator, Principal who) {
    Optional<Refusal> first = Optional.empty();
    for (GateSpec.Approval rule : rules) {
      Optional<Refusal> refusal = admits(rule, initiator, who.name(), Optional.of(who.role()));
      if (refusal.isEmpty()) {
        return refusal;
      }
      first = first.or(() -> refusal);
    }
    return rules.isEmpty()
        ? Optional.of(new Refusal(ErrorCode.CONFLICT, "This step has no approval gate"))
        : first;
  }

  private static Optional<Refusal> admits(
      GateSpec.Approval rule, String initiator, String by, Optional<Role> role) {
    Role required = required(rule);
    if (role.isEmpty() || !role.get().allows(required)) {
      return Optional.of(
          new Refusal(
              ErrorCode.FORBIDDEN,
              by
                  + " ("
                  + role.map(Role::name).orElse("no role")
                  + ") may not approve this step: it needs "
                  + (required == Role.ADMIN ? "an ADMIN" : "a " + required + " or an ADMIN")));
    }
    if (!rule.allowInitiator() && by.equals(initiator)) {
      return Optional.of(
          new Refusal(
              ErrorCode.FORBIDDEN,
              by + " started this release, and this step must be approved by someone else"));
    }
    return Optional.empty();
  }

  private static Role required(GateSpec.Approval rule) {
    return role(rule.approverRole()).orElse(Role.PROMOTER);
  }

  private static Optional<Role> role(String name) {
    try {
      return Optional.ofNullable(name).map(Role::valueOf);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String withComment(GateCheck.Approval answer) {
    return answer.comment() == null || answer.comment().isBlank()
        ? answer.by()
        : answer.by() + ": " + answer.comment();
  }

  private static String names(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }

  /** What is wrong with an approval rule's definition; empty when it is valid. */
  public static List<String> problems(GateSpec.Approval rule) {
    List<String> problems = new ArrayList<>();
    if (rule == null) {
      return problems;
    }
    if (rule.approvals() < 1 || rule.approvals() > MAX_APPROVALS) {
      problems.add("approvals must be between 1 and " + MAX_APPROVALS);
    }
    if (rule.approverRole() != null && role(rule.approverRole()).isEmpty()) {
      problems.add(
          "approverRole \""
              + HttpGate.shown(rule.approverRole())
              + "\" is not a role (VIEWER, PROMOTER, ADMIN)");
    }
    return problems;
  }
}
