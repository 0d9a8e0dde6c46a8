package io.baton.cli;

/**
 * {@code watch RELEASE_ID}: prints each transition of a release as it arrives, and exits when the
 * release ends (0 when it succeeded, 1 when it failed or was terminated).
 */
final class WatchCommand implements Command {
  @Override
  public String name() {
    return "watch";
  }

  @Override
  public Syntax syntax() {
    return Syntax.of("RELEASE_ID");
  }

  @Override
  public String usage() {
    return "watch RELEASE_ID  print a release's transitions live until it ends";
  }

  @Override
  public Exit run(Invocation invocation) {
    return ReleaseFollower.follow(
        invocation.client(),
        invocation.output(),
        invocation.arguments().positional(0),
        ReleaseFollower.Events.AS_JSON_LINES);
  }
}
