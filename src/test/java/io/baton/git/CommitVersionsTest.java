package io.baton.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * The versions read at commits of one cached remote: a commit never changes, so the version a file
 * holds at it is read once, however many pins ask.
 */
class CommitVersionsTest {
  private static final ObjectId ONE =
      ObjectId.fromString("1111111111111111111111111111111111111111");
  private static final ObjectId TWO =
      ObjectId.fromString("2222222222222222222222222222222222222222");

  private final AtomicInteger reads = new AtomicInteger();

  private Supplier<String> reading(String version) {
    return () -> {
      reads.incrementAndGet();
      return version;
    };
  }

  @Test
  void a_version_at_a_commit_is_read_once_for_each_file_and_json_path() {
    CommitVersions versions = new CommitVersions(100);

    assertThat(versions.at(ONE, "a/values.yaml", "$.tag", reading("1.0.0"))).isEqualTo("1.0.0");
    assertThat(versions.at(ONE, "a/values.yaml", "$.tag", reading("other"))).isEqualTo("1.0.0");
    assertThat(versions.at(ONE, "a/values.yaml", "$.image", reading("img"))).isEqualTo("img");
    assertThat(versions.at(ONE, "b/values.yaml", "$.tag", reading("2.0.0"))).isEqualTo("2.0.0");
    assertThat(versions.at(TWO, "a/values.yaml", "$.tag", reading("3.0.0"))).isEqualTo("3.0.0");

    assertThat(reads.get()).isEqualTo(4);
  }

  @Test
  void a_missing_version_is_remembered_and_a_failed_read_is_not() {
    CommitVersions versions = new CommitVersions(100);

    assertThat(versions.at(ONE, "a/values.yaml", "$.tag", reading(null))).isNull();
    assertThat(versions.at(ONE, "a/values.yaml", "$.tag", reading("later"))).isNull();
    assertThatThrownBy(
            () ->
                versions.at(
                    ONE,
                    "broken.yaml",
                    "$.tag",
                    () -> {
                      throw new IllegalStateException("not YAML");
                    }))
        .hasMessage("not YAML");
    assertThat(versions.at(ONE, "broken.yaml", "$.tag", reading("fixed"))).isEqualTo("fixed");
    assertThat(reads.get()).isEqualTo(2);
  }

  @Test
  void the_least_recently_used_versions_are_forgotten_beyond_the_limit() {
    CommitVersions versions = new CommitVersions(2);
    versions.at(ONE, "a", "$.tag", reading("a"));
    versions.at(ONE, "b", "$.tag", reading("b"));
    versions.at(ONE, "a", "$.tag", reading("a"));
    versions.at(ONE, "c", "$.tag", reading("c"));

    versions.at(ONE, "a", "$.tag", reading("a"));
    versions.at(ONE, "b", "$.tag", reading("b"));

    assertThat(reads.get()).isEqualTo(4);
  }
}
