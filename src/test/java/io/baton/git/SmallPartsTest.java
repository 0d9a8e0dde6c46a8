package io.baton.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.Config;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Unified diffs, commit messages, remotes' credentials and the Git settings read from the
 * environment.
 */
class SmallPartsTest {

  @Test
  void a_unified_diff_shows_one_changed_line_with_context() {
    String before = "a\nb\nc\nd\ne\nf\ng\n";
    String after = "a\nb\nc\nD\ne\nf\ng\n";

    assertThat(UnifiedDiff.of("values.yaml", bytes(before), bytes(after)))
        .isEqualTo(
            """
        --- a/values.yaml
        +++ b/values.yaml
        @@ -1,7 +1,7 @@
         a
         b
         c
        -d
        +D
         e
         f
         g
        """);
  }

  @Test
  void a_unified_diff_of_an_added_file_starts_from_dev_null() {
    assertThat(UnifiedDiff.of("new.txt", null, bytes("x\n")))
        .startsWith("--- /dev/null\n+++ b/new.txt\n@@ -0,0 +1 @@\n+x\n");
    assertThat(UnifiedDiff.of("old.txt", bytes("x\n"), null))
        .startsWith("--- a/old.txt\n+++ /dev/null\n");
    assertThat(UnifiedDiff.of("logo.png", new byte[] {1, 0, 2}, new byte[] {1, 0, 3}))
        .startsWith("Binary files");
  }

  @Test
  void the_commit_subject_names_product_version_and_environments() {
    assertThat(CommitMessage.subject("demo-trioapp", "2.0.0", "dev", "qa"))
        .isEqualTo("Promote demo-trioapp 2.0.0 from dev to qa");
    assertThat(CommitMessage.subject("demo-trioapp", null, "dev", "qa"))
        .isEqualTo("Promote demo-trioapp from dev to qa");
    assertThat(CommitMessage.subject("demo-trioapp", "1.1.0", "prod", "prod"))
        .isEqualTo("Restore demo-trioapp 1.1.0 in prod");
    assertThat(CommitMessage.of("p", "1", "dev", "qa", 42, "42/qa/1", "abc"))
        .endsWith(
            "\n\nBaton-Release: 42\nBaton-Environment: qa\nBaton-Product: p\nBaton-Idempotency-Key: 42/qa/1\n"
                + "Baton-Source-Commit: abc\n");
  }

  @Test
  void tokens_are_chosen_by_host_and_port() {
    GitRemotes remotes =
        new GitRemotes(
            Map.of("github.com", "t1", "git.example.com:8443", "user:t2"),
            Optional.empty(),
            Optional.empty(),
            Duration.ofSeconds(60));

    assertThat(remotes.token("https://github.com/acme/gitops.git")).contains("t1");
    assertThat(remotes.token("https://GitHub.com/acme/gitops.git")).contains("t1");
    assertThat(remotes.token("https://git.example.com:8443/x.git")).contains("user:t2");
    assertThat(remotes.token("https://git.example.com/x.git")).isEmpty();
    assertThat(remotes.token("file:///tmp/x.git")).isEmpty();
  }

  @Test
  void recognises_remote_kinds_and_hides_credentials_in_urls() {
    assertThat(GitRemotes.scheme("https://h/x.git")).isEqualTo("https");
    assertThat(GitRemotes.scheme("ssh://git@h/x.git")).isEqualTo("ssh");
    assertThat(GitRemotes.scheme("git@github.com:acme/x.git")).isEqualTo("ssh");
    assertThat(GitRemotes.scheme("/srv/git/x.git")).isEqualTo("file");
    assertThat(GitRemotes.scheme("file:///srv/git/x.git")).isEqualTo("file");
    assertThat(GitRemotes.redact("https://user:secret@h/x.git")).isEqualTo("https://h/x.git");
    assertThat(GitRemotes.redact("https://ghp_token@h/x.git")).isEqualTo("https://h/x.git");
    assertThat(GitRemotes.redact("ssh://git@h/x.git")).isEqualTo("ssh://git@h/x.git");
    assertThat(GitRemotes.redact("ssh://git:pw@h/x.git")).isEqualTo("ssh://git@h/x.git");
  }

  @Test
  void rounds_the_timeout_up_to_whole_seconds() {
    assertThat(GitRemotes.local(Duration.ofMillis(1500)).timeoutSeconds()).isEqualTo(2);
    assertThat(GitRemotes.local(Duration.ofMillis(10)).timeoutSeconds()).isEqualTo(1);
  }

  @Test
  void reads_git_settings_from_the_environment() {
    Config config =
        Config.fromEnvironment(
            Map.of(
                "BATON_GIT_TOKENS", "github.com=t1, Git.Example.com:8443=user:t2",
                "BATON_GIT_SSH_KEY", "/keys/id_ed25519",
                "BATON_GIT_AUTHOR", "Release Bot <bot@example.com>",
                "BATON_GIT_TIMEOUT", "PT5S"),
            List.of());

    assertThat(config.gitTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.git().tokens())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("github.com", "t1", "git.example.com:8443", "user:t2"));
    assertThat(config.git().sshKey()).contains(Path.of("/keys/id_ed25519"));
    assertThat(config.git().toString()).doesNotContain("t1", "t2");
    assertThat(GitAuthor.parse(config.git().author()))
        .isEqualTo(new GitAuthor("Release Bot", "bot@example.com"));
  }

  @Test
  void defaults_the_git_settings() {
    Config config = Config.fromEnvironment(Map.of(), List.of());

    assertThat(config.gitTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.git().tokens()).isEmpty();
    assertThat(GitAuthor.parse(config.git().author())).isEqualTo(GitAuthor.DEFAULT);
  }

  @Test
  void rejects_malformed_tokens_and_authors() {
    assertThatThrownBy(
            () -> Config.fromEnvironment(Map.of("BATON_GIT_TOKENS", "github.com"), List.of()))
        .hasMessageContaining("host=token");
    assertThatThrownBy(() -> GitAuthor.parse("just a name")).hasMessageContaining("Name <email>");
  }

  @Test
  void names_cache_folders_readably_and_uniquely() {
    String a = GitRepositories.directoryName("https://user:pw@github.com/acme/gitops.git");
    String b = GitRepositories.directoryName("https://github.com/acme/gitops.git");

    assertThat(a).startsWith("github.com_acme_gitops.git-").endsWith(".git").doesNotContain("pw");
    assertThat(a).isNotEqualTo(b);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
