package io.baton.trigger;

/**
 * Wakes the Git watcher for the repositories a push names, so that it looks at them now rather than
 * at its next poll. Repositories it does not watch are ignored.
 */
@FunctionalInterface
public interface Wakeup {
  /** Never blocks; the look itself happens later, on the watcher's own schedule. */
  void wake(PushNotice notice);

  /** For a server that watches nothing. */
  Wakeup NONE = notice -> {};
}
