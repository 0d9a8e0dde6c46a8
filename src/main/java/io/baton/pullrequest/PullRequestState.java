package io.baton.pullrequest;

/** Where a pull request is, in every provider's words: open, merged, or closed without merging. */
public enum PullRequestState {
  OPEN,
  MERGED,
  CLOSED;

  public boolean isTerminal() {
    return this != OPEN;
  }
}
