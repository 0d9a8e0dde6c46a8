package io.baton.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar run as a command ({@code java -jar target/baton.jar <command> ...}), as a CI
 * pipeline runs it: its output goes to files, so a test can read it while it runs.
 */
final class CliProcess {
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  /** What a finished command left: its exit code and everything it printed. */
  record Finished(int exit, String stdout, String stderr) {
    String all() {
      return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private CliProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Starts the command with exactly these BATON_* variables. */
  static CliProcess start(Map<String, String> batonEnv, String... args) {
    Path jar = Path.of(System.getProperty("baton.jar", "target/baton.jar"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("baton-cli", ".out");
      Path err = Files.createTempFile("baton-cli", ".err");
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("BATON_"));
      builder.environment().putAll(batonEnv);
      return new CliProcess(builder.start(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Finished run(Map<String, String> batonEnv, String... args) {
    return start(batonEnv, args).awaitExit();
  }

  /** What it printed to stdout so far. */
  String stdoutSoFar() {
    return read(stdout);
  }

  Finished awaitExit() {
    try {
      if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            "the command did not exit within " + DEADLINE + "; printed " + read(stdout));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    Finished finished = new Finished(process.exitValue(), read(stdout), read(stderr));
    System.out.println("[cli] " + finished.all());
    return finished;
  }

  void kill() {
    process.destroyForcibly();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
