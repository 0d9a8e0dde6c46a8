package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.BatonProcess;
import io.baton.testing.GraphqlClient;
import io.baton.testing.QuickStartCatalog;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
  void leaveNoProcessRunning() throws Exception {
    if (baton != null) {
      baton.kill();
    }
    Optional<Long> postgres = postmasterPid();
    if (postgres.isPresent()) {
      // Fast shutdown of the PostgreSQL this test started, by its own pid: never leave it behind.
      new ProcessBuilder("kill", "-INT", postgres.get().toString()).inheritIO().start().waitFor();
      ProcessHandle.of(postgres.get())
          .ifPresent(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join());
    }
  }

  private static void assertHealthy(BatonProcess baton) {
    HttpResponse<String> health = baton.get("/health");
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
  }

  private Optional<Long> postmasterPid() throws IOException {
    Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    return lines.isEmpty() || lines.get(0).isBlank()
        ? Optional.empty()
        : Optional.of(Long.parseLong(lines.get(0).trim()))
            .filter(pid -> ProcessHandle.of(pid).isPresent());
  }
}
