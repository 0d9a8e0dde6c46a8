package io.baton.pullrequest;

import io.baton.http.ConnectionFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The HTTP every provider's API is spoken over: JSON in and out, a header with the token, a
 * timeout, and failures as {@link PullRequestException}s saying which repository and what happened
 * (never the token). Non-blocking.
 */
final class ProviderHttp {
  static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  private final HttpClient http;
  private final Duration timeout;

  ProviderHttp(Vertx vertx, Duration timeout) {
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setKeepAlive(true)
                .setConnectTimeout((int) Math.min(timeout.toMillis(), 10_000)),
            new PoolOptions().setHttp1MaxSize(4).setMaxWaitQueueSize(1_000));
    this.timeout = timeout;
  }

  Future<JsonObject> object(
      HttpMethod method, String url, Map<String, String> headers, JsonObject body, String what) {
    return send(method, url, headers, body, what).map(b -> parse(b, what, JsonObject.class));
  }

  Future<JsonArray> array(String url, Map<String, String> headers, String what) {
    return send(HttpMethod.GET, url, headers, null, what).map(b -> parse(b, what, JsonArray.class));
  }

  Future<Void> close() {
    return http.close();
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private Future<Buffer> send(
      HttpMethod method, String url, Map<String, String> headers, JsonObject body, String what) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setAbsoluteURI(url)
            .setTimeout(timeout.toMillis())
            .putHeader("Accept", "application/json")
            .putHeader("User-Agent", "Baton");
    headers.forEach(options::putHeader);
    if (body != null) {
      options.putHeader("Content-Type", "application/json");
    }
    return http.request(options)
        .compose(
            request ->
                (body == null ? request.send() : request.send(body.toBuffer()))
                    .compose(response -> read(response, what)))
        .recover(failure -> Future.failedFuture(problem(failure, what)));
  }

  private static PullRequestException problem(Throwable failure, String what) {
    if (failure instanceof PullRequestException known) {
      return known;
    }
    return new PullRequestException(
        what
            + " got no answer: "
            + ConnectionFailure.of(failure)
                .map(ConnectionFailure::text)
                .orElse(String.valueOf(failure.getMessage())),
        failure);
  }

  private static Future<Buffer> read(HttpClientResponse response, String what) {
    int status = response.statusCode();
    return response
        .body()
        .compose(
            body -> {
              if (status / 100 != 2) {
                return Future.failedFuture(
                    new PullRequestException(what + " answered HTTP " + status, status));
              }
              if (body.length() > MAX_BODY_BYTES) {
                return Future.failedFuture(
                    new PullRequestException(what + ": the answer is too large", 0));
              }
              return Future.succeededFuture(body);
            });
  }

  private static <T> T parse(Buffer body, String what, Class<T> type) {
    try {
      Object value = Json.decode(body);
      if (!type.isInstance(value)) {
        throw new PullRequestException(what + " answered with something other than JSON", 0);
      }
      return type.cast(value);
    } catch (DecodeException e) {
      throw new PullRequestException(what + " answered with something other than JSON", e);
    }
  }

  /** Decodes a JSON object or array. */
  private static final class Json {
    static Object decode(Buffer body) {
      String text = body.toString(StandardCharsets.UTF_8).trim();
      return text.startsWith("[") ? new JsonArray(text) : new JsonObject(text);
    }
  }
}
