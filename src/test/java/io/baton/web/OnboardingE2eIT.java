package io.baton.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.git.GitFixture;
import io.baton.testing.BatonProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A newcomer onboards a product of their own in a real headless Chromium, without writing GraphQL:
 * the packaged jar started without {@code --demo}, three Git repositories made here and read over
 * file://, driven by {@code web/e2e/onboarding.e2e.mjs} (playwright-core with Debian's chromium).
 * Screenshots land in {@code target/screenshots/}.
 */
class OnboardingE2eIT {
  private static final String DEV_TAG = "1.3.0";
  private static final String RELEASED_TAG = "1.2.0";

  @Test
  void a_newcomer_sets_up_environments_a_product_its_applications_and_a_flow_in_the_browser()
      throws Exception {
    BrowserScript.requireChromium();
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
      scriptEnv.put("DEV_TAG", DEV_TAG);
      scriptEnv.put("RELEASED_TAG", RELEASED_TAG);
      BrowserScript.run("onboarding.e2e.mjs", baton, token, scriptEnv);
      assertThat(GitFixture.read(GitFixture.pathOf(scriptEnv.get("REPO_PROD")), "values.yaml"))
          .as("the release promoted dev's version into prod's repository")
          .contains("tag: \"" + DEV_TAG + "\"");
    }
  }
}
