package io.baton.git;

import static io.baton.git.GitFixture.head;
import static io.baton.git.GitFixture.pathOf;
import static io.baton.git.GitFixture.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoRepositoriesTest {
  @TempDir Path dataDir;

  @Test
  void creates_one_bare_repository_per_environment_with_one_layout_and_a_newer_tag_in_dev() {
    Map<String, String> urls = DemoRepositories.create(dataDir);

    assertThat(urls).containsOnlyKeys("dev", "qa", "prod");
    assertThat(urls.keySet()).containsExactly("dev", "qa", "prod");
    for (var entry : urls.entrySet()) {
      Path repo = pathOf(entry.getValue());
      assertThat(repo).startsWith(dataDir.resolve("demo-repos")).isDirectory();
      assertThat(repo.resolve("HEAD")).isRegularFile();
      assertThat(head(repo)).isNotNull();
      assertThat(read(repo, "Chart.yaml")).contains("name: demo-trioapp");
      assertThat(read(repo, "templates/deployment.yaml")).contains("{{ .Values.image.tag }}");
      String values = read(repo, "values.yaml");
      StructuredFile parsed = StructuredFile.parse("values.yaml", values);
      String tag = PromotionPlanner.version(parsed, "$.image.tag");
      assertThat(tag)
          .isEqualTo(
              entry.getKey().equals("dev")
                  ? DemoRepositories.DEV_TAG
                  : DemoRepositories.RELEASED_TAG);
      assertThat(values).contains("# Baton promotes image.tag", "replicaCount: ");
    }
    assertThat(read(pathOf(urls.get("qa")), "values.yaml")).contains("replicaCount: 2");
    assertThat(read(pathOf(urls.get("prod")), "values.yaml")).contains("replicaCount: 3");
    assertThat(read(pathOf(urls.get("qa")), "Chart.yaml"))
        .isEqualTo(read(pathOf(urls.get("dev")), "Chart.yaml"));
  }

  @Test
  void creating_again_keeps_the_repositories_as_they_are() {
    Map<String, String> first = DemoRepositories.create(dataDir);
    Path dev = pathOf(first.get("dev"));
    String devHead = head(dev);

    Map<String, String> second = DemoRepositories.create(dataDir);

    assertThat(second).isEqualTo(first);
    assertThat(head(dev)).isEqualTo(devHead);
  }
}
