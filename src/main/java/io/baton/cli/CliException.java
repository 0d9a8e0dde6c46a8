package io.baton.cli;

/** Ends a command with an exit code and a message for people; never a stack trace. */
final class CliException extends RuntimeException {
  private final Exit exit;

  CliException(Exit exit, String message) {
    super(message);
    this.exit = exit;
  }

  static CliException usage(String message) {
    return new CliException(Exit.USAGE_OR_CONNECTION, message);
  }

  static CliException connection(String message) {
    return new CliException(Exit.USAGE_OR_CONNECTION, message);
  }

  static CliException refused(String message) {
    return new CliException(Exit.FAILURE, message);
  }

  Exit exit() {
    return exit;
  }
}
