package io.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.BatonProcess;
import io.baton.testing.Poll;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The command line run as a real process against the packaged jar running the demo world on its own
 * embedded PostgreSQL and data directory, the way a CI pipeline would use it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliIT {
  private static final String FLOW = "multi-env-sequential-promotion";
  private static final String GATED_FLOW = "gated-promotion";
  private static final String PRODUCT = "demo-trioapp";
  private static final Pattern RELEASE_ID = Pattern.compile("^release (\\d+):", Pattern.MULTILINE);

  private static Path dataDir;
  private static BatonProcess baton;
  private static Map<String, String> batonEnv;
  private static Map<String, String> env;

  @BeforeAll
  static void startTheDemo() throws IOException {
    dataDir = Files.createTempDirectory("baton-cli");
    batonEnv = Map.of("BATON_DATA_DIR", dataDir.toString(), "BATON_PORT", freePort());
    baton = BatonProcess.start(batonEnv, "--demo");
    String adminToken = Files.readString(dataDir.resolve("admin-token")).trim();
    env = Map.of("BATON_SERVER", "http://localhost:" + baton.port(), "BATON_TOKEN", adminToken);
  }

  @AfterAll
  static void stopTheDemo() throws IOException {
    if (baton != null) {
      baton.close();
    }
    if (dataDir != null) {
      BatonProcess.stopPostgres(dataDir);
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  @Test
  void trigger_with_wait_exits_zero_once_prod_succeeded_printing_each_transition() {
    CliProcess.Finished run = CliProcess.run(env, "trigger", FLOW, PRODUCT, "--wait");

    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.stdout())
        .as(run.all())
        .contains("prod  RUNNING -> SUCCEEDED", "release  RUNNING -> SUCCEEDED")
        .containsPattern("(?m)^release \\d+ SUCCEEDED$");
    assertThat(run.stderr()).isEmpty();
  }

  /** Late: it restarts the Baton the other tests use. */
  @Test
  @Order(Integer.MAX_VALUE - 1)
  void watch_resumes_after_baton_restarts_without_repeating_or_missing_a_transition() {
    CliProcess.Finished triggered = CliProcess.run(env, "trigger", GATED_FLOW, PRODUCT);
    String id = releaseId(triggered.stdout());
    CliProcess watch = CliProcess.start(env, "watch", id);
    try {
      Poll.until(
          watch::stdoutSoFar,
          CliIT::prodSuspended,
          Duration.ofSeconds(90),
          "watch to print that prod waits for approval");

      baton.kill();
      baton = BatonProcess.start(batonEnv, "--demo");
      CliProcess.Finished approved = CliProcess.run(env, "approve", id, "prod");
      assertThat(approved.exit()).as(approved.all()).isZero();

      CliProcess.Finished watched = watch.awaitExit();
      assertThat(watched.exit()).as(watched.all()).isZero();
      assertThat(watched.stdout().lines().filter(line -> line.endsWith("  release  RUNNING")))
          .as("the release's first event, once")
          .hasSize(1);
      assertThat(
              watched
                  .stdout()
                  .lines()
                  .filter(line -> line.contains("  prod  RUNNING -> SUSPENDED")))
          .as("prod's suspension, printed before the restart, once")
          .hasSize(1);
      assertThat(watched.stdout())
          .as(watched.all())
          .contains("prod  RUNNING -> SUCCEEDED")
          .endsWith("release " + id + " SUCCEEDED\n");
    } finally {
      watch.kill();
    }
  }

  /** Last: the qa repository it moves away and back must not trouble the other tests. */
  @Test
  @Order(Integer.MAX_VALUE)
  void trigger_with_wait_exits_one_and_says_why_when_the_qa_repository_is_missing()
      throws IOException {
    Path qa = dataDir.resolve("demo-repos").resolve(PRODUCT + "-qa.git");
    Path hidden = dataDir.resolve("demo-repos").resolve("moved-away-qa.git");
    Files.move(qa, hidden);
    CliProcess.Finished run;
    try {
      run = CliProcess.run(env, "trigger", FLOW, PRODUCT, "--wait");
    } finally {
      Files.move(hidden, qa);
    }

    assertThat(run.exit()).as(run.all()).isEqualTo(1);
    assertThat(run.stdout())
        .as(run.all())
        .containsPattern("(?m)^release \\d+ FAILED")
        .containsPattern("(?m)^  step qa FAILED: .*no Git repository");
  }

  @Test
  void trigger_with_wait_and_json_output_prints_the_final_release_as_json() {
    CliProcess.Finished run =
        CliProcess.run(env, "promote", PRODUCT, "dev", "qa", "--wait", "--output", "json");

    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(new JsonObject(run.stdout()).getString("status")).isEqualTo("SUCCEEDED");
  }

  @Test
  void watch_prints_transitions_live_and_exits_when_the_release_approved_with_approve_ends() {
    CliProcess.Finished triggered = CliProcess.run(env, "trigger", GATED_FLOW, PRODUCT);
    assertThat(triggered.exit()).as(triggered.all()).isZero();
    String id = releaseId(triggered.stdout());

    CliProcess watch = CliProcess.start(env, "watch", id);
    try {
      Poll.until(
          watch::stdoutSoFar,
          CliIT::prodSuspended,
          Duration.ofSeconds(90),
          "watch to print that prod waits for approval");
      CliProcess.Finished approved =
          CliProcess.run(env, "approve", id, "prod", "--comment", "from the command line");
      assertThat(approved.exit()).as(approved.all()).isZero();

      CliProcess.Finished watched = watch.awaitExit();
      assertThat(watched.exit()).as(watched.all()).isZero();
      assertThat(watched.stdout())
          .as(watched.all())
          .contains("qa  RUNNING -> SUCCEEDED", "SUSPENDED -> ", "prod  RUNNING -> SUCCEEDED")
          .endsWith("release " + id + " SUCCEEDED\n");
    } finally {
      watch.kill();
    }
  }

  @Test
  void releases_lists_the_product_s_releases() {
    CliProcess.run(env, "trigger", FLOW, PRODUCT, "--wait");

    CliProcess.Finished run = CliProcess.run(env, "releases", "--product", PRODUCT);

    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.stdout()).startsWith("ID ").contains(PRODUCT + "  " + FLOW);
  }

  @Test
  void a_bad_token_exits_two_with_a_readable_message_over_http_and_over_the_websocket() {
    Map<String, String> badToken = Map.of("BATON_SERVER", env.get("BATON_SERVER"));

    CliProcess.Finished releases = CliProcess.run(badToken, "releases", "--token", "not-a-token");
    CliProcess.Finished watch = CliProcess.run(badToken, "watch", "1", "--token", "not-a-token");

    for (CliProcess.Finished run : new CliProcess.Finished[] {releases, watch}) {
      assertThat(run.exit()).as(run.all()).isEqualTo(2);
      assertThat(run.stderr())
          .as(run.all())
          .startsWith("baton: Baton at " + env.get("BATON_SERVER") + " refused the token")
          .doesNotContain("Exception", "\tat ");
      assertThat(run.stdout()).isEmpty();
    }
  }

  private static boolean prodSuspended(String watchOutput) {
    return Pattern.compile("(?m)^\\S+  prod  \\w+ -> SUSPENDED").matcher(watchOutput).find();
  }

  private static String freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return String.valueOf(socket.getLocalPort());
    }
  }

  private static String releaseId(String stdout) {
    Matcher matcher = RELEASE_ID.matcher(stdout);
    assertThat(matcher.find()).as(stdout).isTrue();
    return matcher.group(1);
  }
}
