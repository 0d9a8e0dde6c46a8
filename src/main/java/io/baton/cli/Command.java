package io.baton.cli;

/** One command of the command line: {@code java -jar baton.jar <name> ...}. */
interface Command {
  /** The word that names it on the command line. */
  String name();

  /** Its arguments and options, besides the global ones. */
  Syntax syntax();

  /** One usage line: its arguments, then what it does. */
  String usage();

  Exit run(Invocation invocation);
}
