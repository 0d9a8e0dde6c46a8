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

  /**
   * Pins {@code commit} of the source application's branch (fetched if the cache lacks it) and the
   * version there. This default, for stand-ins that read no Git, pins the commit with the version
   * at the head.
   */
  default Future<Snapshot> pinAt(Application source, PromotionTemplate template, String commit) {
    return pin(source, template).map(head -> new Snapshot(commit, head.version()));
  }

  /** {@code version} may be null when the product has no version source. */
  record Snapshot(String commit, String version) {}
}
