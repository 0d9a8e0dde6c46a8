package io.baton.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.ReleasedWorld;
import io.baton.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An environment read with a release's steps (joined in without its gates) still answers its gates
 * and Argo CD server, as the environment query does.
 */
class ReleaseStepEnvironmentGatesTest {

  @Test
  void a_release_steps_environment_shows_the_environments_gates_and_argocd_server() {
    try (TestServer server = ReleasedWorld.start()) {
      String id = ReleasedWorld.release(server);
      server.data(
          """
          mutation { updateEnvironment(input: {name: "qa", argocdServer: "https://argocd.example.com",
            gates: [{kind: SOAK, duration: "PT1M"}]}) { name } }""");

      JsonArray steps =
          server
              .data(
                  "query($id: ID!) { release(id: $id) { steps { environment {"
                      + " name argocdServer gates { kind duration } } } } }",
                  Map.of("id", id))
              .getJsonObject("release")
              .getJsonArray("steps");

      JsonObject qa = steps.getJsonObject(1).getJsonObject("environment");
      assertThat(qa.getString("name")).isEqualTo("qa");
      assertThat(qa.getString("argocdServer")).isEqualTo("https://argocd.example.com");
      assertThat(qa.getJsonArray("gates"))
          .containsExactly(new JsonObject().put("kind", "SOAK").put("duration", "PT1M"));
      assertThat(steps.getJsonObject(0).getJsonObject("environment").getJsonArray("gates"))
          .isEmpty();
    }
  }
}
