package io.baton.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GraphiQL at {@code /graphiql} itself. Vert.x serves it only at {@code /graphiql/} and redirects
 * the bare path there; this is the same page with a {@code <base>} so that its relative asset paths
 * still resolve under /graphiql/.
 */
final class GraphiqlPage {
  private static final String INDEX = "io/vertx/ext/web/handler/graphiql/index.html";
  static final String BASE = "/graphiql/";

  private static final Pattern INLINE_SCRIPT = Pattern.compile("<script>(.*?)</script>");

  private final String html;
  private final String inlineScriptHash;

  GraphiqlPage(String graphqlUri) {
    JsonObject config =
        new JsonObject()
            .put("httpEnabled", true)
            .put("graphQLUri", graphqlUri)
            .put("graphQLWSEnabled", true)
            .put("graphQLWSUri", graphqlUri);
    this.html =
        readIndex()
            .replace("<head>", "<head><base href=\"" + BASE + "\"/>")
            .replace("__VERTX_GRAPHIQL_CONFIG__", config.encode());
    this.inlineScriptHash = inlineScriptHash(html);
  }

  /** The page's one inline script (its configuration), hashed as a CSP source names it. */
  private static String inlineScriptHash(String html) {
    Matcher script = INLINE_SCRIPT.matcher(html);
    if (!script.find()) {
      throw new IllegalStateException("GraphiQL's page has no inline configuration script");
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(script.group(1).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  void handle(RoutingContext ctx) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .putHeader(
            "Content-Security-Policy",
            ContentSecurityPolicy.graphiql(
                ctx.request().getHeader(HttpHeaders.HOST), inlineScriptHash))
        .end(html);
  }

  private static String readIndex() {
    try (InputStream in = GraphiqlPage.class.getClassLoader().getResourceAsStream(INDEX)) {
      if (in == null) {
        throw new IllegalStateException(INDEX + " is not on the classpath (vertx-web-graphql)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
