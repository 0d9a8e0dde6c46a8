package io.baton.trigger;

import io.baton.git.BranchLooks;
import io.baton.product.GitTriggerSelector;
import io.baton.product.ProductFlowTrigger;
import java.util.Optional;

/**
 * What the watcher does about what a look at a trigger application found: a pure function of the
 * application (its flows, the commit seen last) and the look. Several commits that came since the
 * last look are one change, and the newest is the commit that starts a release.
 */
sealed interface Decision {

  /** The branch is where it was, or is gone: nothing to do. */
  record Unchanged() implements Decision {}

  /**
   * The first look at the application: its head is where watching starts; nothing is triggered for
   * what was there before.
   */
  record Baseline(String head) implements Decision {}

  /**
   * New commits that start nothing: none changed a file under the application's path, or the newest
   * matches no flow. The head is remembered as seen.
   */
  record Skip(String head, String why) implements Decision {}

  /** New commits that start {@code flow} for the newest, {@code head}. */
  record Trigger(String head, ProductFlowTrigger flow) implements Decision {}

  static Decision of(WatchedApplication app, BranchLooks.Look look) {
    if (look.head() == null || look.head().equals(app.lastCommit())) {
      return new Unchanged();
    }
    if (app.lastCommit() == null) {
      return new Baseline(look.head());
    }
    if (!look.changed()) {
      return new Skip(look.head(), "no commit changed a file under \"" + app.path() + "\"");
    }
    Optional<ProductFlowTrigger> flow =
        ProductFlowTrigger.first(
            app.flows(), new GitTriggerSelector.Commit(look.head(), look.message()));
    return flow.<Decision>map(f -> new Trigger(look.head(), f))
        .orElseGet(() -> new Skip(look.head(), "the newest commit matches no flow's selectors"));
  }
}
