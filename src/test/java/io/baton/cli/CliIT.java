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
import java.util.List;
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

  @Test
  void an_export_applies_back_unchanged_an_edited_copy_applies_its_diff_and_an_invalid_one_nothing()
      throws IOException {
    CliProcess.Finished exported = CliProcess.run(env, "export");
    assertThat(exported.exit()).as(exported.all()).isZero();
    Path file = Files.createTempFile("baton-config", ".yaml");
    Files.writeString(file, exported.stdout());
    List<String> documents = documents(exported.stdout());

    CliProcess.Finished dryRun = CliProcess.run(env, "apply", "-f", file.toString(), "--dry-run");

    assertThat(dryRun.exit()).as(dryRun.all()).isZero();
    List<String> planned = dryRun.stdout().lines().toList();
    assertThat(planned).as(dryRun.all()).hasSize(documents.size() + 1);
    assertThat(planned.subList(0, documents.size()))
        .allMatch(line -> line.startsWith("UNCHANGED  "));
    assertThat(planned)
        .contains("UNCHANGED  Product " + PRODUCT, "UNCHANGED  PromotionFlow " + FLOW)
        .endsWith("dry run, nothing changed: 0 changes planned");

    String product = "kind: Product\nmetadata:\n  name: " + PRODUCT + "\n";
    String edited =
        withProduct(exported.stdout(), product, "concurrency: QUEUE", "concurrency: TERMINATE");
    Files.writeString(file, edited);
    try {
      CliProcess.Finished applied = CliProcess.run(env, "apply", "-f", file.toString());

      assertThat(applied.exit()).as(applied.all()).isZero();
      assertThat(applied.stdout())
          .as(applied.all())
          .contains("UPDATE  Product " + PRODUCT + "\n    concurrency: QUEUE → TERMINATE\n")
          .endsWith("applied: 1 change\n");
      String afterUpdate = CliProcess.run(env, "export").stdout();
      assertThat(afterUpdate).isEqualTo(edited);

      String invalid = withProduct(edited, product, "spec:\n", "spec:\n  colour: blue\n");
      Files.writeString(file, invalid);
      int line = invalid.lines().toList().indexOf("  colour: blue") + 1;
      int document =
          documents(invalid)
                  .indexOf(
                      documents(invalid).stream()
                          .filter(d -> d.contains(product))
                          .findFirst()
                          .orElseThrow())
              + 1;
      CliProcess.Finished refused = CliProcess.run(env, "apply", "-f", file.toString());

      assertThat(refused.exit()).as(refused.all()).isEqualTo(2);
      assertThat(refused.stderr())
          .as(refused.all())
          .contains(
              "document "
                  + document
                  + " (Product "
                  + PRODUCT
                  + "): spec.colour (line "
                  + line
                  + ")")
          .doesNotContain("Exception", "\tat ");
      assertThat(CliProcess.run(env, "export").stdout()).isEqualTo(afterUpdate);
    } finally {
      Files.writeString(file, exported.stdout());
      CliProcess.Finished restored = CliProcess.run(env, "apply", "-f", file.toString());
      Files.delete(file);
      assertThat(restored.exit()).as(restored.all()).isZero();
    }
  }

  /** The documents of a configuration file, in order, without their {@code ---} separators. */
  private static List<String> documents(String yaml) {
    return Stream.of(yaml.split("(?m)^---$")).filter(part -> !part.isBlank()).toList();
  }

  /**
   * The file with {@code from} replaced by {@code to} in the one document that contains {@code
   * product}.
   */
  private static String withProduct(String yaml, String product, String from, String to) {
    int start = yaml.indexOf(product);
    assertThat(start).as(yaml).isNotNegative();
    int end = yaml.indexOf("\n---", start);
    end = end < 0 ? yaml.length() : end;
    String document = yaml.substring(start, end);
    assertThat(document).as(document).contains(from);
    return yaml.substring(0, start)
        + document.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to))
        + yaml.substring(end);
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
