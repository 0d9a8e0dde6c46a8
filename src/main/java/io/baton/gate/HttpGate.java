package io.baton.gate;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import io.baton.http.ConnectionFailure;
import io.baton.http.OutboundAddress;
import io.baton.product.PromotionTemplate;
import io.baton.product.RepoUrl;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code HTTP}: a request (the URL and header values templated with the release's variables) that
 * passes on the expected status and, if the gate says so, a JSONPath in the JSON answer equal to
 * the expected value. Asked again every interval until its timeout. Never contacts a link-local
 * (cloud metadata) address, and never follows a redirect.
 */
public final class HttpGate implements Gate {
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
  static final Duration MAX_REQUEST_TIME = Duration.ofSeconds(10);
  static final int MAX_BODY_BYTES = 1024 * 1024;
  static final int MAX_SHOWN = 100;
  static final int MAX_URL_LENGTH = 2048;
  static final int MAX_HEADERS = 20;
  static final int MAX_HEADER_VALUE_LENGTH = 4096;
  static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS");

  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final StepFacts SAMPLE =
      new StepFacts(
          1, "product", "environment", "1.0.0", Optional.of("0a1b2c"), "", Optional.empty(), "");

  private final Vertx vertx;
  private final Clock clock;
  private final HttpClient client;

  public HttpGate(Vertx vertx, Clock clock) {
    this.vertx = vertx;
    this.clock = clock;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) MAX_REQUEST_TIME.toMillis())
                .setMaxRedirects(0));
  }

  @Override
  public GateKind kind() {
    return GateKind.HTTP;
  }

  @Override
  public Future<GateOutcome> check(GateCheck check) {
    List<String> problems = problems(check.spec().http());
    if (!problems.isEmpty()) {
      return Future.succeededFuture(
          new GateOutcome.Failed("The HTTP gate is not valid: " + String.join("; ", problems)));
    }
    Expectation expectation = Expectation.of(check.spec(), check.facts());
    return ask(expectation, check.spec().http(), check.facts())
        .map(answer -> decide(expectation, answer, check.startedAt(), clock.instant()));
  }

  // ---- the rule ----------------------------------------------------------------------------

  /**
   * What a check expects, its variables filled in.
   *
   * @param url the request's URL, as the step's messages name it (without credentials)
   */
  record Expectation(
      String url,
      int status,
      Optional<String> jsonPath,
      Optional<String> value,
      Duration timeout,
      Duration interval) {

    static Expectation of(GateSpec spec, StepFacts facts) {
      GateSpec.Http http = spec.http();
      return new Expectation(
          RepoUrl.redact(Templates.renderInUrl(http.url(), facts)),
          expectedStatus(http),
          nonNull(http.expectJsonPath()),
          nonNull(http.expectValue()).map(v -> Templates.render(v, facts)),
          spec.timeout().orElse(DEFAULT_TIMEOUT),
          spec.interval().orElse(DEFAULT_INTERVAL));
    }
  }

  /** What the server answered, or why it did not. */
  sealed interface Answer {
    /** {@code complete} is false when the body was larger than Baton reads, and was not kept. */
    record Response(int status, String body, boolean complete) implements Answer {}

    /** No answer: refused, timed out, not found... */
    record Unreachable(String reason) implements Answer {}

    /** Baton will not ask this address at all. */
    record Refused(String reason) implements Answer {}
  }

  /**
   * The decision: passed on the expected answer; failed when Baton will not ask the address, or
   * when the timeout (counted from {@code startedAt}) is over; waiting otherwise, until the next
   * interval.
   */
  static GateOutcome decide(Expectation expect, Answer answer, Instant startedAt, Instant now) {
    if (answer instanceof Answer.Refused refused) {
      return new GateOutcome.Failed(refused.reason());
    }
    Reading reading = read(expect, answer);
    if (reading.passed()) {
      return new GateOutcome.Passed(expect.url() + " answered " + reading.shown());
    }
    Instant deadline = startedAt.plus(expect.timeout());
    if (!now.isBefore(deadline)) {
      return new GateOutcome.Failed(
          expect.url()
              + " did not answer as expected within "
              + Durations.text(expect.timeout())
              + "; last answer: "
              + reading.shown());
    }
    Instant next = now.plus(expect.interval());
    return new GateOutcome.Waiting(
        "Waiting for " + expect.url() + ": " + reading.shown(),
        next.isAfter(deadline) ? deadline : next,
        new JsonObject(),
        false);
  }

  private record Reading(boolean passed, String shown) {}

  private static Reading read(Expectation expect, Answer answer) {
    if (answer instanceof Answer.Unreachable unreachable) {
      return new Reading(false, unreachable.reason());
    }
    Answer.Response response = (Answer.Response) answer;
    String status = "HTTP " + response.status();
    if (response.status() != expect.status()) {
      return new Reading(false, status + " (expected " + expect.status() + ")");
    }
    if (expect.jsonPath().isEmpty()) {
      return new Reading(true, status);
    }
    if (!response.complete()) {
      return new Reading(
          false, status + ", a body larger than " + MAX_BODY_BYTES / 1024 + " KiB, not read");
    }
    return readValue(expect, status, response.body());
  }

  private static Reading readValue(Expectation expect, String status, String body) {
    String path = shown(expect.jsonPath().get());
    Optional<Object> document = document(body);
    if (document.isEmpty()) {
      return new Reading(false, status + ", the body is not JSON");
    }
    Optional<String> found = valueAt(expect.jsonPath().get(), document.get());
    if (found.isEmpty()) {
      return new Reading(false, status + ", nothing at " + path);
    }
    String expected = expect.value().orElse("");
    boolean equal = found.get().equals(expected);
    String shown = status + ", " + path + " is \"" + shown(found.get()) + "\"";
    return new Reading(equal, equal ? shown : shown + " (expected \"" + shown(expected) + "\")");
  }

  private static Optional<Object> document(String body) {
    try {
      Object decoded = Json.decodeValue(body);
      if (decoded instanceof JsonObject object) {
        return Optional.of(object.getMap());
      }
      if (decoded instanceof JsonArray array) {
        return Optional.of(array.getList());
      }
      return Optional.ofNullable(decoded);
    } catch (DecodeException e) {
      return Optional.empty();
    }
  }

  /** The value at {@code path} as text; a path that matches exactly one value gives that value. */
  private static Optional<String> valueAt(String path, Object document) {
    Object found;
    try {
      found = JsonPath.compile(path).read(document);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (found instanceof List<?> list && list.size() == 1) {
      found = list.get(0);
    }
    if (found instanceof List<?> list && list.isEmpty()) {
      return Optional.empty();
    }
    if (found == null || found instanceof String || found instanceof Number) {
      return Optional.of(String.valueOf(found));
    }
    if (found instanceof Boolean) {
      return Optional.of(found.toString());
    }
    return Optional.of(Json.encode(found));
  }

  /** At most {@link #MAX_SHOWN} characters of a text the server or a definition chose. */
  static String shown(String text) {
    String oneLine = text.replaceAll("\\p{Cntrl}", " ");
    return oneLine.length() <= MAX_SHOWN ? oneLine : oneLine.substring(0, MAX_SHOWN) + "...";
  }

  // ---- validation --------------------------------------------------------------------------

  /**
   * What is wrong with an {@code HTTP} gate's definition, for the layers that accept one (GraphQL,
   * flow YAML) to report before it is saved; empty when it is valid.
   */
  public static List<String> problems(GateSpec.Http http) {
    List<String> problems = new ArrayList<>();
    if (http == null || http.url() == null || http.url().isBlank()) {
      problems.add("url must not be empty");
      return problems;
    }
    unknownVariables("url", http.url(), problems);
    urlProblems(http.url(), problems);
    String method = method(http);
    if (!METHODS.contains(method)) {
      problems.add("method " + shown(method) + " is not one of " + String.join(", ", METHODS));
    }
    headerProblems(headers(http), problems);
    int status = expectedStatus(http);
    if (status < 100 || status > 599) {
      problems.add("expectStatus " + status + " is not an HTTP status (100 to 599)");
    }
    expectationProblems(http, problems);
    return problems;
  }

  private static void unknownVariables(String field, String template, List<String> problems) {
    for (String unknown : Templates.unknownVariables(template)) {
      problems.add(
          field
              + " uses {{"
              + shown(unknown)
              + "}}, which is not one of the release's variables ({{"
              + String.join("}}, {{", Templates.VARIABLES)
              + "}})");
    }
  }

  private static void urlProblems(String url, List<String> problems) {
    if (url.length() > MAX_URL_LENGTH) {
      problems.add("url is longer than " + MAX_URL_LENGTH + " characters");
      return;
    }
    if (!Templates.unknownVariables(url).isEmpty()) {
      return;
    }
    URI uri;
    try {
      uri = URI.create(Templates.renderInUrl(url, SAMPLE));
    } catch (IllegalArgumentException e) {
      problems.add("url \"" + shown(RepoUrl.redact(url)) + "\" is not a URL");
      return;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (!scheme.equals("http") && !scheme.equals("https")) {
      problems.add(
          "url \"" + shown(RepoUrl.redact(url)) + "\" must start with http:// or https://");
    } else if (uri.getHost() == null) {
      problems.add("url \"" + shown(RepoUrl.redact(url)) + "\" has no host");
    } else if (uri.getRawUserInfo() != null) {
      problems.add(
          "url \""
              + shown(RepoUrl.redact(url))
              + "\" must not carry credentials: send them in a header");
    }
  }

  private static void headerProblems(Map<String, String> headers, List<String> problems) {
    if (headers.size() > MAX_HEADERS) {
      problems.add("at most " + MAX_HEADERS + " headers");
      return;
    }
    headers.forEach(
        (name, value) -> {
          if (name == null || !HEADER_NAME.matcher(name).matches()) {
            problems.add("header name \"" + shown(String.valueOf(name)) + "\" is not valid");
            return;
          }
          if (value == null || value.length() > MAX_HEADER_VALUE_LENGTH) {
            problems.add("header " + name + " must have a value of at most 4096 characters");
          } else if (value.contains("\r") || value.contains("\n")) {
            problems.add("header " + name + " must not contain a line break");
          } else {
            unknownVariables("header " + name, value, problems);
          }
        });
  }

  private static void expectationProblems(GateSpec.Http http, List<String> problems) {
    Optional<String> path = nonNull(http.expectJsonPath());
    Optional<String> value = nonNull(http.expectValue());
    if (path.isPresent() != value.isPresent()) {
      problems.add("expectJsonPath and expectValue go together: give both or neither");
    }
    value.ifPresent(v -> unknownVariables("expectValue", v, problems));
    path.ifPresent(p -> jsonPathProblems(p, problems));
  }

  private static void jsonPathProblems(String path, List<String> problems) {
    if (!path.startsWith("$")) {
      problems.add(
          "expectJsonPath \"" + shown(path) + "\" is not a JSONPath (it must start with $)");
      return;
    }
    Optional<String> overLimit = PromotionTemplate.jsonPathOverLimit(path);
    if (overLimit.isPresent()) {
      problems.add("expectJsonPath " + overLimit.get());
      return;
    }
    try {
      JsonPath.compile(path);
    } catch (InvalidPathException | IllegalArgumentException e) {
      problems.add("expectJsonPath \"" + shown(path) + "\" is not a valid JSONPath");
    }
  }

  private static String method(GateSpec.Http http) {
    return http.method() == null ? "GET" : http.method().toUpperCase();
  }

  private static Map<String, String> headers(GateSpec.Http http) {
    return http.headers() == null ? Map.of() : http.headers();
  }

  private static int expectedStatus(GateSpec.Http http) {
    return http.expectStatus() == 0 ? 200 : http.expectStatus();
  }

  private static <T> Optional<T> nonNull(Optional<T> value) {
    return value == null ? Optional.empty() : value;
  }

  // ---- the request -------------------------------------------------------------------------

  private Future<Answer> ask(Expectation expect, GateSpec.Http http, StepFacts facts) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.valueOf(method(http)))
            .setAbsoluteURI(Templates.renderInUrl(http.url(), facts))
            .setFollowRedirects(false);
    headers(http).forEach((name, value) -> options.putHeader(name, Templates.render(value, facts)));
    long millis = requestMillis(expect.interval());
    options.setConnectTimeout(millis).setIdleTimeout(millis);
    return OutboundAddress.pin(vertx, options)
        .compose(
            address ->
                address.refused()
                    ? Future.succeededFuture(new Answer.Refused(address.refusal(expect.url())))
                    : askAt(options, millis))
        .recover(e -> Future.succeededFuture(unreachable(e)));
  }

  /** A request takes at most the interval, and never more than {@link #MAX_REQUEST_TIME}. */
  static long requestMillis(Duration interval) {
    return Math.max(1, Math.min(interval.toMillis(), MAX_REQUEST_TIME.toMillis()));
  }

  /** Asks the address that was checked ({@link OutboundAddress#pin}). */
  private Future<Answer> askAt(RequestOptions options, long millis) {
    return client
        .request(options)
        .compose(
            request ->
                request
                    .send()
                    .compose(this::body)
                    .timeout(millis, TimeUnit.MILLISECONDS)
                    .onFailure(e -> request.reset()));
  }

  /** The status and at most {@link #MAX_BODY_BYTES} of the body; a larger one is not kept. */
  private Future<Answer> body(HttpClientResponse response) {
    Promise<Answer> answer = Promise.promise();
    Buffer body = Buffer.buffer();
    response.exceptionHandler(answer::tryFail);
    response.handler(
        chunk -> {
          if (body.length() + chunk.length() > MAX_BODY_BYTES) {
            answer.tryComplete(new Answer.Response(response.statusCode(), "", false));
            response.request().reset();
          } else {
            body.appendBuffer(chunk);
          }
        });
    response.endHandler(
        done ->
            answer.tryComplete(
                new Answer.Response(
                    response.statusCode(), body.toString(StandardCharsets.UTF_8), true)));
    return answer.future();
  }

  /** Why there was no answer: a timeout and a refusal say so; anything else is "unreachable". */
  static Answer.Unreachable unreachable(Throwable error) {
    return new Answer.Unreachable(
        ConnectionFailure.of(error)
            .map(
                f ->
                    switch (f) {
                      case TIMED_OUT, REFUSED -> f.text();
                      case CLOSED -> "unreachable: the server closed the connection";
                      case UNKNOWN_HOST, TLS -> "unreachable: " + f.text();
                    })
            .orElse("unreachable"));
  }
}
