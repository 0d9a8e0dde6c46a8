package io.baton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What Baton reads from its environment, and what it refuses before it starts. */
class ConfigTest {
  @Test
  void an_admin_token_shorter_than_20_characters_is_refused_at_start_with_a_clear_message() {
    assertThatThrownBy(
            () -> Config.fromEnvironment(Map.of("BATON_ADMIN_TOKEN", "short-token-123"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BATON_ADMIN_TOKEN")
        .hasMessageContaining("20 characters")
        .hasMessageNotContaining("short-token-123");
  }

  @Test
  void an_admin_token_of_20_characters_is_accepted() {
    Config config = Config.fromEnvironment(Map.of("BATON_ADMIN_TOKEN", "a".repeat(20)), List.of());

    assertThat(config.adminToken()).hasValue("a".repeat(20));
  }

  @Test
  void http_timeouts_have_defaults_and_can_be_set_as_iso_durations() {
    assertThat(Config.fromEnvironment(Map.of(), List.of()).http()).isEqualTo(Config.Http.DEFAULTS);

    Config config =
        Config.fromEnvironment(
            Map.of("BATON_HTTP_IDLE_TIMEOUT", "PT5M", "BATON_HTTP_HEADER_TIMEOUT", "PT3S"),
            List.of());

    assertThat(config.http().idleTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.http().headerTimeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void argocd_tokens_are_read_per_host_like_git_tokens() {
    Config config =
        Config.fromEnvironment(
            Map.of("BATON_ARGOCD_TOKENS", "ArgoCD.example.com=tok1, argo.internal:8443=tok2"),
            List.of());

    assertThat(config.argocd().tokens())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("argocd.example.com", "tok1", "argo.internal:8443", "tok2"));
    assertThat(config.argocd().toString()).doesNotContain("tok1");
    assertThat(Config.fromEnvironment(Map.of(), List.of()).argocd().tokens()).isEmpty();
  }

  @Test
  void a_malformed_argocd_token_list_is_refused_naming_its_variable() {
    assertThatThrownBy(
            () -> Config.fromEnvironment(Map.of("BATON_ARGOCD_TOKENS", "secret-only"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BATON_ARGOCD_TOKENS")
        .hasMessageNotContaining("secret-only");
  }

  @Test
  void git_polling_runs_every_minute_unless_set_and_never_faster_than_a_tenth_of_a_second() {
    assertThat(Config.fromEnvironment(Map.of(), List.of()).gitPollInterval())
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(
            Config.fromEnvironment(Map.of("BATON_GIT_POLL_INTERVAL", "PT15S"), List.of())
                .gitPollInterval())
        .isEqualTo(Duration.ofSeconds(15));
    assertThatThrownBy(
            () -> Config.fromEnvironment(Map.of("BATON_GIT_POLL_INTERVAL", "PT0S"), List.of()))
        .hasMessageContaining("BATON_GIT_POLL_INTERVAL");
  }

  @Test
  void the_webhook_secret_is_read_and_never_printed() {
    Config config =
        Config.fromEnvironment(
            Map.of("BATON_WEBHOOK_SECRET", "webhook-secret-0123456789"), List.of());

    assertThat(config.pushWebhooks().secret()).hasValue("webhook-secret-0123456789");
    assertThat(config.pushWebhooks().toString()).doesNotContain("webhook-secret-0123456789");
    assertThat(Config.fromEnvironment(Map.of(), List.of()).pushWebhooks().secret()).isEmpty();
  }

  @Test
  void a_webhook_secret_shorter_than_20_characters_is_refused_at_start_with_a_clear_message() {
    assertThatThrownBy(
            () -> Config.fromEnvironment(Map.of("BATON_WEBHOOK_SECRET", "hook-secret"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BATON_WEBHOOK_SECRET")
        .hasMessageContaining("20 characters")
        .hasMessageNotContaining("hook-secret");
  }
}
