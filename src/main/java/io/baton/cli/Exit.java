package io.baton.cli;

/** The command line's exit codes: what a CI pipeline gates on. */
enum Exit {
  /** Done; with --wait, the release succeeded. */
  SUCCESS(0),
  /** The release failed or was terminated, or Baton refused the operation as things are. */
  FAILURE(1),
  /**
   * The command was used wrongly (including a name or input Baton does not accept), or Baton could
   * not be reached or refused the token.
   */
  USAGE_OR_CONNECTION(2);

  final int code;

  Exit(int code) {
    this.code = code;
  }
}
