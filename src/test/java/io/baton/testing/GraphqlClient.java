package io.baton.testing;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A small blocking GraphQL-over-HTTP client for tests, against any Baton ({@link TestServer},
 * {@link BatonProcess}). A null token sends no Authorization header.
 */
public final class GraphqlClient {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI endpoint;
  private final String token;

  public GraphqlClient(int port, String token) {
    this.endpoint = URI.create("http://localhost:" + port + "/graphql");
    this.token = token;
  }

  public HttpResponse<String> post(String query, Map<String, Object> variables) {
    JsonObject body =
        new JsonObject().put("query", query).put("variables", new JsonObject(variables));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  /** Sends any request, GraphQL or not, and reads the body as text. */
  public static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public JsonObject response(String query, Map<String, Object> variables) {
    return new JsonObject(post(query, variables).body());
  }

  /** The data of a response that must have no errors. */
  public JsonObject data(String query, Map<String, Object> variables) {
    JsonObject response = response(query, variables);
    if (response.containsKey("errors")) {
      throw new AssertionError(
          "unexpected errors: " + response.getJsonArray("errors").encodePrettily());
    }
    return response.getJsonObject("data");
  }

  public JsonObject data(String query) {
    return data(query, Map.of());
  }
}
