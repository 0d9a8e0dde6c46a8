package io.baton.http;

import java.util.regex.Pattern;

/**
 * The Content-Security-Policy of the pages Baton serves. Scripts come from Baton only (GraphiQL's
 * one inline script is allowed by its hash); styles may be inline, because the editors and the flow
 * chart (CodeMirror, React Flow) set styles at run time; nothing may frame a page.
 */
final class ContentSecurityPolicy {
  /** A Host header that can go into the policy as it is: a name or address, and a port. */
  private static final Pattern PLAIN_HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?");

  private ContentSecurityPolicy() {}

  /** The web app's policy, for a page served to {@code host} (the request's Host header). */
  static String webApp(String host) {
    return policy("'self'", host);
  }

  /** GraphiQL's policy: its own scripts and its inline configuration, whose hash is given. */
  static String graphiql(String host, String inlineScriptHash) {
    return policy("'self' 'sha256-" + inlineScriptHash + "'", host);
  }

  private static String policy(String scripts, String host) {
    return "default-src 'self'; script-src "
        + scripts
        + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'"
        + webSockets(host)
        + "; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
  }

  /**
   * The GraphQL WebSocket beside the page: browsers that predate CSP 3 do not count ws: and wss: as
   * 'self'. A Host header that is not a plain host and port gets nothing added.
   */
  private static String webSockets(String host) {
    if (host == null || !PLAIN_HOST.matcher(host).matches()) {
      return "";
    }
    return " ws://" + host + " wss://" + host;
  }
}
