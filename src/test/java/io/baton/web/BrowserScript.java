package io.baton.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.BatonProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs one script of {@code web/e2e} with node against a running Baton, in Debian's headless
 * chromium driven by playwright-core, and asserts that every check in it passed. Screenshots land
 * in {@code target/screenshots/} ({@code -Dbaton.screenshots} elsewhere).
 */
final class BrowserScript {
  private static final Path WEB = Path.of("web").toAbsolutePath();
  private static final Path SCREENSHOTS =
      Path.of(System.getProperty("baton.screenshots", "target/screenshots")).toAbsolutePath();
  private static final Path CHROMIUM =
      Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

  private BrowserScript() {}

  /** CI installs Debian's chromium (.ci/run); a developer without it is told how to get it. */
  static void requireChromium() {
    boolean present = Files.isExecutable(CHROMIUM);
    if (System.getenv("CI") != null) {
      assertThat(present).as("%s is missing: apt-get install -y chromium", CHROMIUM).isTrue();
    }
    Assumptions.assumeTrue(
        present,
        CHROMIUM + " is missing (apt-get install -y chromium): the browser tests did not run");
  }

  /**
   * Runs {@code web/e2e/<script>} against {@code baton} as {@code token}, with {@code env} besides
   * the URL, token, screenshot directory and browser; fails unless every check in it passed.
   */
  static void run(String script, BatonProcess baton, String token, Map<String, String> env)
      throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("node", WEB.resolve("e2e").resolve(script).toString())
            .directory(WEB.toFile())
            .redirectErrorStream(true);
    Map<String, String> scriptEnv = new HashMap<>(env);
    scriptEnv.put("BATON_URL", "http://localhost:" + baton.port());
    scriptEnv.put("BATON_TOKEN", token);
    scriptEnv.put("SCREENSHOTS", SCREENSHOTS.toString());
    scriptEnv.put("CHROMIUM", CHROMIUM.toString());
    builder.environment().putAll(scriptEnv);
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
