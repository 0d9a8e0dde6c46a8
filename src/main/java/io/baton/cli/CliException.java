package io.baton.cli;

/** Ends a command with an exit code and a message for people; never a stack trace. */
final class CliException extends RuntimeException {
  /** What went wrong, which decides the exit code and what the command does next. */
  enum Kind {
    /** The command line itself is wrong: the usage helps. */
    USAGE(Exit.USAGE_OR_CONNECTION),
    /** Baton does not accept a name or input given, or the token. */
    REJECTED(Exit.USAGE_OR_CONNECTION),
    /** Baton answered so that the command cannot go on, or the command was interrupted. */
    CONNECTION(Exit.USAGE_OR_CONNECTION),
    /** Baton could not be reached, or the connection broke: worth trying again once reached. */
    CONNECTION_LOST(Exit.USAGE_OR_CONNECTION),
    /** Baton refused the operation as things are (CONFLICT, FORBIDDEN, ...). */
    REFUSED(Exit.FAILURE);

    final Exit exit;

    Kind(Exit exit) {
      this.exit = exit;
    }
  }

  private final Kind kind;

  private CliException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  static CliException usage(String message) {
    return new CliException(Kind.USAGE, message);
  }

  static CliException rejected(String message) {
    return new CliException(Kind.REJECTED, message);
  }

  static CliException connection(String message) {
    return new CliException(Kind.CONNECTION, message);
  }

  static CliException connectionLost(String message) {
    return new CliException(Kind.CONNECTION_LOST, message);
  }

  static CliException refused(String message) {
    return new CliException(Kind.REFUSED, message);
  }

  Kind kind() {
    return kind;
  }

  Exit exit() {
    return kind.exit;
  }

  boolean connectionLost() {
    return kind == Kind.CONNECTION_LOST;
  }
}
