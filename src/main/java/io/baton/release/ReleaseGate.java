package io.baton.release;

import io.baton.gate.GateKind;
import io.baton.gate.GateSpec;
import io.baton.gate.GateWhen;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One gate of a release step, as the engine changes it inside one transaction (see {@link
 * ReleaseStep}). Its progress is durable: a gate resumes after a restart where it was.
 */
public final class ReleaseGate {
  final long releaseId;
  final long environmentId;
  final int position;
  final GateSpec spec;
  GateStatus status;
  String message;
  int attempt;
  Instant startedAt;
  Instant passedAt;
  JsonObject state;
  Instant nextCheckAt;

  /** As read: a check's outcome counts only if nothing changed the gate since it was claimed. */
  int revision;

  boolean dirty;

  ReleaseGate(
      long releaseId,
      long environmentId,
      int position,
      GateSpec spec,
      GateStatus status,
      String message,
      int attempt,
      Instant startedAt,
      Instant passedAt,
      JsonObject state,
      Instant nextCheckAt) {
    this.releaseId = releaseId;
    this.environmentId = environmentId;
    this.position = position;
    this.spec = spec;
    this.status = status;
    this.message = message;
    this.attempt = attempt;
    this.startedAt = startedAt;
    this.passedAt = passedAt;
    this.state = state == null ? new JsonObject() : state;
    this.nextCheckAt = nextCheckAt;
  }

  static ReleaseGate pending(long releaseId, long environmentId, int position, GateSpec spec) {
    return new ReleaseGate(
        releaseId,
        environmentId,
        position,
        spec,
        GateStatus.PENDING,
        null,
        0,
        null,
        null,
        null,
        null);
  }

  public int position() {
    return position;
  }

  public GateSpec spec() {
    return spec;
  }

  public GateKind kind() {
    return spec.kind();
  }

  public GateWhen when() {
    return spec.when();
  }

  public GateStatus status() {
    return status;
  }

  public String message() {
    return message;
  }

  public Instant startedAt() {
    return startedAt;
  }

  /** "SOAK gate 2 (AFTER)": how messages name the gate. */
  String name() {
    return spec.kind() + " gate " + (position + 1) + " (" + spec.when() + ")";
  }

  void start(int stepAttempt, Instant now) {
    status = GateStatus.RUNNING;
    attempt = stepAttempt;
    startedAt = now;
    passedAt = null;
    message = null;
    state = new JsonObject();
    nextCheckAt = now;
    dirty = true;
  }

  void reset() {
    status = GateStatus.PENDING;
    message = null;
    startedAt = null;
    passedAt = null;
    state = new JsonObject();
    nextCheckAt = null;
    dirty = true;
  }
}
