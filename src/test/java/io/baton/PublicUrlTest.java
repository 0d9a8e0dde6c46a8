package io.baton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BATON_PUBLIC_URL: where people reach Baton, the start of links in webhook deliveries. */
class PublicUrlTest {
  private static Config config(String publicUrl) {
    return Config.fromEnvironment(Map.of("BATON_PUBLIC_URL", publicUrl), List.of());
  }

  @Test
  void an_http_url_is_kept_without_its_trailing_slashes_and_unset_is_none() {
    assertThat(config("https://baton.example.com/").publicUrl())
        .hasValue("https://baton.example.com");
    assertThat(config(" http://10.0.0.5:8080/baton ").publicUrl())
        .hasValue("http://10.0.0.5:8080/baton");
    assertThat(Config.fromEnvironment(Map.of(), List.of()).publicUrl()).isEmpty();
  }

  @Test
  void a_url_that_is_not_http_or_has_credentials_query_or_fragment_is_refused_at_start() {
    for (String bad :
        List.of(
            "baton.example.com",
            "ftp://baton.example.com",
            "https://user:pw@baton.example.com",
            "https://baton.example.com/?a=1",
            "https://baton.example.com/#top")) {
      assertThatThrownBy(() -> config(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("BATON_PUBLIC_URL");
    }
  }
}
