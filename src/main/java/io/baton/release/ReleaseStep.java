package io.baton.release;

import io.baton.environment.Environment;
import io.baton.flow.StepAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A release in one environment, as the engine changes it inside one transaction (see {@link
 * Release}).
 */
public final class ReleaseStep {
  final long releaseId;
  final long environmentId;
  final String environmentName;
  final int position;
  final List<Long> dependsOn;
  final StepAction action;
  final Long applicationId;
  final int revision;
  StepStatus status;
  String message;
  String commitSha;
  String version;
  int attempt;
  Instant startedAt;
  Instant finishedAt;
  String leaseOwner;
  Instant leaseUntil;
  boolean dirty;

  /**
   * Held by line control before its action (SUSPENDED): judged again at holdCheckAt, or once the
   * line's version passes holdVersion.
   */
  boolean held;

  Instant holdCheckAt;
  Long holdVersion;

  /** Who let this step through freeze windows, and why; null: nobody. */
  String freezeOverride;

  /** The step's gates in the order they run (BEFORE ones, then AFTER ones); empty: none. */
  List<ReleaseGate> gates = new ArrayList<>();

  /** The step's environment when it was read with the step (null for a step built in memory). */
  Environment environment;

  ReleaseStep(
      long releaseId,
      long environmentId,
      String environmentName,
      int position,
      List<Long> dependsOn,
      StepAction action,
      Long applicationId,
      int revision,
      StepStatus status,
      String message,
      String commitSha,
      String version,
      int attempt,
      Instant startedAt,
      Instant finishedAt,
      String leaseOwner,
      Instant leaseUntil) {
    this.releaseId = releaseId;
    this.environmentId = environmentId;
    this.environmentName = environmentName;
    this.position = position;
    this.dependsOn = List.copyOf(dependsOn);
    this.action = action;
    this.applicationId = applicationId;
    this.revision = revision;
    this.status = status;
    this.message = message;
    this.commitSha = commitSha;
    this.version = version;
    this.attempt = attempt;
    this.startedAt = startedAt;
    this.finishedAt = finishedAt;
    this.leaseOwner = leaseOwner;
    this.leaseUntil = leaseUntil;
  }

  /** A step's attempt: its gates are the step's, its approvals the attempt's. */
  public record Key(long releaseId, long environmentId, int attempt) {}

  public Key key() {
    return new Key(releaseId, environmentId, attempt);
  }

  public long releaseId() {
    return releaseId;
  }

  public long environmentId() {
    return environmentId;
  }

  public String environmentName() {
    return environmentName;
  }

  public Environment environment() {
    return environment;
  }

  public List<ReleaseGate> gates() {
    return gates;
  }

  public int position() {
    return position;
  }

  public List<Long> dependsOn() {
    return dependsOn;
  }

  public StepAction action() {
    return action;
  }

  public Long applicationId() {
    return applicationId;
  }

  public StepStatus status() {
    return status;
  }

  public String message() {
    return message;
  }

  public String commitSha() {
    return commitSha;
  }

  public String version() {
    return version;
  }

  public int attempt() {
    return attempt;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Instant finishedAt() {
    return finishedAt;
  }
}
