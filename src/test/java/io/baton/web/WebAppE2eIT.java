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
 * The web app in a real headless Chromium: for each script under {@code web/e2e}, the packaged jar
 * started with {@code --demo} on a free port and a fresh data directory, driven by the script
 * (playwright-core with Debian's chromium). Screenshots land in {@code target/screenshots/}; {@code
 * -Dbaton.screenshots=docs/screenshots} refreshes the ones the README shows.
 */
class WebAppE2eIT {
  private static final Path WEB = Path.of("web").toAbsolutePath();
  private static final Path SCREENSHOTS =
      Path.of(System.getProperty("baton.screenshots", "target/screenshots")).toAbsolutePath();
  private static final Path CHROMIUM =
      Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

  @Test
  void a_person_runs_the_quick_start_in_the_browser() throws Exception {
    runInBrowser("quick-start.e2e.mjs");
  }

  @Test
  void an_administrator_controls_the_line_in_the_browser() throws Exception {
    runInBrowser("line-control.e2e.mjs");
  }

  /** Runs one script of web/e2e against its own fresh demo Baton; every check in it must pass. */
  private static void runInBrowser(String script) throws Exception {
    requireChromium();
    String token = "e2e-admin-" + UUID.randomUUID();
    Path dataDir = Files.createTempDirectory("baton-e2e");
    try (BatonProcess baton =
        BatonProcess.start(
            Map.of("BATON_DATA_DIR", dataDir.toString(), "BATON_ADMIN_TOKEN", token), "--demo")) {
      ProcessBuilder builder =
          new ProcessBuilder("node", WEB.resolve("e2e").resolve(script).toString())
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
        throw new AssertionError(script + " did not finish within 6 minutes:\n" + output);
      }
      reader.join(5_000);
      assertThat(node.exitValue()).as("%s's result:\n%s", script, output).isZero();
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
