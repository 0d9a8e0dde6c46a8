package io.baton.product;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.product.GitTriggerSelector.Commit;
import io.baton.product.GitTriggerSelector.Key;
import io.baton.product.GitTriggerSelector.Operator;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Git trigger selectors, as the vendor's product has them: each reads a part of the new commit and
 * compares it with its values ({@code *}: any run of characters); every selector of a flow must
 * match; the first flow in the product's order that matches is triggered.
 */
class GitTriggerSelectorTest {
  private static final String SHA = "3f7a1c9e0b5d4a2f8e6c1b0a9d8e7f6a5b4c3d2e";

  @ParameterizedTest(name = "{0} {1} [{2}] on \"{3}\": {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        "COMMIT_MESSAGE | IN     | hotfix*                | hotfix: pin the base image    | true",
        "COMMIT_MESSAGE | IN     | hotfix*                | fix: hotfix later in the text | false",
        "COMMIT_MESSAGE | IN     | *hotfix*               | fix: hotfix later in the text | true",
        "COMMIT_MESSAGE | IN     | Hotfix*                | hotfix: case matters          | false",
        "COMMIT_MESSAGE | IN     | release 1.*;hotfix*    | release 1.4                   | true",
        "COMMIT_MESSAGE | IN     | bump image.tag         | bump image.tag                | true",
        "COMMIT_MESSAGE | IN     | bump image.tag         | bump image_tag                | false",
        "COMMIT_MESSAGE | IN     | a+b (c)?               | a+b (c)?                      | true",
        "COMMIT_MESSAGE | IN     | *                      | anything                      | true",
        "COMMIT_MESSAGE | NOT_IN | hotfix*                | hotfix: pin the base image    | false",
        "COMMIT_MESSAGE | NOT_IN | hotfix*;*[skip ci]*    | bump image.tag                | true",
        "COMMIT_MESSAGE | NOT_IN | hotfix*;*[skip ci]*    | bump [skip ci]                | false",
        "GIT_REVISION   | IN     | 3f7a1c9e*              | -                             | true",
        "GIT_REVISION   | IN     | 3f7a1c9e               | -                             | false",
        "GIT_REVISION   | NOT_IN | 0000*;1111*            | -                             | true",
        "GIT_REVISION   | IN     | " + SHA + "            | -                             | true",
      })
  void a_selector_compares_the_commits_part_with_its_wildcard_values(
      Key key, Operator operator, String values, String message, boolean matches) {
    GitTriggerSelector selector =
        new GitTriggerSelector(key, operator, Arrays.asList(values.split(";")));

    assertThat(selector.matches(new Commit(SHA, message))).isEqualTo(matches);
  }

  @Test
  void the_message_is_read_whole_without_its_trailing_line_break() {
    GitTriggerSelector selector =
        new GitTriggerSelector(Key.COMMIT_MESSAGE, Operator.IN, List.of("hotfix*body"));

    assertThat(selector.matches(new Commit(SHA, "hotfix: title\n\nthe body\n"))).isTrue();
    assertThat(
            new GitTriggerSelector(Key.COMMIT_MESSAGE, Operator.IN, List.of("hotfix: title"))
                .matches(new Commit(SHA, "hotfix: title\n")))
        .isTrue();
  }

  @Test
  void every_selector_of_a_flow_must_match() {
    List<GitTriggerSelector> selectors =
        List.of(
            new GitTriggerSelector(Key.COMMIT_MESSAGE, Operator.IN, List.of("hotfix*")),
            new GitTriggerSelector(Key.GIT_REVISION, Operator.NOT_IN, List.of("3f7a*")));

    assertThat(GitTriggerSelector.all(selectors, new Commit(SHA, "hotfix: x"))).isFalse();
    assertThat(GitTriggerSelector.all(selectors, new Commit("a" + SHA.substring(1), "hotfix: x")))
        .isTrue();
    assertThat(GitTriggerSelector.all(List.of(), new Commit(SHA, "whatever"))).isTrue();
  }

  @ParameterizedTest(name = "\"{0}\" triggers {1}")
  @CsvSource({
    "hotfix: urgent,      hotfix-flow",
    "bump image.tag,      main-flow",
    "[skip ci] bump,      none",
  })
  void the_first_flow_in_order_whose_selectors_all_match_wins(String message, String expected) {
    List<ProductFlowTrigger> triggers =
        List.of(
            new ProductFlowTrigger(
                1,
                "hotfix-flow",
                List.of(
                    new GitTriggerSelector(Key.COMMIT_MESSAGE, Operator.IN, List.of("hotfix*")))),
            new ProductFlowTrigger(
                2,
                "main-flow",
                List.of(
                    new GitTriggerSelector(
                        Key.COMMIT_MESSAGE, Operator.NOT_IN, List.of("[skip ci]*")))),
            new ProductFlowTrigger(3, "catch-all-after-main", List.of()));

    String chosen =
        ProductFlowTrigger.first(triggers.subList(0, 2), new Commit(SHA, message))
            .map(ProductFlowTrigger::flowName)
            .orElse("none");

    assertThat(chosen).isEqualTo(expected);
    assertThat(ProductFlowTrigger.first(triggers, new Commit(SHA, "hotfix: x")).get().flowName())
        .as("an earlier flow wins over a later one that matches too")
        .isEqualTo("hotfix-flow");
  }
}
