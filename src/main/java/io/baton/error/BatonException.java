package io.baton.error;

/**
 * The one exception hierarchy that reaches clients. The message is written for a person and names
 * what it is about ({@code environment "qa" is used by flow "f"}); the code is stable.
 */
public class BatonException extends RuntimeException {
  private final ErrorCode code;

  public BatonException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  public static BatonException badInput(String message) {
    return new BatonException(ErrorCode.BAD_USER_INPUT, message);
  }

  public static BatonException notFound(String what, String name) {
    return new BatonException(ErrorCode.NOT_FOUND, what + " \"" + name + "\" does not exist");
  }

  public static BatonException conflict(String message) {
    return new BatonException(ErrorCode.CONFLICT, message);
  }

  public static BatonException unauthenticated(String message) {
    return new BatonException(ErrorCode.UNAUTHENTICATED, message);
  }

  public static BatonException forbidden(String message) {
    return new BatonException(ErrorCode.FORBIDDEN, message);
  }
}
