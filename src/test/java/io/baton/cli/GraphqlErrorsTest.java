package io.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class GraphqlErrorsTest {
  @Test
  void a_name_baton_does_not_know_is_a_usage_error_with_baton_s_message_and_code() {
    CliException e = GraphqlErrors.of(errors("NOT_FOUND", "no promotion flow named nope"));

    assertThat(e.exit()).isEqualTo(Exit.USAGE_OR_CONNECTION);
    assertThat(e).hasMessage("Baton refused: no promotion flow named nope (NOT_FOUND)");
  }

  @Test
  void invalid_input_and_a_refused_token_are_usage_errors_too() {
    assertThat(GraphqlErrors.of(errors("BAD_USER_INPUT", "bad")).exit())
        .isEqualTo(Exit.USAGE_OR_CONNECTION);
    assertThat(GraphqlErrors.of(errors("UNAUTHENTICATED", "no")).exit())
        .isEqualTo(Exit.USAGE_OR_CONNECTION);
  }

  @Test
  void an_operation_baton_refuses_as_things_are_exits_one() {
    assertThat(GraphqlErrors.of(errors("CONFLICT", "already answered")).exit())
        .isEqualTo(Exit.FAILURE);
    assertThat(GraphqlErrors.of(errors("FORBIDDEN", "a viewer may not")).exit())
        .isEqualTo(Exit.FAILURE);
  }

  private static JsonArray errors(String code, String message) {
    return new JsonArray()
        .add(
            new JsonObject()
                .put("message", message)
                .put("extensions", new JsonObject().put("code", code)));
  }
}
