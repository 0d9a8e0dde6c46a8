package io.baton.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.git.FileChange.Kind;
import io.baton.product.PromotionTemplate;
import io.baton.product.PromotionTemplate.Entry;
import io.baton.product.PromotionTemplate.VersionSource;
import io.baton.release.PromotionFailure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.groups.Tuple;
import org.eclipse.jgit.lib.FileMode;
import org.junit.jupiter.api.Test;

class PromotionPlannerTest {
  private final PromotionPlanner planner = new PromotionPlanner("dev", "qa");

  private static Map<String, FileEntry> files(String... pathsAndContents) {
    Map<String, FileEntry> files = new TreeMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      files.put(pathsAndContents[i], FileEntry.ofText(pathsAndContents[i + 1]));
    }
    return files;
  }

  private static String text(FileEntry entry) {
    return new String(entry.content(), StandardCharsets.UTF_8);
  }

  private static PromotionTemplate template(String file, String... paths) {
    return new PromotionTemplate(
        new VersionSource("values.yaml", "$.image.tag"), List.of(new Entry(file, List.of(paths))));
  }

  @Test
  void mirrors_by_adding_changing_and_removing_files_and_leaves_equal_files_alone() {
    Plan plan =
        planner.plan(
            files("a.yaml", "a: 2\n", "same.txt", "x\n", "new.txt", "n\n"),
            files("a.yaml", "a: 1\n", "same.txt", "x\n", "gone.txt", "g\n"),
            null);

    assertThat(plan.changes())
        .extracting(FileChange::path, FileChange::kind)
        .containsExactly(
            Tuple.tuple("a.yaml", Kind.MODIFIED),
            Tuple.tuple("gone.txt", Kind.REMOVED),
            Tuple.tuple("new.txt", Kind.ADDED));
    assertThat(plan.version()).isNull();
  }

  @Test
  void mirrors_a_change_of_file_mode() {
    Map<String, FileEntry> source =
        Map.of("run.sh", FileEntry.blob(FileMode.EXECUTABLE_FILE, "echo\n".getBytes()));
    Map<String, FileEntry> target =
        Map.of("run.sh", FileEntry.blob(FileMode.REGULAR_FILE, "echo\n".getBytes()));

    assertThat(planner.plan(source, target, null).changes())
        .singleElement()
        .satisfies(change -> assertThat(change.after().mode()).isEqualTo(FileMode.EXECUTABLE_FILE));
  }

  @Test
  void plans_nothing_when_the_target_already_mirrors_the_source() {
    assertThat(planner.plan(files("a", "1\n"), files("a", "1\n"), null).isEmpty()).isTrue();
  }

  @Test
  void copies_values_into_every_file_a_glob_matches() {
    Map<String, FileEntry> source =
        files(
            "values.yaml",
            "image:\n  tag: \"2\"\n",
            "svc/api.yaml",
            "image:\n  tag: \"2\"\n",
            "Chart.yaml",
            "name: x\n");
    Map<String, FileEntry> target =
        files(
            "values.yaml",
            "image:\n  tag: \"1\"\n",
            "svc/api.yaml",
            "image:\n  tag: \"1\" # api\n",
            "Chart.yaml",
            "name: y\n");

    Plan plan = planner.plan(source, target, template("**/*.yaml", "$.image.tag"));

    assertThat(plan.changes())
        .extracting(FileChange::path)
        .containsExactly("svc/api.yaml", "values.yaml");
    assertThat(text(plan.changes().get(0).after())).isEqualTo("image:\n  tag: \"2\" # api\n");
    assertThat(plan.version()).isEqualTo("2");
  }

  @Test
  void applies_several_entries_on_one_file_in_turn() {
    PromotionTemplate template =
        new PromotionTemplate(
            null,
            List.of(
                new Entry("values.yaml", List.of("$.image.tag")),
                new Entry("values.yaml", List.of("$.image.digest"))));

    Plan plan =
        planner.plan(
            files("values.yaml", "image:\n  tag: t2\n  digest: d2\n"),
            files("values.yaml", "image:\n  tag: t1\n  digest: d1\n"),
            template);

    assertThat(text(plan.changes().get(0).after())).isEqualTo("image:\n  tag: t2\n  digest: d2\n");
  }

  @Test
  void fails_when_a_glob_matches_no_source_file() {
    assertThatThrownBy(
            () ->
                planner.plan(
                    files("values.yaml", "a: 1\n"),
                    files("values.yaml", "a: 1\n"),
                    template("values-*.yaml", "$.a")))
        .isInstanceOf(PromotionFailure.class)
        .hasMessage("the promotion template's file values-*.yaml matches no file in dev");
  }

  @Test
  void fails_when_the_target_lacks_a_file_with_values_to_promote() {
    assertThatThrownBy(
            () ->
                planner.plan(
                    files("values.yaml", "a: 1\n"),
                    files("other.yaml", "a: 1\n"),
                    template("values.yaml", "$.a")))
        .isInstanceOf(PromotionFailure.class)
        .hasMessage("qa has no values.yaml to promote $.a into");
  }

  @Test
  void skips_a_matched_file_in_which_the_paths_match_nothing() {
    Plan plan =
        planner.plan(
            files("a.yaml", "image:\n  tag: 2\n", "b.yaml", "other: 1\n"),
            files("a.yaml", "image:\n  tag: 1\n"),
            template("*.yaml", "$.image.tag"));

    assertThat(plan.changes()).extracting(FileChange::path).containsExactly("a.yaml");
  }

  @Test
  void refuses_a_source_without_files() {
    assertThatThrownBy(() -> planner.plan(Map.of(), files("a", "1"), null))
        .isInstanceOf(PromotionFailure.class)
        .hasMessageContaining("dev has no files under its path");
  }

  @Test
  void reads_the_version_from_the_targets_content_after_the_promotion() {
    Plan plan =
        planner.plan(
            files("values.yaml", "image:\n  tag: v9\n"),
            files("values.yaml", "image:\n  tag: v1\n"),
            template("values.yaml", "$.image.tag"));

    assertThat(plan.version()).isEqualTo("v9");
  }

  @Test
  void reads_a_version_with_a_recursive_path_and_gives_null_when_missing() {
    VersionSource recursive = new VersionSource("./values.yaml", "$..tag");
    assertThat(
            PromotionPlanner.version(
                files("values.yaml", "a:\n  b:\n    tag: \"3.1\"\n"), recursive, "dev"))
        .isEqualTo("3.1");
    assertThat(PromotionPlanner.version(files("values.yaml", "a: 1\n"), recursive, "dev")).isNull();
    assertThat(PromotionPlanner.version(files("other.yaml", "tag: 1\n"), recursive, "dev"))
        .isNull();
  }

  @Test
  void summarises_many_changed_files() {
    Plan plan =
        planner.plan(files("a", "1", "b", "1", "c", "1", "d", "1", "e", "1"), Map.of(), null);
    assertThat(plan.summary()).isEqualTo("a, b, c and 2 more");
  }

  @Test
  void refuses_to_edit_a_file_that_is_not_utf8() {
    Map<String, FileEntry> source =
        Map.of("values.yaml", FileEntry.blob(FileMode.REGULAR_FILE, new byte[] {(byte) 0xff, 'a'}));
    assertThatThrownBy(() -> planner.plan(source, source, template("values.yaml", "$.a")))
        .isInstanceOf(PromotionFailure.class)
        .hasMessageContaining("is not UTF-8 text");
  }
}
