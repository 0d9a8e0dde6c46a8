package io.baton.gate;

import static io.baton.gate.Facts.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatesTest {
  private final Vertx vertx = Vertx.vertx();
  private final Gates gates = new Gates(vertx, Clock.systemUTC());

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  private static GateCheck check(GateKind kind) {
    GateSpec spec =
        new GateSpec(kind, null, null, null, null, null, Optional.of(Duration.ofSeconds(10)));
    Instant now = Instant.now();
    return new GateCheck(spec, Facts.QA, now, new JsonObject(), Optional.empty(), List.of(), now);
  }

  @Test
  void checks_each_gate_with_the_gate_of_its_kind() {
    assertThat(await(gates.check(check(GateKind.SOAK))).message()).startsWith("Soak of 10 s");
    assertThat(await(gates.check(check(GateKind.APPROVAL))).message())
        .isEqualTo("Waiting for 1 more approval (PROMOTER)");
  }

  @Test
  void a_kind_nobody_configured_is_a_technical_error_until_it_is_added() {
    Future<GateOutcome> unknown = gates.check(check(GateKind.ARGOCD));
    assertThat(unknown.failed()).isTrue();
    assertThat(gates.has(GateKind.ARGOCD)).isFalse();

    Gate argocd =
        new Gate() {
          @Override
          public GateKind kind() {
            return GateKind.ARGOCD;
          }

          @Override
          public Future<GateOutcome> check(GateCheck check) {
            return Future.succeededFuture(new GateOutcome.Passed("Synced and Healthy"));
          }
        };
    Gates more = gates.with(argocd);

    assertThat(await(more.check(check(GateKind.ARGOCD))).message()).isEqualTo("Synced and Healthy");
    assertThat(gates.has(GateKind.ARGOCD)).isFalse();
  }
}
