package io.baton.release;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A release as the engine changes it, inside one transaction. Mutable on purpose: {@link
 * ReleaseRun} applies transitions to it and records their events; {@link #revision} is the value
 * read, compared when saving.
 */
public final class Release {
  final long id;
  final long productId;
  final Long flowId;
  final String flowName;
  final Long sourceApplicationId;
  final Long triggerEnvironmentId;
  final String sourceCommit;
  final String version;
  final String triggeredBy;
  final Duration timeout;
  final Instant createdAt;
  final int revision;
  ReleaseStatus status;
  String message;
  Instant startedAt;
  Instant finishedAt;
  Instant deadlineAt;

  /**
   * The commit that started it by itself (written when it is created; not read back): at most one
   * release per product, flow and such commit.
   */
  String triggerCommit;

  boolean dirty;
  private List<ReleaseStep> steps;

  Release(
      long id,
      long productId,
      Long flowId,
      String flowName,
      Long sourceApplicationId,
      Long triggerEnvironmentId,
      String sourceCommit,
      String version,
      String triggeredBy,
      Duration timeout,
      Instant createdAt,
      int revision,
      ReleaseStatus status,
      String message,
      Instant startedAt,
      Instant finishedAt,
      Instant deadlineAt) {
    this.id = id;
    this.productId = productId;
    this.flowId = flowId;
    this.flowName = flowName;
    this.sourceApplicationId = sourceApplicationId;
    this.triggerEnvironmentId = triggerEnvironmentId;
    this.sourceCommit = sourceCommit;
    this.version = version;
    this.triggeredBy = triggeredBy;
    this.timeout = timeout;
    this.createdAt = createdAt;
    this.revision = revision;
    this.status = status;
    this.message = message;
    this.startedAt = startedAt;
    this.finishedAt = finishedAt;
    this.deadlineAt = deadlineAt;
  }

  public long id() {
    return id;
  }

  public long productId() {
    return productId;
  }

  public Long flowId() {
    return flowId;
  }

  public String promotionFlowName() {
    return flowName;
  }

  public Long sourceApplicationId() {
    return sourceApplicationId;
  }

  public Long triggerEnvironmentId() {
    return triggerEnvironmentId;
  }

  public String sourceCommit() {
    return sourceCommit;
  }

  public String version() {
    return version;
  }

  public String triggeredBy() {
    return triggeredBy;
  }

  public Duration timeout() {
    return timeout;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public ReleaseStatus status() {
    return status;
  }

  public String message() {
    return message;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Instant finishedAt() {
    return finishedAt;
  }

  public Instant deadlineAt() {
    return deadlineAt;
  }

  /**
   * The steps, when they were read together with the release (events carry them); null otherwise.
   */
  public List<ReleaseStep> steps() {
    return steps;
  }

  Release withSteps(List<ReleaseStep> steps) {
    this.steps = List.copyOf(steps);
    return this;
  }
}
