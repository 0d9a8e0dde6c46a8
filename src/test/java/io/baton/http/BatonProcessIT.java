package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.BatonProcess;
import io.baton.testing.GraphqlClient;
import io.baton.testing.QuickStartCatalog;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar as an operator runs it: {@code java -jar target/baton.jar} on the embedded
 * PostgreSQL, killed with SIGKILL (its PostgreSQL survives as an orphan), then started again on the
 * same data directory.
 */
class BatonProcessIT {
  private Path dataDir;
  private BatonProcess baton;

  @Test
  void
      a_baton_killed_with_sigkill_starts_again_on_its_data_directory_with_everything_committed_kept()
          throws Exception {
    dataDir = Files.createTempDirectory("baton-kill9");
    Map<String, String> env = Map.of("BATON_DATA_DIR", dataDir.toString());

    baton = BatonProcess.start(env);
    assertHealthy(baton);
    String adminToken = Files.readString(baton.dataDir().resolve("admin-token")).trim();
    QuickStartCatalog.create(new GraphqlClient(baton.port(), adminToken)::data);
    long postgresPid =
        postmasterPid().orElseThrow(() -> new AssertionError("no postmaster.pid under " + dataDir));

    baton.kill();
    assertThat(ProcessHandle.of(postgresPid).map(ProcessHandle::isAlive))
        .as("its embedded PostgreSQL survives the kill as an orphan")
        .hasValue(true);

    baton = BatonProcess.start(env);
    assertThat(ProcessHandle.of(postgresPid).map(ProcessHandle::isAlive).orElse(false))
        .as("the orphan was stopped")
        .isFalse();
    assertHealthy(baton);
    QuickStartCatalog.assertIntact(new GraphqlClient(baton.port(), adminToken)::data);

    baton.close();
    assertThat(postmasterPid()).as("the embedded PostgreSQL stopped with Baton").isEmpty();
  }

  @AfterEach
  void leaveNoProcessRunning() {
    if (baton != null) {
      baton.kill();
    }
    if (dataDir != null) {
      BatonProcess.stopPostgres(dataDir);
    }
  }

  private static void assertHealthy(BatonProcess baton) {
    HttpResponse<String> health = baton.get("/health");
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
  }

  private Optional<Long> postmasterPid() {
    return BatonProcess.postmasterPid(dataDir);
  }
}
