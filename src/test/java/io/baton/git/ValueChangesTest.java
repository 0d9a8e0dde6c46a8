package io.baton.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.product.PromotionTemplate;
import io.baton.product.PromotionTemplate.Entry;
import io.baton.product.PromotionTemplate.VersionSource;
import io.baton.rollback.PromotedValueChange;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The value-by-value changes a rollback preview lists, from the plan of restoring files. */
class ValueChangesTest {
  private static final String EARLIER =
      """
      image:
        tag: "1.1.0"  # the version
      replicas: 3
      hosts: [a.example.com, b.example.com]
      """;
  private static final String HEAD =
      """
      image:
        tag: "1.2.0"  # the version
      replicas: 3
      hosts: [a.example.com]
      extra: true
      """;

  private static Map<String, FileEntry> files(String... pathsAndContents) {
    Map<String, FileEntry> files = new TreeMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      files.put(pathsAndContents[i], FileEntry.ofText(pathsAndContents[i + 1]));
    }
    return files;
  }

  private static List<PromotedValueChange> changes(
      Map<String, FileEntry> earlier, Map<String, FileEntry> head, PromotionTemplate template) {
    Plan plan = new PromotionPlanner("prod at abc1234", "prod").plan(earlier, head, template);
    return new ValueChanges("apps/prod").of(earlier, head, template, plan);
  }

  private static PromotionTemplate template(String... jsonPaths) {
    return new PromotionTemplate(
        new VersionSource("values.yaml", "$.image.tag"),
        List.of(new Entry("*.yaml", List.of(jsonPaths))));
  }

  @Test
  void lists_each_changed_value_by_file_and_concrete_path_and_leaves_equal_ones_out() {
    List<PromotedValueChange> changes =
        changes(
            files("values.yaml", EARLIER, "other.yaml", "image:\n  tag: x\n"),
            files("values.yaml", HEAD, "other.yaml", "image:\n  tag: x\n"),
            template("$.image.tag", "$.replicas"));

    assertThat(changes)
        .containsExactly(
            new PromotedValueChange("apps/prod/values.yaml", "$.image.tag", "1.2.0", "1.1.0"));
  }

  @Test
  void shows_a_list_or_mapping_as_json_and_a_value_missing_at_the_head_as_null() {
    List<PromotedValueChange> changes =
        changes(
            files("values.yaml", EARLIER),
            files("values.yaml", HEAD.replace("replicas: 3\n", "")),
            template("$.hosts", "$.replicas"));

    assertThat(changes)
        .containsExactly(
            new PromotedValueChange(
                "apps/prod/values.yaml",
                "$.hosts",
                "[\"a.example.com\"]",
                "[\"a.example.com\",\"b.example.com\"]"),
            new PromotedValueChange("apps/prod/values.yaml", "$.replicas", null, "3"));
  }

  @Test
  void a_value_named_by_two_json_paths_is_listed_once() {
    List<PromotedValueChange> changes =
        changes(
            files("values.yaml", EARLIER),
            files("values.yaml", HEAD),
            template("$.image.tag", "$..tag"));

    assertThat(changes).extracting(PromotedValueChange::path).containsExactly("$.image.tag");
  }

  @Test
  void without_promotion_entries_each_restored_file_is_one_change_without_a_path() {
    List<PromotedValueChange> changes =
        changes(
            files("values.yaml", EARLIER, "same.txt", "x\n"),
            files("values.yaml", HEAD, "same.txt", "x\n", "new.txt", "n\n"),
            null);

    assertThat(changes)
        .containsExactly(
            new PromotedValueChange("apps/prod/new.txt", null, null, null),
            new PromotedValueChange("apps/prod/values.yaml", null, null, null));
  }
}
