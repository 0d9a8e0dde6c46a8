package io.baton.git;

import static io.baton.git.GitFixture.app;
import static io.baton.git.GitFixture.await;
import static io.baton.git.GitFixture.commit;
import static io.baton.git.GitFixture.commitOf;
import static io.baton.git.GitFixture.diff;
import static io.baton.git.GitFixture.head;
import static io.baton.git.GitFixture.isAncestor;
import static io.baton.git.GitFixture.log;
import static io.baton.git.GitFixture.read;
import static io.baton.git.GitFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.product.Application;
import io.baton.product.PromotionTemplate;
import io.baton.release.PromotionAction.Result;
import io.baton.release.PromotionFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One repository holding every environment's folder: mirroring without a template, and parallel
 * steps.
 */
class MirrorAndConcurrencyTest {
  private static final PromotionTemplate TAG =
      new PromotionTemplate(
          new PromotionTemplate.VersionSource("values.yaml", "$.image.tag"),
          List.of(new PromotionTemplate.Entry("values.yaml", List.of("$.image.tag"))));

  @TempDir Path temp;

  private Vertx vertx;
  private GitFixture git;
  private final List<GitRepositories> caches = new ArrayList<>();
  private Path repo;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    git = new GitFixture(temp);
    repo = git.bare("platform");
    Map<String, String> files = new HashMap<>();
    for (String env : List.of("dev", "qa", "staging", "uat", "perf")) {
      String tag = env.equals("dev") ? "2.0.0" : "1.0.0";
      files.put(
          "envs/" + env + "/values.yaml",
          "# "
              + env
              + "\nimage:\n  tag: "
              + tag
              + "  # promoted\nreplicas: "
              + env.length()
              + "\n");
    }
    files.put("envs/dev/config/app.properties", "feature.x=on\n");
    files.put("envs/dev/new-dashboard.json", "{\"panels\": []}\n");
    files.put("envs/qa/config/app.properties", "feature.x=off\n");
    files.put("envs/qa/obsolete.yaml", "old: true\n");
    files.put("README.md", "platform\n");
    files.put("shared/policy.yaml", "strict: true\n");
    commit(repo, files, "Initial layout");
  }

  @AfterEach
  void tearDown() {
    caches.forEach(GitRepositories::close);
    await(vertx.close());
  }

  private GitPromotionAction action() {
    GitRepositories cache =
        git.repositories(vertx, "cache-" + caches.size(), Duration.ofSeconds(10));
    caches.add(cache);
    return new GitPromotionAction(vertx, cache, GitAuthor.DEFAULT, Clock.systemUTC(), null);
  }

  private Application env(String name) {
    return app("platform-" + name, repo, "envs/" + name);
  }

  @Test
  void mirrors_the_source_path_into_the_target_path_adding_changing_and_removing_files() {
    Result result =
        await(
            action().promote(request(1, 1, env("dev"), head(repo), "dev", env("qa"), "qa", null)));

    assertThat(result.changed()).isTrue();
    assertThat(result.version()).isNull();
    assertThat(read(repo, "envs/qa/values.yaml")).isEqualTo(read(repo, "envs/dev/values.yaml"));
    assertThat(read(repo, "envs/qa/config/app.properties")).isEqualTo("feature.x=on\n");
    assertThat(read(repo, "envs/qa/new-dashboard.json")).isEqualTo("{\"panels\": []}\n");
    assertThat(read(repo, "envs/qa/obsolete.yaml")).isNull();
    assertThat(read(repo, "README.md")).isEqualTo("platform\n");
    assertThat(read(repo, "shared/policy.yaml")).isEqualTo("strict: true\n");
    assertThat(read(repo, "envs/staging/values.yaml")).contains("tag: 1.0.0");
    assertThat(diff(repo, result.commitSha()))
        .contains(
            "envs/qa/values.yaml",
            "envs/qa/config/app.properties",
            "envs/qa/new-dashboard.json",
            "envs/qa/obsolete.yaml")
        .doesNotContain("envs/dev/", "envs/staging/", "README.md", "shared/");
  }

  @Test
  void mirroring_with_only_a_version_source_reports_the_version() {
    PromotionTemplate versionOnly = new PromotionTemplate(TAG.versionSource(), List.of());

    Result result =
        await(
            action()
                .promote(
                    request(1, 1, env("dev"), head(repo), "dev", env("qa"), "qa", versionOnly)));

    assertThat(result.version()).isEqualTo("2.0.0");
    assertThat(read(repo, "envs/qa/obsolete.yaml")).isNull();
  }

  @Test
  void refuses_to_mirror_a_source_path_with_no_files() {
    Application empty = app("platform-nowhere", repo, "envs/nowhere");

    assertThatThrownBy(
            () ->
                await(
                    action()
                        .promote(
                            request(1, 1, empty, head(repo), "nowhere", env("qa"), "qa", null))))
        .isInstanceOf(PromotionFailure.class)
        .hasMessageContaining("nowhere has no files under its path");
    assertThat(read(repo, "envs/qa/obsolete.yaml")).isEqualTo("old: true\n");
  }

  @Test
  void promotes_qa_and_staging_in_parallel_into_one_branch_with_linear_history_and_no_force_push() {
    String initial = head(repo);
    String someoneElse =
        commit(repo, Map.of("README.md", "platform, edited\n"), "Edit the readme").name();

    // Two Baton instances (separate caches, so nothing serialises them) and one more step on each,
    // all at once.
    GitPromotionAction first = action();
    GitPromotionAction second = action();
    List<Future<Result>> steps =
        List.of(
            first.promote(request(1, 1, env("dev"), initial, "dev", env("qa"), "qa", TAG)),
            second.promote(
                request(1, 1, env("dev"), initial, "dev", env("staging"), "staging", TAG)),
            second.promote(request(1, 1, env("dev"), initial, "dev", env("uat"), "uat", null)),
            first.promote(request(1, 1, env("dev"), initial, "dev", env("perf"), "perf", null)));
    await(Future.join(steps));

    List<Result> results = steps.stream().map(Future::result).toList();
    List<RevCommit> history = log(repo);
    assertThat(history)
        .allSatisfy(commit -> assertThat(commit.getParentCount()).isLessThanOrEqualTo(1));
    for (String landed : List.of(initial, someoneElse)) {
      assertThat(isAncestor(repo, landed, head(repo))).isTrue();
    }
    for (Result result : results) {
      assertThat(isAncestor(repo, result.commitSha(), head(repo))).isTrue();
    }
    assertThat(results).allSatisfy(result -> assertThat(result.changed()).isTrue());
    assertThat(results.stream().map(Result::commitSha).distinct()).hasSize(4);
    assertThat(history.stream().filter(c -> c.getFullMessage().contains("Baton-Release: 1")))
        .hasSize(4);
    assertThat(read(repo, "envs/qa/values.yaml"))
        .isEqualTo("# qa\nimage:\n  tag: 2.0.0  # promoted\nreplicas: 2\n");
    assertThat(read(repo, "envs/staging/values.yaml"))
        .isEqualTo("# staging\nimage:\n  tag: 2.0.0  # promoted\nreplicas: 7\n");
    assertThat(read(repo, "envs/qa/obsolete.yaml")).isEqualTo("old: true\n");
    assertThat(read(repo, "envs/uat/config/app.properties")).isEqualTo("feature.x=on\n");
    assertThat(read(repo, "envs/perf/new-dashboard.json")).isEqualTo("{\"panels\": []}\n");
    assertThat(read(repo, "README.md")).isEqualTo("platform, edited\n");
    assertThat(commitOf(repo, results.get(0).commitSha()).getShortMessage())
        .isEqualTo("Promote demo-trioapp 2.0.0 from dev to qa");
  }
}
