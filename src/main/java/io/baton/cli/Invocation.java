package io.baton.cli;

import java.util.Map;

/** One run of a command: its arguments, where it writes, and the environment it reads. */
record Invocation(Arguments arguments, Output output, Map<String, String> env) {
  /** A client for the Baton the options or the environment name, with their token. */
  BatonClient client() {
    return new BatonClient(Connection.of(arguments, env));
  }
}
