package io.baton.release;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/** How the engine reads a flow to snapshot it into a release (the flow package implements it). */
public interface FlowSnapshots {

  /** Fails with NOT_FOUND when there is no flow of that name. */
  Future<FlowSnapshot> snapshot(String flowName);

  record FlowSnapshot(long id, String name, Duration timeout, long triggerEnvironmentId, List<Step> steps) {}

  /** {@code action} is COMMIT or NONE. */
  record Step(long environmentId, List<Long> dependsOn, String action) {}
}
