package io.baton.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * GraphiQL at {@code /graphiql} itself. Vert.x serves it only at {@code /graphiql/} and redirects
 * the bare path there; this is the same page with a {@code <base>} so that its relative asset paths
 * still resolve under /graphiql/.
 */
final class GraphiqlPage {
  private static final String INDEX = "io/vertx/ext/web/handler/graphiql/index.html";
  static final String BASE = "/graphiql/";

  private final String html;

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
  }

  void handle(RoutingContext ctx) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
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
