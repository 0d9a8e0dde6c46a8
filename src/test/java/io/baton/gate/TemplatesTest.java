package io.baton.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TemplatesTest {

  @Test
  void fills_in_each_of_the_release_variables() {
    assertThat(
            Templates.render(
                "{{product}}/{{environment}}/{{version}}/{{commit}}/{{release}}", Facts.QA))
        .isEqualTo("shop/qa/1.4.0/9f8e7d6c/42");
  }

  @Test
  void allows_spaces_inside_the_braces() {
    assertThat(Templates.render("v={{ version }}", Facts.QA)).isEqualTo("v=1.4.0");
  }

  @Test
  void a_commit_not_made_yet_is_empty() {
    StepFacts beforeAction =
        new StepFacts(1, "shop", "qa", "1.4.0", Optional.empty(), "alice", Optional.empty(), "a");
    assertThat(Templates.render("c={{commit}}", beforeAction)).isEqualTo("c=");
  }

  @Test
  void lists_the_variables_it_does_not_know_once_each_in_order() {
    assertThat(Templates.unknownVariables("{{version}} {{secret}} {{env}} {{secret}}"))
        .containsExactly("secret", "env");
    assertThat(Templates.unknownVariables("http://qa/{{version}}?e={{environment}}")).isEmpty();
  }

  @Test
  void a_value_in_a_url_cannot_change_its_host_or_path() {
    StepFacts hostile =
        new StepFacts(
            1, "shop", "qa", "1.0@evil.example/x?y", Optional.empty(), "a", Optional.empty(), "a");
    assertThat(Templates.renderInUrl("http://qa.internal/v/{{version}}", hostile))
        .isEqualTo("http://qa.internal/v/1.0%40evil.example%2Fx%3Fy");
    assertThat(Templates.render("{{version}}", hostile)).isEqualTo("1.0@evil.example/x?y");
  }
}
