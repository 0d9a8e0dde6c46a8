package io.baton.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.List;
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

  @Test
  void an_id_is_written_as_json_would_write_it_whether_or_not_it_needs_escaping() {
    for (String id :
        List.of(
            "1",
            "3f2b9c1e-8d4a-4b7e-9f00-1a2b3c4d5e6f",
            "a\"b",
            "a\\b",
            "tab\there",
            "é",
            "\u007f",
            "")) {
      assertThat(Frames.string(id)).as(id).isEqualTo(Json.encode(id));
    }
    StringBuilder printable = new StringBuilder();
    for (char c = 0x20; c <= 0x7e; c++) {
      printable.append(c);
    }
    assertThat(Frames.string(printable.toString())).isEqualTo(Json.encode(printable.toString()));
  }

  @Test
  void one_events_messages_are_built_once_per_id_and_each_is_the_message_for_its_id() {
    String payload = new JsonObject().put("data", new JsonObject().put("x", 1)).encode();
    Frames.Next frames = new Frames.Next(payload);

    String first = frames.forId("1");

    assertThat(frames.forId("1")).isSameAs(first).isEqualTo(Frames.next("1", payload));
    assertThat(frames.forId("2")).isEqualTo(Frames.next("2", payload));
    assertThat(frames.forId("1")).isEqualTo(Frames.next("1", payload));
  }
}
