package io.baton.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A small, asynchronous GraphQL-over-HTTP client for the benchmarks: keep-alive connections, bearer
 * token.
 */
final class Gql {
  private final HttpClient http;
  private final int port;
  private final String token;

  Gql(Vertx vertx, int port, String token, int connections) {
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
            new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    this.port = port;
    this.token = token;
  }

  /** The raw response body of a POST; fails on a non-200 status. */
  Future<Buffer> post(Buffer body) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost("localhost")
            .setPort(port)
            .setURI("/graphql")
            .putHeader("Content-Type", "application/json")
            .putHeader("Accept", "application/json")
            .putHeader("Authorization", "Bearer " + token);
    return http.request(options)
        .compose(request -> request.send(body))
        .compose(
            response ->
                response
                    .body()
                    .compose(
                        b ->
                            response.statusCode() == 200
                                ? Future.succeededFuture(b)
                                : Future.failedFuture("HTTP " + response.statusCode() + ": " + b)));
  }

  static Buffer body(String query, Map<String, Object> variables) {
    return new JsonObject()
        .put("query", query)
        .put("variables", new JsonObject(variables))
        .toBuffer();
  }

  /** The data of a request that must succeed without errors. */
  Future<JsonObject> data(String query, Map<String, Object> variables) {
    return post(body(query, variables))
        .map(
            b -> {
              JsonObject response = b.toJsonObject();
              if (response.containsKey("errors")) {
                throw new IllegalStateException(
                    "GraphQL errors: " + response.getJsonArray("errors").encode());
              }
              return response.getJsonObject("data");
            });
  }

  JsonObject await(String query, Map<String, Object> variables) {
    return await(data(query, variables));
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
