package io.baton.cli;

/** Ends a command with an exit code and a message for people; never a stack trace. */
final class CliException extends RuntimeException {
  private final Exit exit;
  private final boolean connectionLost;

  CliException(Exit exit, String message) {
    this(exit, message, false);
  }

  private CliException(Exit exit, String message, boolean connectionLost) {
    super(message);
    this.exit = exit;
    this.connectionLost = connectionLost;
  }

  static CliException usage(String message) {
    return new CliException(Exit.USAGE_OR_CONNECTION, message);
  }

  static CliException connection(String message) {
    return new CliException(Exit.USAGE_OR_CONNECTION, message);
  }

  /**
   * Baton could not be reached, or the connection to it broke: worth trying again once it had been
   * reached (it may be restarting).
   */
  static CliException connectionLost(String message) {
    return new CliException(Exit.USAGE_OR_CONNECTION, message, true);
  }

  static CliException refused(String message) {
    return new CliException(Exit.FAILURE, message);
  }

  Exit exit() {
    return exit;
  }

  boolean connectionLost() {
    return connectionLost;
  }
}
