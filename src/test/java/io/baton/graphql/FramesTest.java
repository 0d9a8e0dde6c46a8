package io.baton.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class FramesTest {
  @Test
  void a_next_frame_around_a_serialized_payload_is_the_message_json_would_make() {
    String payload = new JsonObject().put("data", new JsonObject().put("x", "a\"b")).encode();

    JsonObject frame = new JsonObject(Frames.next("op \"1\"\\\u2028", payload));

    assertThat(frame)
        .isEqualTo(
            new JsonObject()
                .put("type", "next")
                .put("id", "op \"1\"\\\u2028")
                .put("payload", new JsonObject(payload)));
  }
}
