package io.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line's dispatch, usage and errors, without a server or against none. */
class CliTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void no_arguments_or_only_the_demo_flag_start_the_server_and_anything_else_is_a_command() {
    assertThat(Cli.wants(List.of())).isFalse();
    assertThat(Cli.wants(List.of("--demo"))).isFalse();
    assertThat(Cli.wants(List.of("trigger", "f", "p"))).isTrue();
    assertThat(Cli.wants(List.of("--help"))).isTrue();
  }

  @Test
  void help_lists_every_command_and_the_exit_codes_and_exits_zero() {
    int exit = run(Map.of(), "--help");

    assertThat(exit).isZero();
    assertThat(stdout())
        .contains(
            "trigger FLOW PRODUCT [--wait]",
            "promote PRODUCT SOURCE_ENV TARGET_ENV [--wait]",
            "releases [--product P]",
            "watch RELEASE_ID",
            "approve RELEASE_ID ENVIRONMENT [--comment C]",
            "apply -f FILE [--dry-run] [--prune]",
            "export",
            "import-codefresh DIR [--dry-run]",
            "--server URL",
            "http://localhost:8080",
            "Exit codes");
  }

  @Test
  void help_after_a_command_shows_that_command_s_usage() {
    assertThat(run(Map.of(), "watch", "--help")).isZero();
    assertThat(stdout()).startsWith("Usage: java -jar baton.jar watch RELEASE_ID");
  }

  @Test
  void an_unknown_command_exits_two_naming_the_commands() {
    assertThat(run(Map.of(), "deploy", "x")).isEqualTo(2);
    assertThat(stderr())
        .isEqualTo(
            "baton: unknown command deploy; the commands are trigger, promote, releases, watch,"
                + " approve, apply, export, import-codefresh\n"
                + "Run with --help for usage.\n");
  }

  @Test
  void a_command_without_a_token_exits_two_saying_where_to_give_one() {
    assertThat(run(Map.of(), "releases")).isEqualTo(2);
    assertThat(stderr()).startsWith("baton: no API token: pass --token or set BATON_TOKEN");
  }

  @Test
  void a_server_that_is_not_an_http_url_exits_two() {
    assertThat(run(Map.of("BATON_TOKEN", "t"), "releases", "--server", "baton:8080")).isEqualTo(2);
    assertThat(stderr()).contains("the server must be an http:// or https:// URL");
  }

  @Test
  void an_output_other_than_text_or_json_exits_two() {
    assertThat(run(Map.of("BATON_TOKEN", "t"), "releases", "--output", "yaml")).isEqualTo(2);
    assertThat(stderr())
        .isEqualTo("baton: --output is text or json, not yaml\nRun with --help for usage.\n");
  }

  @Test
  void a_server_nobody_listens_on_exits_two_with_a_readable_message_and_no_stack_trace()
      throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String server = "http://localhost:" + port;

    assertThat(run(Map.of("BATON_SERVER", server, "BATON_TOKEN", "t"), "releases")).isEqualTo(2);
    assertThat(stderr())
        .isEqualTo(
            "baton: cannot reach Baton at "
                + server
                + ": the connection was refused (is Baton running there?)\n");
  }

  @Test
  void apply_without_a_file_is_a_usage_error() {
    assertThat(run(Map.of("BATON_TOKEN", "t"), "apply", "--dry-run")).isEqualTo(2);
    assertThat(stderr())
        .isEqualTo("baton: apply needs -f FILE (or -f - for stdin)\nRun with --help for usage.\n");
  }

  private int run(Map<String, String> env, String... args) {
    return Cli.run(
        List.of(args),
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
