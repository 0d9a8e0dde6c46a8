package io.baton.error;

/**
 * The one exception hierarchy that reaches clients. The message is written for a person and names
 * what it is about ({@code environment "qa" is used by flow "f"}); the code is stable.
 */
public class BatonException extends RuntimeException {
  private final ErrorCode code;
  private final String field;

  public BatonException(ErrorCode code, String message) {
    this(code, message, null);
  }

  /**
   * An error about one field of the input, e.g. {@code repoUrl} or {@code
   * promotionTemplate.versionSource.jsonPath}: clients read it as {@code extensions.field}, to show
   * the message next to that field of a form.
   */
  public BatonException(ErrorCode code, String message, String field) {
    super(message, null, false, false);
    this.code = code;
    this.field = field;
  }

  public ErrorCode code() {
    return code;
  }

  /** The input field the error is about, as a path from the input's root; null: no one field. */
  public String field() {
    return field;
  }

  /** BAD_USER_INPUT about one field of the input. */
  public static BatonException badInput(String field, String message) {
    return new BatonException(ErrorCode.BAD_USER_INPUT, message, field);
  }

  /** CONFLICT about one field of the input, e.g. a name that is taken. */
  public static BatonException conflict(String field, String message) {
    return new BatonException(ErrorCode.CONFLICT, message, field);
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
