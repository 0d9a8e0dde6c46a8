package io.baton.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A push names a repository as its provider does; the watcher knows it as its applications do. */
class RepoUrlsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "https://github.com/acme/deploy.git,            github.com/acme/deploy",
    "https://github.com/acme/deploy,                github.com/acme/deploy",
    "https://GitHub.com/acme/deploy/,               github.com/acme/deploy",
    "http://github.com/acme/deploy.git,             github.com/acme/deploy",
    "git@github.com:acme/deploy.git,                github.com/acme/deploy",
    "ssh://git@github.com/acme/deploy.git,          github.com/acme/deploy",
    "ssh://git@github.com:22/acme/deploy,           github.com/acme/deploy",
    "https://x-access-token@github.com/acme/deploy, github.com/acme/deploy",
    "https://git.example.com:8443/acme/deploy.git,  git.example.com:8443/acme/deploy",
    "https://gitlab.com/group/sub/deploy.git,       gitlab.com/group/sub/deploy",
    "file:///srv/git/deploy.git,                    /srv/git/deploy",
    "/srv/git/deploy.git,                           /srv/git/deploy",
    "/srv/git/deploy/,                              /srv/git/deploy",
  })
  void every_spelling_of_a_repository_normalizes_to_one(String url, String normalized) {
    assertThat(RepoUrls.normalize(url)).isEqualTo(normalized);
  }

  @Test
  void paths_keep_their_case_and_different_repositories_stay_different() {
    assertThat(RepoUrls.normalize("https://github.com/Acme/Deploy"))
        .isNotEqualTo(RepoUrls.normalize("https://github.com/acme/deploy"));
    assertThat(RepoUrls.normalize("https://github.com/acme/deploy"))
        .isNotEqualTo(RepoUrls.normalize("https://gitlab.com/acme/deploy"));
  }
}
