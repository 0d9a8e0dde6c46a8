package io.baton.git;

import static io.baton.git.GitFixture.app;
import static io.baton.git.GitFixture.await;
import static io.baton.git.GitFixture.changedLines;
import static io.baton.git.GitFixture.commit;
import static io.baton.git.GitFixture.commitOf;
import static io.baton.git.GitFixture.diff;
import static io.baton.git.GitFixture.head;
import static io.baton.git.GitFixture.log;
import static io.baton.git.GitFixture.read;
import static io.baton.git.GitFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.product.Application;
import io.baton.product.PromotionTemplate;
import io.baton.release.PromotionAction.Result;
import io.baton.release.PromotionFailure;
import io.baton.release.SourcePinner.Snapshot;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitPromotionActionTest {
  private static final PromotionTemplate TEMPLATE = DemoRepositories.TEMPLATE;

  @TempDir Path temp;

  private Vertx vertx;
  private GitFixture git;
  private GitRepositories repositories;
  private Map<String, Path> demo;
  private Map<String, Application> apps;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    git = new GitFixture(temp);
    repositories = git.repositories(vertx, "cache", Duration.ofSeconds(10));
    demo = new LinkedHashMap<>();
    apps = new LinkedHashMap<>();
    DemoRepositories.create(temp.resolve("data"))
        .forEach(
            (env, url) -> {
              demo.put(env, GitFixture.pathOf(url));
              apps.put(env, app("demo-trioapp-" + env, url, ""));
            });
  }

  @AfterEach
  void tearDown() {
    repositories.close();
    await(vertx.close());
  }

  private GitPromotionAction action(GitRepositories repos) {
    return new GitPromotionAction(vertx, repos, GitAuthor.DEFAULT, Clock.systemUTC(), null);
  }

  private Snapshot pinDev() {
    return await(new GitSourcePinner(repositories).pin(apps.get("dev"), TEMPLATE));
  }

  private Result promote(long release, int attempt, Snapshot pinned, String from, String to) {
    return await(
        action(repositories)
            .promote(
                request(
                    release,
                    attempt,
                    apps.get(from),
                    pinned.commit(),
                    from,
                    apps.get(to),
                    to,
                    TEMPLATE)));
  }

  @Test
  void pins_the_head_of_the_source_branch_and_its_version() {
    Snapshot pinned = pinDev();

    assertThat(pinned.commit()).isEqualTo(head(demo.get("dev")));
    assertThat(pinned.version()).isEqualTo(DemoRepositories.DEV_TAG);
  }

  @Test
  void a_branch_lock_left_by_a_writer_killed_mid_push_is_cleared_and_the_promotion_lands()
      throws Exception {
    Snapshot pinned = pinDev();
    Path lock = demo.get("qa").resolve("refs/heads/main.lock");
    Files.createFile(lock);
    Files.setLastModifiedTime(
        lock, FileTime.from(Instant.now().minus(CachedRepository.STALE_LOCK).minusSeconds(1)));

    Result qa = promote(1, 1, pinned, "dev", "qa");

    assertThat(qa.commitSha()).isEqualTo(head(demo.get("qa")));
    assertThat(read(demo.get("qa"), "values.yaml")).contains("tag: \"1.1.0\"");
    assertThat(lock).doesNotExist();
  }

  @Test
  void a_fresh_branch_lock_is_left_alone_because_its_writer_may_still_be_at_work()
      throws Exception {
    Snapshot pinned = pinDev();
    Path lock = demo.get("qa").resolve("refs/heads/main.lock");
    Files.createFile(lock);

    assertThatThrownBy(() -> promote(1, 1, pinned, "dev", "qa")).hasMessageContaining("rejected");
    assertThat(lock).exists();
  }

  @Test
  void promotes_devs_tag_to_qa_and_prod_with_one_changed_line_each() {
    Snapshot pinned = pinDev();
    String chartBefore = read(demo.get("qa"), "Chart.yaml");

    Result qa = promote(1, 1, pinned, "dev", "qa");
    Result prod = promote(1, 1, pinned, "dev", "prod");

    for (var step : Map.of("qa", qa, "prod", prod).entrySet()) {
      Path repo = demo.get(step.getKey());
      Result result = step.getValue();
      assertThat(result.changed()).isTrue();
      assertThat(result.commitSha()).isEqualTo(head(repo));
      assertThat(result.version()).isEqualTo(DemoRepositories.DEV_TAG);
      assertThat(changedLines(diff(repo, result.commitSha())))
          .containsExactly("-  tag: \"1.0.0\"", "+  tag: \"1.1.0\"");
      assertThat(read(repo, "values.yaml")).contains("tag: \"1.1.0\"");
    }
    assertThat(read(demo.get("qa"), "Chart.yaml")).isEqualTo(chartBefore);
    assertThat(read(demo.get("qa"), "values.yaml"))
        .contains("replicaCount: 2  # qa runs 2 replicas");
    assertThat(read(demo.get("prod"), "values.yaml"))
        .contains("replicaCount: 3  # prod runs 3 replicas");
  }

  @Test
  void writes_the_message_trailers_and_author_of_a_promotion_commit() {
    Snapshot pinned = pinDev();

    Result result = promote(42, 1, pinned, "dev", "qa");

    RevCommit commit = commitOf(demo.get("qa"), result.commitSha());
    assertThat(commit.getShortMessage()).isEqualTo("Promote demo-trioapp 1.1.0 from dev to qa");
    assertThat(commit.getFooterLines("Baton-Release")).containsExactly("42");
    assertThat(commit.getFooterLines("Baton-Environment")).containsExactly("qa");
    assertThat(commit.getFooterLines("Baton-Idempotency-Key")).containsExactly("42/qa/1");
    assertThat(commit.getFooterLines("Baton-Source-Commit")).containsExactly(pinned.commit());
    assertThat(commit.getAuthorIdent().getName()).isEqualTo("Baton");
    assertThat(commit.getAuthorIdent().getEmailAddress()).isEqualTo("baton@localhost");
    assertThat(result.message()).contains("Committed " + result.commitSha().substring(0, 7));
  }

  @Test
  void keeps_a_commit_someone_else_pushed_to_the_target_before() {
    String theirs = commit(demo.get("qa"), Map.of("NOTES.md", "qa notes\n"), "Add notes").name();
    Snapshot pinned = pinDev();

    Result result = promote(1, 1, pinned, "dev", "qa");

    assertThat(commitOf(demo.get("qa"), result.commitSha()).getParent(0).name()).isEqualTo(theirs);
    assertThat(read(demo.get("qa"), "NOTES.md")).isEqualTo("qa notes\n");
  }

  @Test
  void makes_no_commit_when_the_target_already_holds_the_content() {
    Snapshot pinned = pinDev();
    promote(1, 1, pinned, "dev", "qa");
    String headAfterFirst = head(demo.get("qa"));
    int commits = log(demo.get("qa")).size();

    Result again = promote(2, 1, pinned, "dev", "qa");

    assertThat(again.changed()).isFalse();
    assertThat(again.commitSha()).isEqualTo(headAfterFirst);
    assertThat(again.version()).isEqualTo(DemoRepositories.DEV_TAG);
    assertThat(again.message()).isEqualTo("qa already holds demo-trioapp 1.1.0; no commit made");
    assertThat(log(demo.get("qa"))).hasSize(commits);
  }

  @Test
  void a_new_tag_pushed_to_dev_reaches_prod_on_the_next_release() {
    promote(1, 1, pinDev(), "dev", "prod");
    String values = read(demo.get("dev"), "values.yaml");
    commit(demo.get("dev"), Map.of("values.yaml", values.replace("1.1.0", "1.2.0")), "Build 1.2.0");

    Snapshot next = pinDev();
    Result result = promote(2, 1, next, "dev", "prod");

    assertThat(next.version()).isEqualTo("1.2.0");
    assertThat(result.version()).isEqualTo("1.2.0");
    assertThat(read(demo.get("prod"), "values.yaml")).contains("tag: \"1.2.0\"");
  }

  @Test
  void promotes_the_pinned_commit_even_after_the_source_moved_on() {
    Snapshot pinned = pinDev();
    String values = read(demo.get("dev"), "values.yaml");
    commit(demo.get("dev"), Map.of("values.yaml", values.replace("1.1.0", "9.9.9")), "Build 9.9.9");

    Result result = promote(1, 1, pinned, "dev", "qa");

    assertThat(result.version()).isEqualTo("1.1.0");
    assertThat(read(demo.get("qa"), "values.yaml")).contains("tag: \"1.1.0\"");
  }

  @Test
  void adopts_the_commit_a_step_pushed_before_a_crash_instead_of_committing_again() {
    Snapshot pinned = pinDev();
    Result first = promote(7, 1, pinned, "dev", "qa");
    String later =
        commit(demo.get("qa"), Map.of("NOTES.md", "after\n"), "Someone else, later").name();
    int commits = log(demo.get("qa")).size();

    // A restarted Baton (a fresh cache) retries the step whose push landed but was never recorded.
    GitRepositories restarted =
        git.repositories(vertx, "cache-after-restart", Duration.ofSeconds(10));
    try {
      Result retried =
          await(
              action(restarted)
                  .promote(
                      request(
                          7,
                          2,
                          apps.get("dev"),
                          pinned.commit(),
                          "dev",
                          apps.get("qa"),
                          "qa",
                          TEMPLATE)));

      assertThat(retried.commitSha()).isEqualTo(first.commitSha());
      assertThat(retried.changed()).isTrue();
      assertThat(retried.version()).isEqualTo("1.1.0");
      assertThat(retried.message()).startsWith("Adopted " + first.commitSha().substring(0, 7));
      assertThat(log(demo.get("qa"))).hasSize(commits);
      assertThat(head(demo.get("qa"))).isEqualTo(later);
    } finally {
      restarted.close();
    }
  }

  @Test
  void running_the_same_request_twice_changes_nothing_the_second_time() {
    Snapshot pinned = pinDev();
    var request =
        request(8, 1, apps.get("dev"), pinned.commit(), "dev", apps.get("qa"), "qa", TEMPLATE);

    Result first = await(action(repositories).promote(request));
    Result second = await(action(repositories).promote(request));

    assertThat(second.commitSha()).isEqualTo(first.commitSha());
    assertThat(
            log(demo.get("qa")).stream()
                .filter(c -> c.getFullMessage().contains("Baton-Release: 8")))
        .hasSize(1);
  }

  @Test
  void redoes_a_rejected_push_on_the_new_head_and_keeps_the_other_commit() {
    Snapshot pinned = pinDev();
    Path qa = demo.get("qa");
    AtomicInteger pushes = new AtomicInteger();
    String[] theirs = new String[1];
    GitPromotionAction racing =
        new GitPromotionAction(
            vertx,
            repositories,
            GitAuthor.DEFAULT,
            Clock.systemUTC(),
            null,
            5,
            (repo, branch) -> {
              if (pushes.incrementAndGet() == 1) {
                theirs[0] =
                    commit(
                            qa,
                            Map.of("NOTES.md", "pushed between our fetch and our push\n"),
                            "Race")
                        .name();
              }
            });

    Result result =
        await(
            racing.promote(
                request(
                    9,
                    1,
                    apps.get("dev"),
                    pinned.commit(),
                    "dev",
                    apps.get("qa"),
                    "qa",
                    TEMPLATE)));

    assertThat(pushes).hasValue(2);
    assertThat(result.commitSha()).isEqualTo(head(qa));
    assertThat(commitOf(qa, result.commitSha()).getParent(0).name()).isEqualTo(theirs[0]);
    assertThat(read(qa, "NOTES.md")).isEqualTo("pushed between our fetch and our push\n");
    assertThat(changedLines(diff(qa, result.commitSha()))).hasSize(2);
  }

  @Test
  void gives_up_after_a_bounded_number_of_rejected_pushes() {
    Snapshot pinned = pinDev();
    Path qa = demo.get("qa");
    AtomicInteger pushes = new AtomicInteger();
    GitPromotionAction starved =
        new GitPromotionAction(
            vertx,
            repositories,
            GitAuthor.DEFAULT,
            Clock.systemUTC(),
            null,
            3,
            (repo, branch) ->
                commit(qa, Map.of("NOTES.md", "push " + pushes.incrementAndGet() + "\n"), "Busy"));

    Future<Result> result =
        starved.promote(
            request(
                10, 1, apps.get("dev"), pinned.commit(), "dev", apps.get("qa"), "qa", TEMPLATE));

    assertThatThrownBy(() -> await(result))
        .isInstanceOf(GitException.class)
        .hasMessageContaining("rejected 3 times");
    assertThat(pushes).hasValue(3);
    assertThat(read(qa, "values.yaml")).contains("tag: \"1.0.0\"");
  }

  @Test
  void fails_the_step_when_the_template_matches_nothing() {
    Snapshot pinned = pinDev();
    PromotionTemplate wrong =
        new PromotionTemplate(
            null, List.of(new PromotionTemplate.Entry("values.yaml", List.of("$.image.digest"))));

    assertThatThrownBy(
            () ->
                await(
                    action(repositories)
                        .promote(
                            request(
                                11,
                                1,
                                apps.get("dev"),
                                pinned.commit(),
                                "dev",
                                apps.get("qa"),
                                "qa",
                                wrong))))
        .isInstanceOf(PromotionFailure.class)
        .hasMessageContaining("$.image.digest match nothing in dev's values.yaml");
  }

  @Test
  void fails_the_step_when_the_pinned_commit_is_not_in_the_source_repository() {
    String missing = "0123456789abcdef0123456789abcdef01234567";

    assertThatThrownBy(
            () ->
                await(
                    action(repositories)
                        .promote(
                            request(
                                12,
                                1,
                                apps.get("dev"),
                                missing,
                                "dev",
                                apps.get("qa"),
                                "qa",
                                TEMPLATE))))
        .isInstanceOf(PromotionFailure.class)
        .hasMessageContaining("commit " + missing + " is no longer in");
  }

  @Test
  void pinning_a_branch_that_does_not_exist_is_a_promotion_failure() {
    Application noBranch = new Application(99, "x", 1, 1, apps.get("dev").repoUrl(), "nope", "");

    assertThatThrownBy(() -> await(new GitSourcePinner(repositories).pin(noBranch, TEMPLATE)))
        .isInstanceOf(PromotionFailure.class)
        .hasMessageContaining("branch nope does not exist");
  }
}
