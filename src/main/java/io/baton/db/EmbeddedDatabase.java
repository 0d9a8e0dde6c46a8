package io.baton.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL Baton runs when no database URL is configured. Its files live under the
 * data directory and survive restarts. It runs with PostgreSQL's durable settings (the embedding
 * library's defaults are a test database's: no fsync, no synchronous commit), listens on loopback
 * TCP only, and lets in only whoever has the password in {@code <data dir>/postgres-password}.
 * Blocking: call it from a worker thread.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final Duration ORPHAN_SHUTDOWN_WAIT = Duration.ofSeconds(30);
  private static final String PASSWORD_FILE = "postgres-password";

  /**
   * Set on the server's command line, after the embedding library's {@code -F} (fsync off), so they
   * win over it and over postgresql.conf. No Unix socket: nothing of Baton's uses one.
   */
  private static final Map<String, String> SERVER_CONFIG =
      Map.of(
          "fsync", "on",
          "synchronous_commit", "on",
          "full_page_writes", "on",
          "password_encryption", "scram-sha-256",
          "listen_addresses", "localhost",
          "unix_socket_directories", "");

  /**
   * The embedding library unpacks PostgreSQL once per resolver and JVM, into the first directory it
   * is asked for: one resolver per directory makes every data directory run its own binaries.
   */
  private static final Map<Path, PgBinaryResolver> BINARIES = new ConcurrentHashMap<>();

  private final EmbeddedPostgres postgres;
  private final EmbeddedPassword password;

  private EmbeddedDatabase(EmbeddedPostgres postgres, EmbeddedPassword password) {
    this.postgres = postgres;
    this.password = password;
  }

  public static EmbeddedDatabase start(Path dataDir) {
    Path pgData = dataDir.resolve("postgres");
    Path binaries = dataDir.resolve("postgres-binaries");
    try {
      OwnerOnly.directory(dataDir);
      stopOrphanedServer(pgData);
      EmbeddedPassword password = EmbeddedPassword.readOrCreate(dataDir.resolve(PASSWORD_FILE));
      boolean exists = Files.exists(pgData.resolve("postgresql.conf"));
      if (exists && (password.created() || !PasswordAccess.isRequired(pgData))) {
        PasswordAccess.grant(pgData, binaries, password.value());
      }
      EmbeddedPostgres postgres = builder(pgData, binaries, password, exists).start();
      // The embedding library makes the binaries' directory writable by everyone on every start.
      OwnerOnly.tree(binaries);
      return new EmbeddedDatabase(postgres, password);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL in " + pgData, e);
    }
  }

  private static EmbeddedPostgres.Builder builder(
      Path pgData, Path binaries, EmbeddedPassword password, boolean exists) throws IOException {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(pgData)
            .setCleanDataDirectory(false)
            .setOverrideWorkingDirectory(binaries.toFile())
            .setPgBinaryResolver(
                BINARIES.computeIfAbsent(
                    binaries.toAbsolutePath(),
                    dir -> DefaultPostgresBinaryResolver.INSTANCE::getPgBinary))
            .setPort(freePort())
            .setConnectConfig("password", password.value());
    SERVER_CONFIG.forEach(builder::setServerConfig);
    if (!exists) {
      // initdb options: they come after the library's "-A trust", so they win.
      builder
          .setLocaleConfig("auth", "scram-sha-256")
          .setLocaleConfig("pwfile", password.file().toString());
    }
    return builder;
  }

  public DatabaseUrl url() {
    return new DatabaseUrl(
        "localhost", postgres.getPort(), "postgres", "postgres", password.value());
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }

  /**
   * A Baton killed with SIGKILL leaves its PostgreSQL running and holding the data directory. Ask
   * that server for a fast shutdown (committed data is safe in the WAL) and wait for it to go
   * before starting a new one.
   */
  static void stopOrphanedServer(Path pgData) throws IOException {
    Optional<ProcessHandle> orphan = postmasterOf(pgData);
    if (orphan.isEmpty()) {
      return;
    }
    ProcessHandle process = orphan.get();
    LOG.warn(
        "stopping a PostgreSQL (pid {}) left running on {} by an earlier Baton",
        process.pid(),
        pgData);
    signal(process.pid(), "INT");
    Instant deadline = Instant.now().plus(ORPHAN_SHUTDOWN_WAIT);
    while (process.isAlive() && Instant.now().isBefore(deadline)) {
      sleepBriefly();
    }
    if (process.isAlive()) {
      signal(process.pid(), "QUIT");
      process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(x -> null).join();
    }
  }

  private static Optional<ProcessHandle> postmasterOf(Path pgData) throws IOException {
    Path pidFile = pgData.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty() || lines.get(0).isBlank()) {
      return Optional.empty();
    }
    long pid = Long.parseLong(lines.get(0).trim());
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
  }

  private static void signal(long pid, String signal) throws IOException {
    try {
      new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
