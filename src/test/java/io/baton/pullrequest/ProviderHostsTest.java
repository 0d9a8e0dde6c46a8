package io.baton.pullrequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** BATON_GIT_PROVIDERS: which provider, API and token serve a repository's pull requests. */
class ProviderHostsTest {
  private static final Map<String, String> TOKENS =
      Map.of("github.com", "ghp_x", "gitlab.example.com", "glpat-x", "127.0.0.1:9999", "local");

  @Test
  void github_com_repositories_use_api_github_com_with_the_hosts_token() {
    ProviderHosts hosts = ProviderHosts.parse("github.com=github", TOKENS);

    ProviderHosts.Target https = hosts.resolve("https://github.com/acme/deploy.git").orElseThrow();
    ProviderHosts.Target ssh = hosts.resolve("git@github.com:acme/deploy.git").orElseThrow();

    assertThat(https.kind()).isEqualTo(ProviderKind.GITHUB);
    assertThat(https.repository())
        .isEqualTo(
            new ProviderRepository("https://api.github.com", "acme/deploy", Optional.of("ghp_x")));
    assertThat(ssh.repository()).isEqualTo(https.repository());
  }

  @Test
  void gitlab_keeps_subgroups_in_the_path_and_forgejo_speaks_giteas_api() {
    ProviderHosts hosts =
        ProviderHosts.parse("gitlab.example.com=gitlab, git.example.com=forgejo", TOKENS);

    ProviderHosts.Target gitlab =
        hosts.resolve("https://gitlab.example.com/group/sub/deploy.git").orElseThrow();
    ProviderHosts.Target forgejo =
        hosts.resolve("https://git.example.com/acme/deploy").orElseThrow();

    assertThat(gitlab.repository().path()).isEqualTo("group/sub/deploy");
    assertThat(gitlab.repository().apiUrl()).isEqualTo("https://gitlab.example.com/api/v4");
    assertThat(gitlab.repository().token()).contains("glpat-x");
    assertThat(forgejo.kind()).isEqualTo(ProviderKind.GITEA);
    assertThat(forgejo.repository().apiUrl()).isEqualTo("https://git.example.com/api/v1");
    assertThat(forgejo.repository().token()).isEmpty();
  }

  @Test
  void a_url_prefix_with_an_api_url_takes_the_apis_token() {
    ProviderHosts hosts =
        ProviderHosts.parse("file:///srv/repos/=github:http://127.0.0.1:9999/", TOKENS);

    ProviderHosts.Target target = hosts.resolve("file:///srv/repos/acme/deploy.git").orElseThrow();

    assertThat(target.repository())
        .isEqualTo(
            new ProviderRepository("http://127.0.0.1:9999", "acme/deploy", Optional.of("local")));
    assertThat(hosts.token("http://127.0.0.1:9999")).contains("local");
  }

  @Test
  void a_repository_of_another_host_has_no_provider() {
    ProviderHosts hosts = ProviderHosts.parse("github.com=github", TOKENS);

    assertThat(hosts.resolve("https://gitlab.example.com/acme/deploy.git")).isEmpty();
    assertThat(hosts.resolve("https://github.com/")).isEmpty();
  }

  @Test
  void an_unknown_kind_or_a_malformed_entry_is_refused_naming_it() {
    assertThatThrownBy(() -> ProviderHosts.parse("github.com=gogs", TOKENS))
        .hasMessageContaining("\"gogs\" is not a provider Baton knows");
    assertThatThrownBy(() -> ProviderHosts.parse("github.com", TOKENS))
        .hasMessageContaining("BATON_GIT_PROVIDERS entry \"github.com\"");
  }
}
