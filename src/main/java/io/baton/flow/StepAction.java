package io.baton.flow;

import java.util.Locale;

/**
 * What a step does in its environment: COMMIT promotes by a Git commit; NONE records the source
 * version only; PULL_REQUEST pushes the commit to a branch of its own and waits for the pull
 * request it opens to be merged.
 */
public enum StepAction {
  COMMIT,
  NONE,
  PULL_REQUEST;

  /** The action as a flow's YAML writes it: {@code commit}, {@code none}, {@code pr}. */
  public String yamlName() {
    return this == PULL_REQUEST ? "pr" : name().toLowerCase(Locale.ROOT);
  }
}
