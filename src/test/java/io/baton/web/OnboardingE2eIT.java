package io.baton.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.git.GitFixture;
import io.baton.testing.BatonProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A newcomer onboards a product of their own in a real headless Chromium, without writing GraphQL:
 * the packaged jar started without {@code --demo}, three Git repositories made here and read over
 * file://, driven by {@code web/e2e/onboarding.e2e.mjs} (playwright-core with Debian's chromium).
 * Screenshots land in {@code target/screenshots/}.
 */
class OnboardingE2eIT {
  private static final Path WEB = Path.of("web").toAbsolutePath();
  private static final Path SCRIPT = WEB.resolve("e2e/onboarding.e2e.mjs");
  private static final Path SCREENSHOTS =
      Path.of(System.getProperty("baton.screenshots", "target/screenshots")).toAbsolutePath();
  private static final Path CHROMIUM =
      Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
  private static final String DEV_TAG = "1.3.0";
  private static final String RELEASED_TAG = "1.2.0";

  @Test
  void a_newcomer_sets_up_environments_a_product_its_applications_and_a_flow_in_the_browser()
      throws Exception {
    requireChromium();
    String token = "e2e-admin-" + UUID.randomUUID();
    Path dataDir = Files.createTempDirectory("baton-e2e-onboarding");
    Path repos = Files.createTempDirectory("baton-e2e-repos");
    GitFixture git = new GitFixture(repos);
    Map<String, String> scriptEnv = new HashMap<>();
    for (String environment : new String[] {"dev", "staging", "prod"}) {
      String tag = environment.equals("dev") ? DEV_TAG : RELEASED_TAG;
      Path bare =
          git.bare(
              "shop-" + environment,
              Map.of("values.yaml", "image:\n  repository: shop\n  tag: \"" + tag + "\"\n"));
      scriptEnv.put("REPO_" + environment.toUpperCase(), GitFixture.url(bare));
    }
    try (BatonProcess baton =
        BatonProcess.start(
            Map.of(
                "BATON_DATA_DIR",
                dataDir.toString(),
                "BATON_ADMIN_TOKEN",
                token,
                "BATON_GIT_FILE_ROOTS",
                repos.toString()))) {
      ProcessBuilder builder =
          new ProcessBuilder("node", SCRIPT.toString())
              .directory(WEB.toFile())
              .redirectErrorStream(true);
      scriptEnv.putAll(
          Map.of(
              "BATON_URL",
              "http://localhost:" + baton.port(),
              "BATON_TOKEN",
              token,
              "SCREENSHOTS",
              SCREENSHOTS.toString(),
              "CHROMIUM",
              CHROMIUM.toString(),
              "DEV_TAG",
              DEV_TAG,
              "RELEASED_TAG",
              RELEASED_TAG));
      builder.environment().putAll(scriptEnv);
      Process node = builder.start();
      StringBuilder output = new StringBuilder();
      Thread reader = echo(node, output);
      if (!node.waitFor(6, TimeUnit.MINUTES)) {
        node.destroyForcibly();
        throw new AssertionError(
            "the end-to-end script did not finish within 6 minutes:\n" + output);
      }
      reader.join(5_000);
      assertThat(node.exitValue()).as("the end-to-end script's result:\n%s", output).isZero();
      assertThat(output).contains(" 0 failed");
      assertThat(GitFixture.read(GitFixture.pathOf(scriptEnv.get("REPO_PROD")), "values.yaml"))
          .as("the release promoted dev's version into prod's repository")
          .contains("tag: \"" + DEV_TAG + "\"");
    }
  }

  /** CI installs Debian's chromium (.ci/run); a developer without it is told how to get it. */
  private static void requireChromium() {
    boolean present = Files.isExecutable(CHROMIUM);
    if (System.getenv("CI") != null) {
      assertThat(present).as("%s is missing: apt-get install -y chromium", CHROMIUM).isTrue();
    }
    Assumptions.assumeTrue(
        present,
        CHROMIUM + " is missing (apt-get install -y chromium): the browser tests did not run");
  }

  private static Thread echo(Process process, StringBuilder output) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  System.out.println("[e2e] " + line);
                  synchronized (output) {
                    output.append(line).append('\n');
                  }
                }
              } catch (IOException e) {
                synchronized (output) {
                  output
                      .append("(could not read the script's output: ")
                      .append(e.getMessage())
                      .append(")\n");
                }
              }
            },
            "e2e-output");
    reader.setDaemon(true);
    reader.start();
    return reader;
  }
}
