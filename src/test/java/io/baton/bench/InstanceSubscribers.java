package io.baton.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * One of the subscriber processes of the {@code instances} phase ({@link InstancesBenchmark}), in a
 * JVM of its own (a process may hold only 20,000 open files here): opens real WebSockets, one
 * subscription each, a few thousand at a time as the harness asks, and records per event received
 * the time from the event's {@code at} (set in the writing transaction, before its commit) to its
 * arrival, in buckets of 0.1 ms.
 *
 * <p>Arguments: the instances' ports (comma-separated), the token, the products (comma-separated),
 * this fleet's index and the number of fleets. Subscription {@code i} of this fleet is number
 * {@code g = i * fleets + index} of all: it goes to port {@code g % ports} and subscribes to
 * product {@code (g / ports) % products}, so that every instance serves every product. A
 * subscription the server closes before it is made is tried again, up to three times in all.
 *
 * <p>On stdin: {@code OPEN n} opens n more and answers {@code OPENED <open> <failed>}; {@code
 * RESET} forgets what was measured; {@code REPORT} answers {@code HIST <count> <bucket>:<n> ...};
 * {@code EXIT} leaves.
 */
public final class InstanceSubscribers {
  private static final int OPENING_AT_ONCE = 200;
  private static final int BUCKET_MICROS = 100;
  private static final int BUCKETS = 600_000;
  private static final int ATTEMPTS = 3;

  public static void main(String[] args) throws Exception {
    String[] ports = args[0].split(",");
    String token = args[1];
    String[] products = args[2].split(",");
    int index = Integer.parseInt(args[3]);
    int fleets = Integer.parseInt(args[4]);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    WebSocketClient client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions().setMaxConnections(100_000).setConnectTimeout(60_000));
    AtomicLongArray buckets = new AtomicLongArray(BUCKETS);
    AtomicLong received = new AtomicLong();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger open = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      String[] command = line.trim().split(" ");
      switch (command[0]) {
        case "OPEN" -> {
          int until = next.get() + Integer.parseInt(command[1]);
          List<Future<Void>> openers = new ArrayList<>();
          for (int o = 0; o < OPENING_AT_ONCE; o++) {
            Promise<Void> done = Promise.promise();
            openers.add(done.future());
            vertx.runOnContext(
                v ->
                    openNext(
                        client, ports, token, products, index, fleets, until, next, open, failed,
                        buckets, received, done));
          }
          Future.all(openers).toCompletionStage().toCompletableFuture().join();
          System.out.println("OPENED " + open.get() + " " + failed.get());
        }
        case "RESET" -> {
          for (int i = 0; i < BUCKETS; i++) {
            buckets.set(i, 0);
          }
          received.set(0);
          System.out.println("RESET");
        }
        case "REPORT" -> {
          StringBuilder hist = new StringBuilder("HIST ").append(received.get());
          for (int i = 0; i < BUCKETS; i++) {
            long n = buckets.get(i);
            if (n > 0) {
              hist.append(' ').append(i).append(':').append(n);
            }
          }
          System.out.println(hist);
        }
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

  /** Opens subscriptions one after another until {@code until} have been tried, then completes. */
  private static void openNext(
      WebSocketClient client,
      String[] ports,
      String token,
      String[] products,
      int index,
      int fleets,
      int until,
      AtomicInteger next,
      AtomicInteger open,
      AtomicInteger failed,
      AtomicLongArray buckets,
      AtomicLong received,
      Promise<Void> done) {
    int i = next.getAndIncrement();
    if (i >= until) {
      next.decrementAndGet();
      done.complete();
      return;
    }
    int g = i * fleets + index;
    int port = Integer.parseInt(ports[g % ports.length]);
    String query =
        "subscription { releaseEvents(product: \""
            + products[(g / ports.length) % products.length]
            + "\") "
            + Benchmarks.SUBSCRIPTION_SELECTION
            + " }";
    Consumer<JsonObject> onEvent =
        event -> {
          long micros =
              ChronoUnit.MICROS.between(Instant.parse(event.getString("at")), Instant.now());
          buckets.incrementAndGet((int) Math.min(BUCKETS - 1, micros / BUCKET_MICROS));
          received.incrementAndGet();
        };
    // As a client would, try again when the server closed the socket before it subscribed (on a
    // loaded machine, 4408: connection_init not read within the server's 3 s).
    Future<WebSocket> subscribed = WsSubscription.open(client, port, token, query, onEvent);
    for (int attempt = 1; attempt < ATTEMPTS; attempt++) {
      subscribed =
          subscribed.recover(e -> WsSubscription.open(client, port, token, query, onEvent));
    }
    subscribed.onComplete(
        r -> {
          if (r.succeeded()) {
            open.incrementAndGet();
          } else {
            if (failed.incrementAndGet() <= 10) {
              System.err.println("subscription " + g + " failed: " + r.cause());
            }
          }
          openNext(
              client, ports, token, products, index, fleets, until, next, open, failed, buckets,
              received, done);
        });
  }
}
