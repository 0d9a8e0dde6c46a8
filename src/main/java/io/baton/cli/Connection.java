package io.baton.cli;

import io.baton.Config;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Which Baton to talk to and as whom: {@code --server} or {@code BATON_SERVER} (default the
 * server's own default port on localhost), {@code --token} or {@code BATON_TOKEN}.
 */
record Connection(URI server, String token) {
  static final String DEFAULT_SERVER = "http://localhost:" + Config.DEFAULT_PORT;

  static Connection of(Arguments args, Map<String, String> env) {
    String server =
        args.value("--server")
            .or(() -> nonBlank(env.get("BATON_SERVER")))
            .orElse(DEFAULT_SERVER)
            .trim()
            .replaceAll("/+$", "");
    if (!server.matches("(?i)https?://[^/?#\\s]+(/[^?#\\s]*)?")) {
      throw CliException.usage(
          "the server must be an http:// or https:// URL, e.g. "
              + DEFAULT_SERVER
              + ", not "
              + server);
    }
    String token =
        args.value("--token")
            .or(() -> nonBlank(env.get("BATON_TOKEN")))
            .orElseThrow(
                () ->
                    CliException.usage(
                        "no API token: pass --token or set BATON_TOKEN (the admin token is in"
                            + " the server's data directory, in admin-token)"));
    return new Connection(URI.create(server), token.trim());
  }

  URI graphqlHttp() {
    return URI.create(server + "/graphql");
  }

  URI graphqlWebSocket() {
    return URI.create(server.toString().replaceFirst("(?i)^http", "ws") + "/graphql");
  }

  private static Optional<String> nonBlank(String value) {
    return Optional.ofNullable(value).filter(s -> !s.isBlank());
  }
}
