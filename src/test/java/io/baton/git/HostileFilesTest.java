package io.baton.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.baton.release.PromotionFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Repository files written to hurt: an alias bomb, nesting thousands deep, a huge file, a JSONPath
 * nested thousands deep. Each is refused quickly with a message naming it.
 */
class HostileFilesTest {
  /** The issue's 454-byte file: nine levels of nine aliases, 9^9 values once expanded. */
  static final String ALIAS_BOMB =
      """
      image:
        tag: "1.0.0"
      a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
      b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
      c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
      d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
      e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
      f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
      g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
      h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
      i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
      """;

  static String nested(int depth) {
    return "image:\n  tag: \"1.0.0\"\ndeep: " + "[".repeat(depth) + "]".repeat(depth) + "\n";
  }

  private static Throwable readingTheVersionOf(String text) {
    long start = System.nanoTime();
    Throwable thrown =
        catchThrowable(
            () ->
                PromotionPlanner.version(
                    StructuredFile.parse("dev values.yaml", text), "$.image.tag"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    return thrown;
  }

  @Test
  void an_alias_bomb_is_refused_before_it_is_expanded() {
    Throwable thrown = readingTheVersionOf(ALIAS_BOMB);

    assertThat(thrown)
        .isInstanceOf(PromotionFailure.class)
        .hasMessage(
            "dev values.yaml has aliases that expand to more than 100000 further values (an alias"
                + " bomb?)");
  }

  @Test
  void a_few_aliases_of_a_small_anchor_read_as_before() {
    String text =
        """
        defaults: &defaults {tag: "1.0.0", pull: Always}
        image: *defaults
        sidecar: *defaults
        """;

    assertThat(
            PromotionPlanner.version(StructuredFile.parse("dev values.yaml", text), "$.image.tag"))
        .isEqualTo("1.0.0");
  }

  @Test
  void an_alias_inside_the_node_it_names_is_refused() {
    Throwable thrown = readingTheVersionOf("image: &loop\n  tag: \"1\"\n  self: *loop\n");

    assertThat(thrown)
        .isInstanceOf(PromotionFailure.class)
        .hasMessageStartingWith("dev values.yaml holds an alias (*loop) inside the node it names");
  }

  @Test
  void yaml_nested_thousands_deep_is_refused_naming_the_file() {
    Throwable thrown = readingTheVersionOf(nested(5_000));

    assertThat(thrown)
        .isInstanceOf(PromotionFailure.class)
        .hasMessage("dev values.yaml nests deeper than 100 levels (counting through aliases)");
  }

  @Test
  void json_nested_thousands_deep_is_refused_naming_the_file() {
    String json =
        "{\"image\": {\"tag\": \"1\"}, \"deep\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}";
    Throwable thrown = catchThrowable(() -> StructuredFile.parse("dev values.json", json));

    assertThat(thrown)
        .isInstanceOf(PromotionFailure.class)
        .hasMessageStartingWith("dev values.json nests deeper than 100 levels");
  }

  @Test
  void aliases_cannot_nest_a_document_deeper_than_the_text_does() {
    StringBuilder text = new StringBuilder("a0: &a0 [[[[[[[[[[x]]]]]]]]]]\n");
    for (int i = 1; i < 12; i++) {
      text.append("a").append(i).append(": &a").append(i).append(" [[[[[[[[[[*a").append(i - 1);
      text.append("]]]]]]]]]]\n");
    }

    assertThat(readingTheVersionOf(text.toString()))
        .isInstanceOf(PromotionFailure.class)
        .hasMessageContaining("nests deeper than 100 levels");
  }

  @Test
  void a_file_over_one_mebibyte_is_not_parsed() {
    String big = "image:\n  tag: \"1\"\npadding: \"" + "x".repeat(1 << 20) + "\"\n";

    assertThat(catchThrowable(() -> StructuredFile.parse("dev values.yaml", big)))
        .isInstanceOf(PromotionFailure.class)
        .hasMessage("dev values.yaml is longer than 1048576 characters, the most Baton reads");
  }

  @Test
  void a_json_path_nested_thousands_deep_is_refused() {
    String deep = "$" + "[?(@".repeat(3_000) + ")]".repeat(3_000);
    String longPath = "$" + ".a".repeat(3_000);

    String nestedDeep = "$" + "[?(@".repeat(20) + ")]".repeat(20);

    for (String path : List.of(deep, longPath, nestedDeep)) {
      assertThat(catchThrowable(() -> JsonPaths.concretePaths(path, Map.of())))
          .isInstanceOf(PromotionFailure.class)
          .hasMessageStartingWith("JSONPath " + path.substring(0, 60) + "...");
    }
  }
}
