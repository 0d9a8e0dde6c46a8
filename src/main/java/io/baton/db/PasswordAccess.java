package io.baton.db;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may connect to the embedded PostgreSQL: whoever has the password, over loopback TCP, by
 * SCRAM. A data directory of an earlier Baton trusts every local connection and its superuser has
 * no password; {@link #grant} sets the password and rewrites pg_hba.conf with PostgreSQL in
 * single-user mode, so no server listens while the directory still trusts anyone.
 */
final class PasswordAccess {
  private static final Logger LOG = LoggerFactory.getLogger(PasswordAccess.class);
  private static final String METHOD = "scram-sha-256";
  static final String HBA =
      """
      # Written by Baton: only password (SCRAM) logins, over loopback TCP. The password is in
      # <data dir>/postgres-password. Baton writes this file again when it finds it trusting anyone.
      host all all 127.0.0.1/32 scram-sha-256
      host all all ::1/128 scram-sha-256
      """;

  private PasswordAccess() {}

  /** Whether every rule of the cluster's pg_hba.conf asks for the password. */
  static boolean isRequired(Path pgData) throws IOException {
    try (Stream<String> lines = Files.lines(hbaOf(pgData))) {
      return lines
          .map(line -> line.replaceFirst("#.*", "").trim())
          .filter(rule -> !rule.isEmpty())
          .allMatch(rule -> List.of(rule.split("\\s+")).contains(METHOD));
    }
  }

  /**
   * Gives the superuser {@code password} and lets nobody in without it. Both steps can be repeated,
   * so a start interrupted between them finishes the work the next time.
   */
  static void grant(Path pgData, Path binaries, String password) throws IOException {
    LOG.info(
        "the embedded PostgreSQL in {} gets a password and stops trusting local logins", pgData);
    runSingleUser(
        pgData, postgresIn(binaries, pgData), "ALTER ROLE postgres PASSWORD '%s'", password);
    Path partial = pgData.resolve("pg_hba.conf.partial");
    Files.writeString(partial, HBA, StandardCharsets.UTF_8);
    Files.move(partial, hbaOf(pgData), StandardCopyOption.ATOMIC_MOVE);
  }

  private static Path hbaOf(Path pgData) {
    return pgData.resolve("pg_hba.conf");
  }

  /**
   * The postgres binary the earlier Baton unpacked next to the cluster (every Baton unpacks its
   * PostgreSQL there); the newest if there are several.
   */
  private static Path postgresIn(Path binaries, Path pgData) throws IOException {
    Optional<Path> newest;
    try (Stream<Path> unpacked = Files.isDirectory(binaries) ? Files.list(binaries) : Stream.of()) {
      newest =
          unpacked
              .filter(dir -> Files.exists(dir.resolve(".exists")))
              .map(dir -> dir.resolve("bin").resolve("postgres"))
              .filter(Files::isExecutable)
              .max(Comparator.comparing(PasswordAccess::lastModified));
    }
    return newest.orElseThrow(
        () ->
            new IllegalStateException(
                "the embedded PostgreSQL in "
                    + pgData
                    + " was created by an earlier Baton and needs a password, but the PostgreSQL"
                    + " binaries it ran with are missing from "
                    + binaries
                    + "; start that Baton once to unpack them again, then this one"));
  }

  private static long lastModified(Path path) {
    try {
      return Files.getLastModifiedTime(path).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Runs one statement with PostgreSQL in single-user mode: no server, no socket. The statement
   * goes in on standard input, never on a command line another user could read.
   */
  private static void runSingleUser(Path pgData, Path postgres, String statement, String argument)
      throws IOException {
    List<String> command = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      // As root, the way the embedding library runs PostgreSQL: in a user namespace of its own.
      command.addAll(List.of("unshare", "-U"));
    }
    command.addAll(
        List.of(
            postgres.toString(),
            "--single",
            "-D",
            pgData.toString(),
            "-c",
            "password_encryption=" + METHOD,
            "postgres"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write((statement.formatted(argument) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = waitFor(process);
    if (exit != 0 || output.contains("ERROR:") || output.contains("FATAL:")) {
      throw new IllegalStateException(
          "PostgreSQL in single-user mode on "
              + pgData
              + " failed (exit "
              + exit
              + "): "
              + output.replace(argument, "***").strip());
    }
  }

  private static int waitFor(Process process) throws IOException {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
      throw new IOException("interrupted while PostgreSQL ran in single-user mode", e);
    }
  }
}
