package io.baton.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * What a benchmark phase that starts its own Baton reads about it: the CPU of this JVM and of the
 * phase's PostgreSQL server (from /proc), counts from its database, and the clock; and how it waits
 * for a count to be reached (polling, with a deadline).
 */
final class PhaseProbe {
  private final String jdbcUrl;

  /**
   * @param jdbcUrl the phase's own database
   */
  PhaseProbe(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
  }

  /**
   * CPU seconds used so far: [this JVM, the phase's PostgreSQL server and its backends] (other
   * PostgreSQL servers on the machine left out).
   */
  double[] cpuSeconds() throws Exception {
    long postmaster = postmaster();
    double pg = 0;
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        String pid = proc.getFileName().toString();
        try {
          String[] f = stat(pid);
          if (Long.parseLong(pid) == postmaster || Long.parseLong(f[1]) == postmaster) {
            pg += ticks(f);
          }
        } catch (Exception gone) {
          // the process ended while we looked
        }
      }
    }
    return new double[] {ticks(stat("self")), pg};
  }

  /** The single number {@code sql} answers. */
  long count(String sql) {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first column of the first row {@code sql} answers; null when none. */
  String string(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** A count that a phase waits on. */
  interface Count {
    long get();
  }

  /** Polls {@code count} every 20 ms until it reaches {@code target}. */
  static void waitFor(Count count, long target, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long last;
    while ((last = count.get()) < target) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "timed out after " + timeout + " waiting for " + what + ": " + last + " of " + target);
      }
      Thread.sleep(20);
    }
  }

  /** Now, in microseconds since the epoch: comparable with PostgreSQL's timestamps. */
  static long epochMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** The PostgreSQL server's pid: the parent of a backend, read while that backend lives. */
  private long postmaster() throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return Long.parseLong(stat(String.valueOf(rs.getLong(1)))[1]);
    }
  }

  /** /proc/pid/stat's fields after the command: [1] ppid, [11] utime, [12] stime (ticks). */
  private static String[] stat(String pid) throws Exception {
    String stat = Files.readString(Path.of("/proc", pid, "stat"));
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
  }

  private static double ticks(String[] stat) {
    return (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / 100.0;
  }
}
