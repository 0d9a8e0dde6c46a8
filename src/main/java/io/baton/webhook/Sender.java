package io.baton.webhook;

import io.baton.http.ConnectionFailure;
import io.baton.http.OutboundAddress;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * POSTs one delivery and tells what came of it; never fails. The whole exchange (connecting,
 * sending, the answer) takes at most the request timeout, so a receiver that hangs holds nothing
 * for longer; it reads at most {@link #MAX_READ} bytes of the answer. Never contacts a link-local
 * (cloud metadata) address and never follows a redirect.
 */
final class Sender {
  static final int MAX_READ = 16 * 1024;
  static final int MAX_EXCERPT = 500;

  private final Vertx vertx;
  private final HttpClient client;
  private final Duration timeout;

  Sender(Vertx vertx, Duration timeout, int maxConnections) {
    this.vertx = vertx;
    this.timeout = timeout;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setMaxRedirects(0)
                .setTrustAll(false),
            new PoolOptions().setHttp1MaxSize(maxConnections));
  }

  /** What the receiver answered, or why it did not. */
  sealed interface Answer {
    record Response(int status, String excerpt) implements Answer {
      boolean delivered() {
        return status >= 200 && status < 300;
      }
    }

    /** No answer: refused, timed out, not found... */
    record Unreachable(String reason) implements Answer {}

    /** Baton will not POST to this address at all. */
    record Refused(String reason) implements Answer {}
  }

  Future<Answer> post(String url, MultiMap headers, Buffer body) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(url)
            .setFollowRedirects(false)
            .setConnectTimeout(timeout.toMillis())
            .setIdleTimeout(timeout.toMillis())
            .setHeaders(headers);
    return OutboundAddress.pin(vertx, options)
        .compose(
            address ->
                address.refused()
                    ? Future.succeededFuture(new Answer.Refused(address.refusal(options.getHost())))
                    : postTo(options, body))
        .recover(e -> Future.succeededFuture(unreachable(e)));
  }

  private Future<Answer> postTo(RequestOptions options, Buffer body) {
    return client
        .request(options)
        .compose(
            request ->
                request
                    .send(body)
                    .compose(Sender::answer)
                    .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .onFailure(e -> request.reset()));
  }

  /** The status and the start of the body, read up to {@link #MAX_READ} bytes. */
  private static Future<Answer> answer(HttpClientResponse response) {
    Promise<Answer> answer = Promise.promise();
    Buffer body = Buffer.buffer();
    response.exceptionHandler(answer::tryFail);
    response.handler(
        chunk -> {
          if (body.length() < MAX_READ) {
            body.appendBuffer(chunk);
          }
          if (body.length() >= MAX_READ) {
            answer.tryComplete(new Answer.Response(response.statusCode(), excerpt(body)));
            response.request().reset();
          }
        });
    response.endHandler(
        done -> answer.tryComplete(new Answer.Response(response.statusCode(), excerpt(body))));
    return answer.future();
  }

  /** At most {@link #MAX_EXCERPT} characters, control characters as spaces; null when empty. */
  static String excerpt(Buffer body) {
    int length = Math.min(body.length(), MAX_READ);
    String text =
        body.getString(0, length, StandardCharsets.UTF_8.name()).replaceAll("\\p{Cntrl}", " ");
    if (text.isBlank()) {
      return null;
    }
    return text.length() <= MAX_EXCERPT ? text : text.substring(0, MAX_EXCERPT) + "...";
  }

  /** Why there was no answer. */
  static Answer.Unreachable unreachable(Throwable error) {
    return new Answer.Unreachable(
        ConnectionFailure.of(error)
            .map(
                f ->
                    f == ConnectionFailure.CLOSED ? "the receiver closed the connection" : f.text())
            .orElse("unreachable"));
  }

  Future<Void> close() {
    return client.close();
  }
}
