package io.baton.hooks;

/** The kinds of delivery the receiver tells apart, from the provider's event header. */
enum HookEvent {
  /** Commits (or tags) pushed: wakes the watcher. */
  PUSH,
  /** The provider checking that the URL and secret work (GitHub's {@code ping}). */
  PING,
  /** Any other event the webhook was set to send; acknowledged and ignored. */
  OTHER
}
