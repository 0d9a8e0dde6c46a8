package io.baton.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script of the Node project in {@code src/test/js} (its dependencies installed by the
 * build's {@code npm ci}) and returns what it printed. Real clients written by others check Baton,
 * not our own reading of the specs.
 */
public final class NodeScript {
  public static final Path PROJECT = Path.of("src", "test", "js").toAbsolutePath();

  private NodeScript() {}

  /**
   * Runs {@code node <script> <args...>} with extra environment variables and returns its standard
   * output.
   */
  public static String run(String script, Map<String, String> env, String... args) {
    if (!Files.isDirectory(PROJECT.resolve("node_modules"))) {
      throw new IllegalStateException(
          PROJECT + "/node_modules is missing: the build runs npm ci there");
    }
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile());
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      CompletableFuture<String> stdout = readAll(process.getInputStream());
      CompletableFuture<String> stderr = readAll(process.getErrorStream());
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("node " + script + " did not finish within 120 s");
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(
            "node " + script + " exited with " + process.exitValue() + ": " + stderr.join());
      }
      return stdout.join();
    } catch (IOException e) {
      throw new UncheckedIOException("could not run node (Node.js 20+ must be on the PATH)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static CompletableFuture<String> readAll(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
