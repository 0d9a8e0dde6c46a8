package io.baton.git;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteAccessTest {
  private final RemoteAccess access = new RemoteAccess(List.of(Path.of("/srv/git")));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://169.254.169.254/latest/meta-data",
        "https://169.254.10.1/x.git",
        "http://[fd00:ec2::254]/x.git",
        "http://[fe80::1]/x.git",
        "ssh://git@169.254.169.254/x.git",
        "git@169.254.169.254:acme/x.git"
      })
  void link_local_and_cloud_metadata_addresses_are_refused(String url) {
    assertThatThrownBy(() -> access.require(url))
        .isInstanceOf(RemoteAccess.Refused.class)
        .hasMessageContaining("a link-local (cloud metadata) address that Baton never contacts");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"file:///etc/x.git", "/home/someone/x.git", "file:///srv/git/../../etc/x.git"})
  void repositories_outside_the_file_roots_are_refused(String url) {
    assertThatThrownBy(() -> access.require(url))
        .isInstanceOf(RemoteAccess.Refused.class)
        .hasMessageContaining("is outside the directories Baton may read repositories from");
  }

  @Test
  void other_schemes_are_refused() {
    assertThatThrownBy(() -> access.require("git://example.com/x.git"))
        .isInstanceOf(RemoteAccess.Refused.class)
        .hasMessage("git://example.com/x.git uses git://, which Baton does not read");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "file:///srv/git/x.git",
        "/srv/git/team/x.git",
        "https://127.0.0.1/x.git",
        "ssh://git@10.1.2.3/x.git",
        "git@192.168.1.2:acme/x.git"
      })
  void repositories_under_the_roots_and_ordinary_addresses_are_allowed(String url) {
    assertThatCode(() -> access.require(url)).doesNotThrowAnyException();
  }
}
