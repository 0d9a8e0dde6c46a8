package io.baton.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.BatonProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The quick start in a real headless Chromium: the packaged jar started with {@code --demo} on a
 * free port and a fresh data directory, driven by {@code web/e2e/quick-start.e2e.mjs}
 * (playwright-core with Debian's chromium). Screenshots land in {@code target/screenshots/}; {@code
 * -Dbaton.screenshots=docs/screenshots} refreshes the ones the README shows.
 */
class WebAppE2eIT {
  private static final Path WEB = Path.of("web").toAbsolutePath();
  private static final Path SCRIPT = WEB.resolve("e2e/quick-start.e2e.mjs");
  private static final Path SCREENSHOTS =
      Path.of(System.getProperty("baton.screenshots", "target/screenshots")).toAbsolutePath();
  private static final Path CHROMIUM =
      Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

  @Test
  void a_person_runs_the_quick_start_in_the_browser() throws Exception {
    requireChromium();
    String token = "e2e-admin-" + UUID.randomUUID();
    Path dataDir = Files.createTempDirectory("baton-e2e");
    try (BatonProcess baton =
        BatonProcess.start(
            Map.of("BATON_DATA_DIR", dataDir.toString(), "BATON_ADMIN_TOKEN", token), "--demo")) {
      ProcessBuilder builder =
          new ProcessBuilder("node", SCRIPT.toString())
              .directory(WEB.toFile())
              .redirectErrorStream(true);
      builder
          .environment()
          .putAll(
              Map.of(
                  "BATON_URL",
                  "http://localhost:" + baton.port(),
                  "BATON_TOKEN",
                  token,
                  "SCREENSHOTS",
                  SCREENSHOTS.toString(),
                  "CHROMIUM",
                  CHROMIUM.toString()));
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
