package io.baton.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
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

/**
 * The packaged jar, run as an operator runs it ({@code java -jar target/baton.jar}), for
 * integration tests.
 */
public final class BatonProcess implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("Baton is listening on http://localhost:(\\d+)/");
  private static final Duration START_DEADLINE = Duration.ofSeconds(120);

  private final Process process;
  private final int port;
  private final Optional<Path> dataDir;

  private BatonProcess(Process process, int port, Optional<Path> dataDir) {
    this.process = process;
    this.port = port;
    this.dataDir = dataDir;
  }

  /**
   * Starts the jar with the given BATON_* variables (BATON_PORT defaults to 0: any free port) and
   * waits for it.
   */
  public static BatonProcess start(Map<String, String> batonEnv, String... args) {
    Path jar = Path.of(System.getProperty("baton.jar", "target/baton.jar"));
    if (!jar.toFile().exists()) {
      throw new IllegalStateException("the packaged jar is missing: " + jar + " (run mvn package)");
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    String[] command = new String[args.length + 3];
    command[0] = java.toString();
    command[1] = "-jar";
    command[2] = jar.toString();
    System.arraycopy(args, 0, command, 3, args.length);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("BATON_"));
    env.put("BATON_PORT", "0");
    env.putAll(batonEnv);
    Optional<Path> dataDir = Optional.ofNullable(batonEnv.get("BATON_DATA_DIR")).map(Path::of);
    try {
      Process process = builder.start();
      return new BatonProcess(process, awaitPort(process), dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  /** The BATON_DATA_DIR it was started with. */
  public Path dataDir() {
    return dataDir.orElseThrow(() -> new IllegalStateException("started without BATON_DATA_DIR"));
  }

  public HttpResponse<String> get(String path) {
    return GraphqlClient.send(HttpRequest.newBuilder(uri(path)).build());
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed or released. */
  public void kill() {
    try {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The embedded PostgreSQL running on a data directory (its {@code postmaster.pid}), if one runs:
   * a Baton killed with SIGKILL leaves it behind as an orphan.
   */
  public static Optional<Long> postmasterPid(Path dataDir) {
    Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
    try {
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(pidFile);
      return lines.isEmpty() || lines.get(0).isBlank()
          ? Optional.empty()
          : Optional.of(Long.parseLong(lines.get(0).trim()))
              .filter(pid -> ProcessHandle.of(pid).isPresent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Stops the embedded PostgreSQL left running on a data directory, if any, by its own pid (fast
   * shutdown), and waits for it: a test never leaves one behind.
   */
  public static void stopPostgres(Path dataDir) {
    Optional<Long> postgres = postmasterPid(dataDir);
    if (postgres.isEmpty()) {
      return;
    }
    try {
      new ProcessBuilder("kill", "-INT", postgres.get().toString()).inheritIO().start().waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    ProcessHandle.of(postgres.get())
        .ifPresent(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join());
  }

  /**
   * Reads the log until it says where it listens, and keeps echoing it so a failure can be read.
   */
  private static int awaitPort(Process process) {
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader log =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = log.readLine(); line != null; line = log.readLine()) {
                  System.out.println("[baton " + process.pid() + "] " + line);
                  Matcher matcher = LISTENING.matcher(line);
                  if (matcher.find()) {
                    port.complete(Integer.parseInt(matcher.group(1)));
                  }
                }
                port.completeExceptionally(
                    new AssertionError("Baton exited before listening: " + process.waitFor()));
              } catch (IOException | InterruptedException e) {
                port.completeExceptionally(e);
              }
            },
            "baton-log-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    return port.orTimeout(START_DEADLINE.toSeconds(), TimeUnit.SECONDS).join();
  }
}
