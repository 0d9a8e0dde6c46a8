package io.baton.argocd;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The {@link ArgoCdStandIn} in a process of its own, for the benchmark harness's {@code argocd}
 * phase (io.baton.bench.ArgoCdGatesBenchmark): Baton then reaches it over a real socket, and its
 * CPU is not Baton's. A {@code main()}, not a test.
 *
 * <p>Talks to the harness on stdin/stdout. Prints {@code READY <base URL>}. Commands, one a line:
 *
 * <ul>
 *   <li>{@code SET <name> <sync> <revision> <health>}: stages an application's status;
 *   <li>{@code APPLY}: sets every staged application at once, and prints {@code APPLIED <epoch
 *       micros at the start> <epoch micros at the end>};
 *   <li>{@code COUNTS}: prints {@code COUNTS <lists> <single-application requests> <refreshes>
 *       <refused>}, then {@code LISTS} and the epoch micros of every list request's arrival;
 *   <li>{@code EXIT}.
 * </ul>
 *
 * Arguments: the bearer token it accepts.
 */
public final class ArgoCdStandInProcess {
  private ArgoCdStandInProcess() {}

  public static void main(String[] args) throws Exception {
    String token = args[0];
    long epochMicrosMinusNanos = System.currentTimeMillis() * 1000 - System.nanoTime() / 1000;
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (ArgoCdStandIn argocd = ArgoCdStandIn.start(vertx, token)) {
      out.println("READY " + argocd.url());
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      List<String[]> staged = new ArrayList<>();
      for (String line; (line = in.readLine()) != null; ) {
        String[] words = line.trim().split("\\s+");
        switch (words[0]) {
          case "SET" -> staged.add(words);
          case "APPLY" -> {
            long start = epochMicros(epochMicrosMinusNanos);
            staged.forEach(w -> argocd.set(w[1], w[2], w[3], w[4]));
            long end = epochMicros(epochMicrosMinusNanos);
            staged.clear();
            out.println("APPLIED " + start + " " + end);
          }
          case "COUNTS" -> {
            out.println(
                "COUNTS "
                    + argocd.listRequests()
                    + " "
                    + argocd.applicationRequests()
                    + " "
                    + argocd.totalRefreshes()
                    + " "
                    + argocd.refusedRequests());
            out.println(
                "LISTS "
                    + argocd.listArrivals().stream()
                        .map(nanos -> String.valueOf(nanos / 1000 + epochMicrosMinusNanos))
                        .collect(Collectors.joining(",")));
          }
          case "EXIT" -> {
            return;
          }
          default -> out.println("UNKNOWN " + line);
        }
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static long epochMicros(long epochMicrosMinusNanos) {
    return System.nanoTime() / 1000 + epochMicrosMinusNanos;
  }
}
