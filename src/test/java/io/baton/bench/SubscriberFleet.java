package io.baton.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The subscribers of benchmark 3, in a JVM of their own (a process may hold only 20,000 open files
 * here, and 10,000 client sockets plus 10,000 server sockets would not fit in one): opens one real
 * WebSocket per subscription, each subscribed to one product's events, and records, per event
 * received, the time from the event's {@code at} (set in the writing transaction, before its
 * commit) to its arrival. Both processes read the same host clock.
 *
 * <p>Talks to the harness on stdin/stdout: prints {@code READY n}; on {@code RESET} forgets what it
 * measured; on {@code REPORT} prints {@code STATS count p50 p90 p99 max}; on {@code COUNT} prints
 * {@code COUNT n}, the events received since the last reset; on {@code EXIT} leaves.
 */
public final class SubscriberFleet {
  private static final int OPENING_AT_ONCE = 200;

  private static final String AT = "\"at\":\"";

  /**
   * The event's {@code at}, read from the message's text: a full JSON parse of every message would
   * make this process, not the server, what the figure measures.
   */
  static Instant at(String message) {
    int start = message.indexOf(AT) + AT.length();
    return Instant.parse(message.substring(start, message.indexOf('"', start)));
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String token = args[1];
    int count = Integer.parseInt(args[2]);
    String[] products = args[3].split(",");
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    WebSocketClient client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions().setMaxConnections(count + 100).setConnectTimeout(60_000));
    List<Stats> perLoop = new ArrayList<>();
    ThreadLocal<Stats> stats =
        ThreadLocal.withInitial(
            () -> {
              Stats s = new Stats();
              synchronized (perLoop) {
                perLoop.add(s);
              }
              return s;
            });
    AtomicLong received = new AtomicLong();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger open = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    Runnable[] openOne = new Runnable[1];
    openOne[0] =
        () -> {
          int i = next.getAndIncrement();
          if (i >= count) {
            return;
          }
          String query =
              "subscription { releaseEvents(product: \""
                  + products[i % products.length]
                  + "\") "
                  + "{ cursor at status previousStatus environment { name } release { id status } } }";
          WsSubscription.openRaw(
                  client,
                  port,
                  token,
                  query,
                  text -> {
                    Instant at = at(text);
                    long micros = ChronoUnit.MICROS.between(at, Instant.now());
                    Stats s = stats.get();
                    synchronized (s) {
                      s.add(micros);
                    }
                    received.incrementAndGet();
                  })
              .onComplete(
                  r -> {
                    if (r.succeeded()) {
                      open.incrementAndGet();
                    } else {
                      failed.incrementAndGet();
                      System.err.println("subscription " + i + " failed: " + r.cause());
                    }
                    if (open.get() + failed.get() == count) {
                      System.out.println("READY " + open.get() + " " + failed.get());
                      System.out.flush();
                    }
                    openOne[0].run();
                  });
        };
    for (int i = 0; i < OPENING_AT_ONCE; i++) {
      vertx.runOnContext(v -> openOne[0].run());
    }
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      switch (line.trim()) {
        case "RESET" -> {
          synchronized (perLoop) {
            perLoop.forEach(
                s -> {
                  synchronized (s) {
                    s.clear();
                  }
                });
          }
          received.set(0);
          System.out.println("RESET");
        }
        case "REPORT" -> {
          Stats all = new Stats();
          synchronized (perLoop) {
            perLoop.forEach(
                s -> {
                  synchronized (s) {
                    all.addAll(s);
                  }
                });
          }
          System.out.printf(
              "STATS %d %.2f %.2f %.2f %.2f%n",
              all.count(),
              all.percentileMillis(50),
              all.percentileMillis(90),
              all.percentileMillis(99),
              all.percentileMillis(100));
        }
        case "COUNT" -> System.out.println("COUNT " + received.get());
        case "EXIT" -> {
          vertx.close().toCompletionStage().toCompletableFuture().join();
          System.exit(0);
        }
        default -> {}
      }
      System.out.flush();
    }
    System.exit(0);
  }
}
