package io.baton.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.Consumer;

/** Baton's GraphQL API over HTTP (queries, mutations) and its WebSocket (subscriptions). */
final class BatonClient {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

  private final Connection connection;
  private final HttpClient http;

  BatonClient(Connection connection) {
    this.connection = connection;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  Connection connection() {
    return connection;
  }

  HttpClient http() {
    return http;
  }

  /** The {@code data} of a query or mutation; a GraphQL error ends the command with its message. */
  JsonObject execute(String query, JsonObject variables) {
    HttpRequest request =
        HttpRequest.newBuilder(connection.graphqlHttp())
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + connection.token())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    new JsonObject().put("query", query).put("variables", variables).encode()))
            .build();
    HttpResponse<String> response = send(request);
    if (response.statusCode() == 401) {
      throw refusedToken();
    }
    JsonObject body = parse(response);
    JsonArray errors = body.getJsonArray("errors");
    if (errors != null && !errors.isEmpty()) {
      throw GraphqlErrors.of(errors);
    }
    if (response.statusCode() != 200 || body.getJsonObject("data") == null) {
      throw CliException.connection(
          "Baton at " + connection.server() + " answered HTTP " + response.statusCode());
    }
    return body.getJsonObject("data");
  }

  /**
   * Runs a subscription until Baton completes it, handing each result's {@code data} to {@code
   * onNext} as it arrives.
   */
  void subscribe(String query, JsonObject variables, Consumer<JsonObject> onNext) {
    try (Subscription subscription = Subscription.open(this, query, variables)) {
      subscription.forEach(onNext);
    }
  }

  CliException unreachable(Throwable failure) {
    String why;
    if (failure instanceof ConnectException) {
      why = "the connection was refused (is Baton running there?)";
    } else if (failure instanceof HttpConnectTimeoutException) {
      why = "the connection timed out";
    } else if (failure instanceof HttpTimeoutException) {
      why = "Baton did not answer in time";
    } else if (failure.getMessage() != null && !failure.getMessage().isBlank()) {
      why = failure.getMessage();
    } else {
      why = "the connection failed";
    }
    return CliException.connectionLost("cannot reach Baton at " + connection.server() + ": " + why);
  }

  CliException refusedToken() {
    return CliException.rejected(
        "Baton at "
            + connection.server()
            + " refused the token (UNAUTHENTICATED): pass a valid API token with --token or"
            + " BATON_TOKEN");
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.connection("interrupted");
    }
  }

  private JsonObject parse(HttpResponse<String> response) {
    try {
      return new JsonObject(response.body());
    } catch (DecodeException | ClassCastException e) {
      throw CliException.connection(
          connection.server()
              + " did not answer as Baton does (HTTP "
              + response.statusCode()
              + ", not GraphQL JSON): is it the right URL?");
    }
  }
}
