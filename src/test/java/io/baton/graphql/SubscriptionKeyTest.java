package io.baton.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.auth.Principal;
import io.baton.auth.Role;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubscriptionKeyTest {
  private static final Principal VIEWER = new Principal(1, "a", Role.VIEWER);
  private static final Principal OTHER_VIEWER = new Principal(2, "b", Role.VIEWER);
  private static final Principal ADMIN = new Principal(3, "c", Role.ADMIN);
  private static final String LIVE = "subscription { releaseEvents(product: \"shop\") { status } }";

  private static Optional<SubscriptionKey> key(
      String query, Map<String, Object> variables, Principal principal) {
    return SubscriptionKey.of(
        new GraphqlHttpHandler.Request(query, null, variables, null), principal);
  }

  @Test
  void two_tokens_of_one_role_with_one_document_laid_out_differently_share_a_key() {
    assertThat(key(LIVE, null, VIEWER))
        .isPresent()
        .isEqualTo(key(LIVE.replace(" {", "\n\t{"), Map.of(), OTHER_VIEWER));
  }

  @Test
  void another_role_or_other_variables_make_another_key() {
    String query = "subscription($p: String) { releaseEvents(product: $p) { status } }";
    assertThat(key(query, Map.of("p", "shop"), VIEWER))
        .isNotEqualTo(key(query, Map.of("p", "shop"), ADMIN))
        .isNotEqualTo(key(query, Map.of("p", "cart"), VIEWER));
  }

  @Test
  void variables_in_another_order_make_the_same_key() {
    String query =
        "subscription($p: String, $r: ID) { releaseEvents(product: $p, releaseId: $r) { status } }";
    Map<String, Object> one = new LinkedHashMap<>();
    one.put("p", "shop");
    one.put("r", null);
    Map<String, Object> other = new LinkedHashMap<>();
    other.put("r", null);
    other.put("p", "shop");
    assertThat(key(query, one, VIEWER)).isPresent().isEqualTo(key(query, other, VIEWER));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "subscription { releaseEvents(after: \"x\") { status } }",
        "subscription { releaseEvents(releaseId: \"1\") { status } }",
        "subscription($a: String = \"x\") { releaseEvents(after: $a) { status } }",
        "subscription { ... on Subscription { releaseEvents { status } } }",
        "query { products { name } }",
        "mutation { deleteProduct(name: \"x\") }",
        "subscription { releaseEvents { status ",
      })
  void replays_and_anything_but_a_live_subscription_have_no_key(String query) {
    assertThat(key(query, null, VIEWER)).isEmpty();
  }

  @Test
  void a_cursor_given_in_variables_replays_and_an_empty_or_null_one_does_not() {
    String query = "subscription($a: String) { releaseEvents(after: $a) { status } }";
    assertThat(key(query, Map.of("a", "x"), VIEWER)).isEmpty();
    assertThat(key(query, Map.of("a", ""), VIEWER)).isPresent();
    Map<String, Object> none = new LinkedHashMap<>();
    none.put("a", null);
    assertThat(key(query, none, VIEWER)).isPresent();
    assertThat(key(query, Map.of(), VIEWER)).isPresent();
  }

  @Test
  void a_cursor_in_a_variable_resumes_into_the_live_key_of_the_same_document() {
    String query =
        "subscription($a: String) { releaseEvents(product: \"shop\", after: $a) { status } }";
    Optional<SubscriptionKey.Resumption> resumption =
        SubscriptionKey.resumption(
            new GraphqlHttpHandler.Request(query, null, Map.of("a", "x"), null), VIEWER);

    assertThat(resumption).isPresent();
    assertThat(resumption.get().after()).isEqualTo("x");
    assertThat(Optional.of(resumption.get().live())).isEqualTo(key(query, Map.of(), OTHER_VIEWER));
  }

  @Test
  void a_cursor_written_in_the_document_or_a_release_filter_does_not_resume() {
    for (String query :
        new String[] {
          "subscription { releaseEvents(after: \"x\") { status } }",
          "subscription($a: String) { releaseEvents(releaseId: \"1\", after: $a) { status } }"
        }) {
      assertThat(
              SubscriptionKey.resumption(
                  new GraphqlHttpHandler.Request(query, null, Map.of("a", "x"), null), VIEWER))
          .isEmpty();
    }
  }
}
