package io.baton.line;

import java.time.Instant;
import java.util.List;

/**
 * Line control as read at one moment: its version (see {@code line_control}) and every hold in
 * force. The first hold that holds a step decides its message.
 */
public record LineState(long version, List<Hold> holds) {
  public Verdict verdict(HoldSubject step, Instant now) {
    for (Hold hold : holds) {
      Verdict verdict = hold.check(step, now);
      if (verdict.held()) {
        return verdict;
      }
    }
    return Verdict.FREE;
  }
}
