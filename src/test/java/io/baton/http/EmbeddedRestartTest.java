package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.QuickStartCatalog;
import io.baton.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Baton on its embedded PostgreSQL (no database URL), closed and started again on the same data
 * directory.
 */
class EmbeddedRestartTest {

  @Test
  void a_restart_on_the_same_data_directory_keeps_every_environment_product_and_application()
      throws Exception {
    Path dataDir = Files.createTempDirectory("baton-restart");
    Map<String, String> embedded =
        Map.of("BATON_DATA_DIR", dataDir.toString(), "BATON_DATABASE_URL", "");

    try (TestServer first = TestServer.start(embedded)) {
      assertHealthy(first);
      QuickStartCatalog.create(first::data);
      QuickStartCatalog.assertIntact(first::data);
    }
    assertThat(dataDir.resolve("postgres/postmaster.pid"))
        .as("the embedded PostgreSQL stopped with Baton")
        .doesNotExist();

    try (TestServer second = TestServer.start(embedded)) {
      assertHealthy(second);
      QuickStartCatalog.assertIntact(second::data);
    }
  }

  private static void assertHealthy(TestServer server) {
    assertThat(server.get("/health").statusCode()).isEqualTo(200);
  }
}
