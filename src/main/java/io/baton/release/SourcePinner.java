package io.baton.release;

import io.baton.product.Application;
import io.baton.product.PromotionTemplate;
import io.vertx.core.Future;

/**
 * Pins a release's source when it is created: the commit at the head of the source application's
 * branch, and the version the product's version source reads there. The Git adapter implements it.
 */
public interface SourcePinner {

  Future<Snapshot> pin(Application source, PromotionTemplate template);

  /** {@code version} may be null when the product has no version source. */
  record Snapshot(String commit, String version) {}
}
