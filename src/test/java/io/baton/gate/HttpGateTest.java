package io.baton.gate;

import static io.baton.gate.Facts.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.MutableClock;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP gate against a real HTTP server: a version endpoint and a few unhelpful ones. */
class HttpGateTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  private static final Duration INTERVAL = Duration.ofSeconds(10);

  private final AtomicReference<String> deployed = new AtomicReference<>("1.3.9");
  private final List<HttpServerRequest> requests = new CopyOnWriteArrayList<>();
  private final MutableClock clock = new MutableClock();
  private Vertx vertx;
  private HttpServer server;
  private HttpGate gate;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    server = await(vertx.createHttpServer().requestHandler(this::serve).listen(0, "127.0.0.1"));
    gate = new HttpGate(vertx, clock);
  }

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  private void serve(HttpServerRequest request) {
    requests.add(request);
    switch (request.path()) {
      case "/hang" -> {}
      case "/trickle" -> trickle(request);
      case "/moved" -> request.response().setStatusCode(302).putHeader("location", "/qa").end();
      case "/huge" -> request.response().end(Buffer.buffer(new byte[2 * 1024 * 1024]));
      default ->
          request
              .response()
              .putHeader("content-type", "application/json")
              .end(new JsonObject().put("version", deployed.get()).encode());
    }
  }

  /** Headers at once, then a byte every 50 ms forever: never idle, never done. */
  private void trickle(HttpServerRequest request) {
    request.response().setChunked(true).setStatusCode(200).write("{");
    long timer = vertx.setPeriodic(50, id -> request.response().write(" "));
    request.connection().closeHandler(closed -> vertx.cancelTimer(timer));
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  private GateOutcome check(GateSpec.Http http, Instant startedAt) {
    return check(http, startedAt, INTERVAL);
  }

  private GateOutcome check(GateSpec.Http http, Instant startedAt, Duration interval) {
    GateSpec spec = Facts.http(http, TIMEOUT, interval);
    return await(gate.check(Facts.check(spec, startedAt, clock.instant())));
  }

  @Test
  void waits_while_the_old_version_is_deployed_and_passes_on_the_new_one() {
    GateSpec.Http http = Facts.version(url("/{{environment}}/version"));
    Instant started = clock.instant();

    GateOutcome old = check(http, started);
    deployed.set("1.4.0");
    GateOutcome current = check(http, started);

    assertThat(old).isInstanceOf(GateOutcome.Waiting.class);
    assertThat(old.message())
        .isEqualTo(
            "Waiting for "
                + url("/qa/version")
                + ": HTTP 200, $.version is \"1.3.9\" (expected \"1.4.0\")");
    assertThat(current).isInstanceOf(GateOutcome.Passed.class);
    assertThat(current.message()).contains("$.version is \"1.4.0\"");
  }

  @Test
  void fails_at_its_timeout_naming_the_url_and_the_last_answer() {
    GateSpec.Http http = Facts.version(url("/qa/version"));
    Instant started = clock.instant();

    GateOutcome waiting = check(http, started);
    clock.advance(TIMEOUT);
    GateOutcome failed = check(http, started);

    assertThat(waiting).isInstanceOf(GateOutcome.Waiting.class);
    assertThat(failed)
        .isEqualTo(
            new GateOutcome.Failed(
                url("/qa/version")
                    + " did not answer as expected within 10 min; last answer: HTTP 200,"
                    + " $.version is \"1.3.9\" (expected \"1.4.0\")"));
  }

  @Test
  void fills_the_release_variables_into_the_url_and_the_headers() {
    GateSpec.Http http =
        new GateSpec.Http(
            "GET",
            url("/{{product}}/{{environment}}?v={{version}}&r={{release}}&c={{commit}}"),
            Map.of("X-Version", "{{version}}", "Authorization", "Bearer t-{{product}}"),
            200,
            Optional.empty(),
            Optional.empty());

    GateOutcome outcome = check(http, clock.instant());

    assertThat(outcome).isInstanceOf(GateOutcome.Passed.class);
    HttpServerRequest seen = requests.get(0);
    assertThat(seen.uri()).isEqualTo("/shop/qa?v=1.4.0&r=42&c=9f8e7d6c");
    assertThat(seen.getHeader("X-Version")).isEqualTo("1.4.0");
    assertThat(seen.getHeader("Authorization")).isEqualTo("Bearer t-shop");
  }

  @Test
  void never_contacts_a_cloud_metadata_address() {
    GateOutcome outcome =
        check(Facts.get("http://169.254.169.254/latest/meta-data/"), clock.instant());

    assertThat(outcome)
        .isEqualTo(
            new GateOutcome.Failed(
                "http://169.254.169.254/latest/meta-data/ resolves to 169.254.169.254, a"
                    + " link-local (cloud metadata) address that Baton never contacts"));
  }

  @Test
  void a_refused_connection_waits_saying_so() throws IOException {
    try (Socket bound = new Socket()) {
      bound.bind(new InetSocketAddress("127.0.0.1", 0));
      String nobodyListens = "http://127.0.0.1:" + bound.getLocalPort() + "/qa/version";

      GateOutcome outcome = check(Facts.version(nobodyListens), clock.instant());

      assertThat(outcome).isInstanceOf(GateOutcome.Waiting.class);
      assertThat(outcome.message())
          .isEqualTo("Waiting for " + nobodyListens + ": connection refused");
    }
  }

  @Test
  void tells_why_there_was_no_answer_by_the_type_of_the_error_or_its_cause() {
    assertThat(HttpGate.unreachable(new RuntimeException(new ConnectException("x"))).reason())
        .isEqualTo("connection refused");
    assertThat(HttpGate.unreachable(new UnknownHostException("qa")).reason())
        .isEqualTo("unreachable: the host name is not known");
    assertThat(HttpGate.unreachable(new IllegalStateException("refused")).reason())
        .isEqualTo("unreachable");
  }

  @Test
  void a_server_that_does_not_answer_within_the_interval_waits_as_timed_out() {
    GateOutcome outcome = check(Facts.get(url("/hang")), clock.instant(), Duration.ofMillis(300));

    assertThat(outcome).isInstanceOf(GateOutcome.Waiting.class);
    assertThat(outcome.message()).isEqualTo("Waiting for " + url("/hang") + ": timed out");
  }

  @Test
  void a_server_that_never_finishes_its_answer_waits_as_timed_out() {
    GateOutcome outcome =
        check(Facts.version(url("/trickle")), clock.instant(), Duration.ofMillis(300));

    assertThat(outcome.message()).isEqualTo("Waiting for " + url("/trickle") + ": timed out");
  }

  @Test
  void does_not_follow_a_redirect() {
    GateOutcome outcome = check(Facts.get(url("/moved")), clock.instant());

    assertThat(outcome.message()).endsWith("HTTP 302 (expected 200)");
    assertThat(requests).hasSize(1);
  }

  @Test
  void does_not_keep_a_body_larger_than_it_reads() {
    GateOutcome outcome = check(Facts.version(url("/huge")), clock.instant());

    assertThat(outcome.message()).endsWith("HTTP 200, a body larger than 1024 KiB, not read");
  }

  @Test
  void a_definition_that_is_not_valid_fails_without_a_request() {
    GateOutcome outcome = check(Facts.get(url("/{{secret}}")), clock.instant());

    assertThat(outcome).isInstanceOf(GateOutcome.Failed.class);
    assertThat(outcome.message()).startsWith("The HTTP gate is not valid: url uses {{secret}}");
    assertThat(requests).isEmpty();
  }
}
