package io.baton;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.gate.GateKind;
import io.baton.gate.GateSpec;
import io.baton.release.FlowSnapshots;
import io.baton.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a release snapshots of a flow's gates: its target environment's first, then the step's. */
class SnapshotGatesTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void a_steps_snapshot_puts_its_environments_gates_before_its_own() throws Exception {
    server.data("mutation { createEnvironment(input: {name: \"dev\"}) { name } }");
    server.data(
        """
        mutation { createEnvironment(input: {name: "prod", gates: [
          {kind: APPROVAL, approvals: 2}, {kind: HTTP, url: "http://prod.internal/health"}]}) { name } }""");
    server.data(
        """
        mutation { createPromotionFlow(input: {name: "to-prod", triggerEnvironment: "dev", steps: [
          {environment: "prod", gates: [{kind: SOAK, duration: "PT5S"}, {kind: ARGOCD}]}]}) { name } }""");

    Map<String, FlowSnapshots.FlowSnapshot> snapshots =
        Baton.snapshotsOf(server.baton().services().flows())
            .snapshots(List.of("to-prod"))
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);

    List<GateSpec> gates = snapshots.get("to-prod").steps().get(0).gates();
    assertThat(gates.stream().map(GateSpec::kind))
        .containsExactly(GateKind.APPROVAL, GateKind.HTTP, GateKind.SOAK, GateKind.ARGOCD);
    assertThat(gates.get(0).approval().approvals()).isEqualTo(2);
    assertThat(gates.get(1).http().url()).isEqualTo("http://prod.internal/health");
  }
}
