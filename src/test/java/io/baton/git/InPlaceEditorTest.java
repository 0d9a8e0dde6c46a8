package io.baton.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.release.PromotionFailure;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InPlaceEditorTest {

  private static final String DEV =
      """
      # Values for demo-trioapp.
      replicaCount: 1  # dev runs one

      image:
        repository: ghcr.io/acme/trioapp
        # promoted by Baton
        tag: "2.0.0"
        pullPolicy: IfNotPresent
      """;

  private static final String QA =
      """
      # Values for demo-trioapp.
      replicaCount: 2  # qa runs two

      image:
        repository: ghcr.io/acme/trioapp
        # promoted by Baton
        tag: "1.0.0"
        pullPolicy: IfNotPresent
      """;

  private static String promote(String source, String target, String... paths) {
    return promoteFile("values.yaml", source, target, paths);
  }

  private static String promoteFile(String name, String source, String target, String... paths) {
    return InPlaceEditor.promote(
            StructuredFile.parse("dev " + name, source),
            StructuredFile.parse("qa " + name, target),
            List.of(paths))
        .text();
  }

  private static List<String> changedLines(String before, String after) {
    List<String> a = before.lines().toList();
    List<String> b = after.lines().toList();
    assertThat(b).as("line count").hasSameSizeAs(a);
    return IntStream.range(0, a.size())
        .filter(i -> !a.get(i).equals(b.get(i)))
        .mapToObj(b::get)
        .toList();
  }

  @Test
  void changes_only_the_promoted_scalar_and_keeps_comments_and_quoting() {
    String result = promote(DEV, QA, "$.image.tag");

    assertThat(result).isEqualTo(QA.replace("\"1.0.0\"", "\"2.0.0\""));
    assertThat(changedLines(QA, result)).containsExactly("  tag: \"2.0.0\"");
  }

  @Test
  void leaves_the_text_unchanged_when_the_target_already_holds_the_value() {
    assertThat(promote(DEV, DEV.replace("replicaCount: 1", "replicaCount: 5"), "$.image.tag"))
        .isEqualTo(DEV.replace("replicaCount: 1", "replicaCount: 5"));
  }

  @Test
  void keeps_the_targets_plain_style_when_the_value_stays_a_string() {
    String target = QA.replace("\"1.0.0\"", "1.0.0");
    assertThat(changedLines(target, promote(DEV, target, "$.image.tag")))
        .containsExactly("  tag: 2.0.0");
  }

  @Test
  void keeps_the_targets_single_quotes() {
    String target = QA.replace("\"1.0.0\"", "'1.0.0'");
    assertThat(changedLines(target, promote(DEV, target, "$.image.tag")))
        .containsExactly("  tag: '2.0.0'");
  }

  @Test
  void quotes_a_value_that_plain_style_would_read_as_a_number() {
    String source = DEV.replace("\"2.0.0\"", "\"2.0\"");
    String target = QA.replace("\"1.0.0\"", "v1");
    assertThat(changedLines(target, promote(source, target, "$.image.tag")))
        .containsExactly("  tag: \"2.0\"");
  }

  @Test
  void writes_a_number_as_a_number_when_the_source_has_a_number() {
    String source = "a:\n  n: 3\n";
    String target = "a:\n  n: \"2\"   # was a string\n";
    assertThat(promote(source, target, "$.a.n")).isEqualTo("a:\n  n: 3   # was a string\n");
  }

  @Test
  void keeps_a_trailing_comment_on_the_edited_line() {
    String source = "tag: 2.0.0 # new\n";
    String target = "tag: 1.0.0 # keep me\n";
    assertThat(promote(source, target, "$.tag")).isEqualTo("tag: 2.0.0 # keep me\n");
  }

  @Test
  void edits_every_match_of_a_recursive_path() {
    String source =
        """
        web:
          image: {repository: web, tag: "2"}
        worker:
          image:
            repository: worker
            tag: "2"
        """;
    String target =
        """
        web:
          image: {repository: web, tag: "1"}   # flow style stays flow
        worker:
          replicas: 3
          image:
            repository: worker
            tag: "1"
        """;
    assertThat(promote(source, target, "$..image.tag")).isEqualTo(target.replace("\"1\"", "\"2\""));
  }

  @Test
  void copies_a_whole_mapping_matched_by_a_recursive_path_leaf_by_leaf() {
    String source = "app:\n  image:\n    repository: r2\n    tag: t2\n";
    String target = "# top\napp:\n  image:\n    repository: r1 # repo\n    tag: t1\n";
    assertThat(promote(source, target, "$..image"))
        .isEqualTo("# top\napp:\n  image:\n    repository: r2 # repo\n    tag: t2\n");
  }

  @Test
  void evaluates_wildcards() {
    String source = "images:\n  web: w2\n  api: a2\n";
    String target = "images:\n  web: w1\n  api: a1  # api\n";
    assertThat(promote(source, target, "$.images.*"))
        .isEqualTo("images:\n  web: w2\n  api: a2  # api\n");
  }

  @Test
  void understands_bracket_notation_for_keys_with_dashes() {
    String source = "rollout-canary:\n  image:\n    tag: \"2\"\n";
    String target = "rollout-canary:\n  image:\n    tag: \"1\"\n";
    assertThat(promote(source, target, "$[\"rollout-canary\"].image.tag"))
        .isEqualTo(target.replace("\"1\"", "\"2\""));
    assertThat(promote(source, target, "$['rollout-canary'].image.tag"))
        .isEqualTo(target.replace("\"1\"", "\"2\""));
  }

  @Test
  void edits_items_of_sequences_and_filters() {
    String source =
        "containers:\n  - name: web\n    image: web:2\n  - name: side\n    image: side:9\n";
    String target =
        "containers:\n  - name: web\n    image: web:1 # main\n  - name: side\n    image: side:1\n";
    assertThat(promote(source, target, "$.containers[?(@.name == 'web')].image"))
        .isEqualTo(
            "containers:\n  - name: web\n    image: web:2 # main\n  - name: side\n    image: side:1\n");
    assertThat(promote(source, target, "$.containers[1].image"))
        .isEqualTo(
            "containers:\n  - name: web\n    image: web:1 # main\n  - name: side\n    image: side:9\n");
  }

  @Test
  void adds_a_key_the_target_lacks_at_the_indentation_of_its_siblings() {
    String source = "image:\n  tag: \"2\"\n  digest: sha256:abc\nreplicas: 1\n";
    String target = "image:\n  tag: \"1\"  # tag\nreplicas: 3\n";
    assertThat(promote(source, target, "$.image.digest"))
        .isEqualTo("image:\n  tag: \"1\"  # tag\n  digest: sha256:abc\nreplicas: 3\n");
  }

  @Test
  void adds_only_the_keys_along_the_path_when_a_whole_section_is_missing() {
    String source = "image:\n  repository: r\n  tag: \"2\"\nreplicas: 1\n";
    String target = "replicas: 3 # prod\n";
    assertThat(promote(source, target, "$.image.tag"))
        .isEqualTo("replicas: 3 # prod\nimage:\n  tag: \"2\"\n");
  }

  @Test
  void rewrites_a_list_whose_length_differs() {
    String source = "hosts:\n  - a\n  - b\nkeep: 1\n";
    String target = "hosts:\n  - a\nkeep: 2\n";
    assertThat(promote(source, target, "$.hosts")).isEqualTo("hosts:\n  - a\n  - b\nkeep: 2\n");
  }

  @Test
  void rewrites_a_mapping_with_keys_the_source_no_longer_has() {
    String source = "resources:\n  cpu: 2\nkeep: 1\n";
    String target = "resources:\n  cpu: 1\n  memory: 1Gi\nkeep: 2\n";
    assertThat(promote(source, target, "$.resources")).isEqualTo("resources:\n  cpu: 2\nkeep: 2\n");
  }

  @Test
  void replaces_a_scalar_by_a_mapping_as_flow_yaml() {
    String source = "image:\n  tag: \"2\"\n";
    String target = "image: old # comment\n";
    assertThat(promote(source, target, "$.image")).isEqualTo("image: {tag: \"2\"} # comment\n");
  }

  @Test
  void fills_an_empty_value() {
    assertThat(promote("tag: v2\nx: 1\n", "tag:\nx: 2\n", "$.tag")).isEqualTo("tag: v2\nx: 2\n");
  }

  @Test
  void replaces_a_block_scalar_with_the_sources() {
    String source = "config: |\n  a=2\n  b=2\nnext: 1\n";
    String target = "config: |\n  a=1\nnext: 2\n";
    assertThat(promote(source, target, "$.config")).isEqualTo("config: |\n  a=2\n  b=2\nnext: 2\n");
  }

  @Test
  void replaces_a_block_scalar_by_a_plain_value_without_joining_lines() {
    String source = "config: short\nnext: 1\n";
    String target = "config: |\n  a=1\nnext: 2\n";
    assertThat(promote(source, target, "$.config")).isEqualTo("config: short\nnext: 2\n");
  }

  @Test
  void keeps_an_anchor_on_the_target_value() {
    String source = "tag: v2\n";
    String target = "tag: &t v1\nalso: *t\n";
    assertThat(promote(source, target, "$.tag")).isEqualTo("tag: &t v2\nalso: *t\n");
  }

  @Test
  void keeps_windows_line_endings() {
    String source = "image:\r\n  tag: v2\r\n  digest: d\r\n";
    String target = "image:\r\n  tag: v1\r\nother: 1\r\n";
    assertThat(promote(source, target, "$.image"))
        .isEqualTo("image:\r\n  tag: v2\r\n  digest: d\r\nother: 1\r\n");
  }

  @Test
  void keeps_text_with_characters_outside_the_basic_plane_in_place() {
    String source = "note: \"🚀 launch\"\ntag: v2\n";
    String target = "note: \"🐢 slow\" # 🐢\ntag: v1 # 🐢\n";
    assertThat(promote(source, target, "$.tag"))
        .isEqualTo("note: \"🐢 slow\" # 🐢\ntag: v2 # 🐢\n");
  }

  @Test
  void edits_each_document_of_a_multi_document_file() {
    String source = "kind: A\nimage: a:2\n---\nkind: B\nimage: b:2\n";
    String target = "kind: A\nimage: a:1\n---\n# second\nkind: B\nimage: b:1\n";
    assertThat(promote(source, target, "$.image"))
        .isEqualTo("kind: A\nimage: a:2\n---\n# second\nkind: B\nimage: b:2\n");
  }

  @Test
  void edits_json_in_place_keeping_its_formatting() {
    String source =
        "{\n  \"image\": {\"repository\": \"r\", \"tag\": \"2.0.0\"},\n  \"replicas\": 1\n}\n";
    String target =
        "{\n\t\"image\": {\"repository\": \"r\", \"tag\": \"1.0.0\"},\n\t\"replicas\": 3\n}\n";
    assertThat(promoteFile("values.json", source, target, "$.image.tag"))
        .isEqualTo(target.replace("1.0.0", "2.0.0"));
  }

  @Test
  void adds_a_missing_key_to_pretty_printed_json() {
    String source = "{\n  \"image\": {\n    \"tag\": \"2\",\n    \"digest\": \"d\"\n  }\n}\n";
    String target = "{\n  \"image\": {\n    \"tag\": \"1\"\n  }\n}\n";
    assertThat(promoteFile("values.json", source, target, "$.image"))
        .isEqualTo("{\n  \"image\": {\n    \"tag\": \"2\",\n    \"digest\": \"d\"\n  }\n}\n");
  }

  @Test
  void writes_json_numbers_and_strings_as_json() {
    String source = "{\"n\": 5, \"s\": \"x\\\"y\"}";
    String target = "{\"n\": \"4\", \"s\": 1}";
    assertThat(promoteFile("v.json", source, target, "$.n", "$.s"))
        .isEqualTo("{\"n\": 5, \"s\": \"x\\\"y\"}");
  }

  @Test
  void reports_how_many_paths_matched() {
    var outcome =
        InPlaceEditor.promote(
            StructuredFile.parse("a.yaml", "a: 1\nb: 2\n"),
            StructuredFile.parse("b.yaml", "a: 0\nb: 0\n"),
            List.of("$.a", "$.*", "$.missing"));
    assertThat(outcome.matched()).isEqualTo(2);
    assertThat(outcome.text()).isEqualTo("a: 1\nb: 2\n");
  }

  @Test
  void fails_with_the_file_name_on_invalid_yaml() {
    assertThatThrownBy(() -> promote("a: 1\n", "a: [1\n", "$.a"))
        .isInstanceOf(PromotionFailure.class)
        .hasMessageContaining("qa values.yaml is not valid YAML");
  }

  @Test
  void fails_on_an_invalid_json_path() {
    assertThatThrownBy(() -> promote("a: 1\n", "a: 2\n", "$.a[?("))
        .isInstanceOf(PromotionFailure.class)
        .hasMessageContaining("JSONPath $.a[?( is not valid");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "$['image']['tag']|image,tag",
        "$['list'][0]['name']|list,0,name",
        "$['rollout-canary']['a b']|rollout-canary,a b",
        "$['it''s']|it''s",
      })
  void splits_normalised_paths_into_keys_and_indices(String normalised, String expected) {
    List<Object> want =
        Arrays.stream(expected.split(","))
            .map(s -> s.matches("\\d+") ? (Object) Integer.valueOf(s) : s)
            .toList();
    assertThat(JsonPaths.segments(normalised)).isEqualTo(want);
  }

  @Test
  void displays_concrete_paths_the_way_people_write_them() {
    assertThat(JsonPaths.display(List.of("image", "tag"))).isEqualTo("$.image.tag");
    assertThat(JsonPaths.display(List.of("rollout-canary", 0, "tag")))
        .isEqualTo("$[\"rollout-canary\"][0].tag");
  }
}
