package io.baton.hooks;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;

/**
 * Where the receiver hands a verified delivery that is not a push: pull request promotion looks for
 * a merged or closed pull request in it.
 */
@FunctionalInterface
public interface PullRequestHooks {
  PullRequestHooks NONE = (headers, payload) -> false;

  /**
   * Whether the delivery says a pull request was merged or closed (and was taken to be looked at);
   * false for any other event.
   */
  boolean offer(MultiMap headers, JsonObject payload);
}
