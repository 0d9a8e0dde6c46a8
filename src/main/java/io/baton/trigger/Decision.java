package io.baton.trigger;

import io.baton.git.BranchLooks;
import io.baton.product.GitTriggerSelector;
import io.baton.product.ProductFlowTrigger;
import java.util.Optional;

/**
 * What the watcher does about what a look at a trigger application found: a pure function of the
 * application (its flows, the commit seen last) and the look. Several commits that came since the
 * last look are one change: the newest of them that changed a file under the application's path is
 * the commit whose message and SHA the selectors read, that starts a release, and that the release
 * is pinned to. Commits after it changed nothing there (another application's, or Baton's own
 * promotions into other environments of the same repository), so it is the same content; and it
 * stays the same commit however far the branch has moved on when an instance looks, which is what
 * lets the database refuse a second release for it.
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

  /**
   * New commits, up to {@code head}, that start {@code flow} for {@code commit}, the newest that
   * changed the application's path.
   */
  record Trigger(String head, String commit, ProductFlowTrigger flow) implements Decision {}

  static Decision of(WatchedApplication app, BranchLooks.Look look) {
    if (look.head() == null || look.head().equals(app.lastCommit())) {
      return new Unchanged();
    }
    if (app.lastCommit() == null) {
      return new Baseline(look.head());
    }
    if (look.change() == null) {
      return new Skip(look.head(), "no commit changed a file under \"" + app.path() + "\"");
    }
    Optional<ProductFlowTrigger> flow =
        ProductFlowTrigger.first(
            app.flows(), new GitTriggerSelector.Commit(look.change(), look.message()));
    return flow.<Decision>map(f -> new Trigger(look.head(), look.change(), f))
        .orElseGet(
            () ->
                new Skip(look.head(), "commit " + look.change() + " matches no flow's selectors"));
  }
}
