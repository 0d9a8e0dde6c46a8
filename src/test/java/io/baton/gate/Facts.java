package io.baton.gate;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Steps, gates and checks for the gate tests. */
final class Facts {
  static final StepFacts QA =
      new StepFacts(
          42, "shop", "qa", "1.4.0", Optional.of("9f8e7d6c"), "alice", Optional.empty(), "shop-qa");

  private Facts() {}

  static GateSpec.Http get(String url) {
    return new GateSpec.Http("GET", url, Map.of(), 200, Optional.empty(), Optional.empty());
  }

  static GateSpec.Http version(String url) {
    return new GateSpec.Http(
        "GET", url, Map.of(), 200, Optional.of("$.version"), Optional.of("{{version}}"));
  }

  static GateSpec http(GateSpec.Http http, Duration timeout, Duration interval) {
    return new GateSpec(
        GateKind.HTTP,
        null,
        Optional.of(timeout),
        Optional.of(interval),
        http,
        null,
        Optional.empty());
  }

  static GateCheck check(GateSpec spec, Instant startedAt, Instant now) {
    return new GateCheck(spec, QA, startedAt, new JsonObject(), Optional.empty(), List.of(), now);
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
