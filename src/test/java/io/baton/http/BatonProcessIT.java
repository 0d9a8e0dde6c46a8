package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.QuickStartCatalog;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar as an operator runs it: {@code java -jar target/baton.jar} on the embedded PostgreSQL, killed with
 * SIGKILL (its PostgreSQL survives as an orphan), then started again on the same data directory.
 */
class BatonProcessIT {
  private static final Pattern LISTENING = Pattern.compile("Baton is listening on http://localhost:(\\d+)/");
  private static final Duration START_DEADLINE = Duration.ofSeconds(120);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Path dataDir;
  private Process baton;

  /** A running jar and the port it said it listens on. */
  private record Running(Process process, int port) {
    URI uri(String path) {
      return URI.create("http://localhost:" + port + path);
    }
  }

  @Test
  void a_baton_killed_with_sigkill_starts_again_on_its_data_directory_with_everything_committed_kept()
      throws Exception {
    dataDir = Files.createTempDirectory("baton-kill9");

    Running first = start();
    assertThat(get(first, "/health").statusCode()).isEqualTo(200);
    String adminToken = Files.readString(dataDir.resolve("admin-token")).trim();
    QuickStartCatalog.create((query, variables) -> data(first, adminToken, query, variables));
    long postgresPid = postmasterPid().orElseThrow(() -> new AssertionError("no postmaster.pid under " + dataDir));

    first.process().destroyForcibly();
    assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).as("the killed Baton exited").isTrue();
    assertThat(ProcessHandle.of(postgresPid).map(ProcessHandle::isAlive))
        .as("its embedded PostgreSQL survives the kill as an orphan").hasValue(true);

    Running second = start();
    assertThat(ProcessHandle.of(postgresPid).map(ProcessHandle::isAlive).orElse(false))
        .as("the orphan was stopped").isFalse();
    assertThat(get(second, "/health").statusCode()).isEqualTo(200);
    QuickStartCatalog.assertIntact((query, variables) -> data(second, adminToken, query, variables));

    stopGracefully(second.process());
    assertThat(postmasterPid()).as("the embedded PostgreSQL stopped with Baton").isEmpty();
  }

  @AfterEach
  void leaveNoProcessRunning() throws Exception {
    if (baton != null && baton.isAlive()) {
      baton.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    Optional<Long> postgres = postmasterPid();
    if (postgres.isPresent()) {
      // Fast shutdown of the PostgreSQL this test started, by its own pid: never leave it behind.
      new ProcessBuilder("kill", "-INT", postgres.get().toString()).inheritIO().start().waitFor();
      ProcessHandle.of(postgres.get()).ifPresent(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join());
    }
  }

  private Running start() throws IOException {
    Path jar = Path.of(System.getProperty("baton.jar", "target/baton.jar"));
    assertThat(jar).as("the packaged jar (mvn package)").exists();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", jar.toString()).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("BATON_"));
    env.put("BATON_PORT", "0");
    env.put("BATON_DATA_DIR", dataDir.toString());
    baton = builder.start();
    return new Running(baton, awaitPort(baton));
  }

  /** Reads the jar's log until it says where it listens; keeps echoing the log so a failure can be read. */
  private static int awaitPort(Process process) {
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader log = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = log.readLine(); line != null; line = log.readLine()) {
          System.out.println("[baton " + process.pid() + "] " + line);
          Matcher matcher = LISTENING.matcher(line);
          if (matcher.find()) {
            port.complete(Integer.parseInt(matcher.group(1)));
          }
        }
        port.completeExceptionally(new AssertionError("Baton exited before listening: " + process.waitFor()));
      } catch (IOException | InterruptedException e) {
        port.completeExceptionally(e);
      }
    }, "baton-log-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    return port.orTimeout(START_DEADLINE.toSeconds(), TimeUnit.SECONDS).join();
  }

  private static void stopGracefully(Process process) throws InterruptedException {
    process.destroy();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("Baton stopped on SIGTERM").isTrue();
  }

  private Optional<Long> postmasterPid() throws IOException {
    Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    return lines.isEmpty() || lines.get(0).isBlank() ? Optional.empty()
        : Optional.of(Long.parseLong(lines.get(0).trim())).filter(pid -> ProcessHandle.of(pid).isPresent());
  }

  private static HttpResponse<String> get(Running running, String path) {
    return send(HttpRequest.newBuilder(running.uri(path)).timeout(Duration.ofSeconds(30)).build());
  }

  private static JsonObject data(Running running, String token, String query, Map<String, Object> variables) {
    String body = new JsonObject().put("query", query).put("variables", new JsonObject(variables)).encode();
    HttpResponse<String> response = send(HttpRequest.newBuilder(running.uri("/graphql"))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build());
    JsonObject json = new JsonObject(response.body());
    assertThat(json.containsKey("errors")).as(response.body()).isFalse();
    return json.getJsonObject("data");
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
