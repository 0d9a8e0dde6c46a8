package io.baton.release;

import io.baton.audit.Audit;
import io.baton.product.Application;
import io.baton.product.Product;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/**
 * A release to make, once its catalog reads are done: all it waits for is its pin. One class per
 * kind of release (a run of a stored flow, a manual promotion, a rollback); {@link ReleaseService}
 * pins, admits and creates any of them the same way and never asks which kind it holds.
 */
public interface ReleaseDraft {

  Product product();

  /** Who or what asked for it: its {@code triggeredBy}, and the commit that started it, if any. */
  TriggerSource by();

  /** The audit entry of the mutation that asked for it, written in the transaction creating it. */
  Audit audit();

  /** The application whose pinned commit the release's COMMIT steps promote from. */
  Application source();

  /** The stored flow it runs; null for a release of no stored flow. */
  Long flowId();

  /** What the releases list shows: the flow's name, {@code Manual}, {@code Rollback}. */
  String flowName();

  /** The environment of its trigger step; null when it has none. */
  Long triggerEnvironmentId();

  Duration timeout();

  /** Its steps, in order: a step starts once the environments it depends on are done. */
  List<PlannedStep> steps();

  /** Reads the commit of the source the release is pinned to, and the version there. */
  Future<SourcePinner.Snapshot> pin(SourcePinner pinner);
}
