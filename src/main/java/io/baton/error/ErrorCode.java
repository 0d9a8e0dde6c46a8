package io.baton.error;

/** The stable codes a client sees in {@code extensions.code} (docs/api.md, "Errors"). */
public enum ErrorCode {
  BAD_USER_INPUT,
  NOT_FOUND,
  CONFLICT,
  UNAUTHENTICATED,
  FORBIDDEN,
  /** A limit on what one client may hold at once was reached: finish something first. */
  LIMIT_EXCEEDED,
  /** A replay's cursor is older than the history Baton keeps: retention deleted events after it. */
  CURSOR_EXPIRED,
  INTERNAL
}
