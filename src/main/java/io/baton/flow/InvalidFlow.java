package io.baton.flow;

import io.baton.error.BatonException;
import io.baton.error.ErrorCode;

/**
 * A flow that breaks a rule of {@link FlowValidation}. {@code field} is the path of the offending
 * part of the definition ({@code steps[1].dependsOn}), so that YAML can point at the line it came
 * from.
 */
public final class InvalidFlow extends BatonException {
  private final String field;

  public InvalidFlow(String field, String message) {
    super(ErrorCode.BAD_USER_INPUT, message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
