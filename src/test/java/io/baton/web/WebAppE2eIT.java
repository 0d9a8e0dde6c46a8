package io.baton.web;

import io.baton.testing.BatonProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The web app in a real headless Chromium: for each script under {@code web/e2e}, the packaged jar
 * started with {@code --demo} on a free port and a fresh data directory, driven by the script
 * (playwright-core with Debian's chromium). Screenshots land in {@code target/screenshots/}; {@code
 * -Dbaton.screenshots=docs/screenshots} refreshes the ones the README shows.
 */
class WebAppE2eIT {

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
    BrowserScript.requireChromium();
    String token = "e2e-admin-" + UUID.randomUUID();
    Path dataDir = Files.createTempDirectory("baton-e2e");
    try (BatonProcess baton =
        BatonProcess.start(
            Map.of("BATON_DATA_DIR", dataDir.toString(), "BATON_ADMIN_TOKEN", token), "--demo")) {
      BrowserScript.run(script, baton, token, Map.of());
    }
  }
}
