package io.baton.argocd;

import io.baton.argocd.ArgoCdException.Problem;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Batched looks at Argo CD: every check waiting on a server is served by that server's next list
 * request, and a server gets at most one list request per interval, however many steps wait on it.
 *
 * <p>A check registers its interest in (server, application) with {@link #next}; the next poll of
 * that server completes it, and the interest is dropped. A server is polled only while someone
 * waits on it: the first interest after a quiet spell is served at once (if the last poll is an
 * interval ago), later ones at the next slot. All state is confined to the poller's own Vert.x
 * context; callers may be on any thread.
 */
public final class ArgoCdPoller {
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

  /** Checks waiting on one server at once, at most; more fail fast and are retried later. */
  public static final int MAX_WAITING_PER_SERVER = 50_000;

  private final Vertx vertx;
  private final Context context;
  private final ArgoCdClient client;
  private final long intervalNanos;
  private final int maxWaiting;
  private final Map<ArgoCdServer, ServerPolls> servers = new HashMap<>();

  public ArgoCdPoller(Vertx vertx, ArgoCdClient client, Duration interval) {
    this(vertx, client, interval, MAX_WAITING_PER_SERVER);
  }

  ArgoCdPoller(Vertx vertx, ArgoCdClient client, Duration interval, int maxWaiting) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.client = client;
    this.intervalNanos = interval.toNanos();
    this.maxWaiting = maxWaiting;
  }

  public Duration interval() {
    return Duration.ofNanos(intervalNanos);
  }

  /** What the next poll of {@code server} says of {@code application}. */
  public Future<ArgoCdLookup> next(ArgoCdServer server, String application) {
    Promise<ArgoCdLookup> lookup = Promise.promise();
    context.runOnContext(
        v -> servers.computeIfAbsent(server, ServerPolls::new).add(application, lookup));
    return lookup.future();
  }

  /** How many checks wait for a poll, over all servers (for tests and metrics). */
  public Future<Integer> waiting() {
    Promise<Integer> count = Promise.promise();
    context.runOnContext(
        v -> count.complete(servers.values().stream().mapToInt(s -> s.waitingCount).sum()));
    return count.future();
  }

  /** One server's waiting checks and its poll schedule. Confined to the poller's context. */
  private final class ServerPolls {
    private final ArgoCdServer server;
    private Map<String, List<Promise<ArgoCdLookup>>> waiting = new HashMap<>();
    private int waitingCount;
    private long lastPollNanos;
    private boolean polledBefore;
    private boolean scheduledOrRunning;

    ServerPolls(ArgoCdServer server) {
      this.server = server;
    }

    void add(String application, Promise<ArgoCdLookup> lookup) {
      if (waitingCount >= maxWaiting) {
        lookup.fail(
            new ArgoCdException(
                Problem.BUSY, maxWaiting + " checks already wait on " + server + "; later"));
        return;
      }
      waiting.computeIfAbsent(application, a -> new ArrayList<>(1)).add(lookup);
      waitingCount++;
      scheduleIfIdle();
    }

    private void scheduleIfIdle() {
      if (scheduledOrRunning || waitingCount == 0) {
        return;
      }
      scheduledOrRunning = true;
      long wait = polledBefore ? lastPollNanos + intervalNanos - System.nanoTime() : 0;
      long delayMillis = Math.max(1, (wait + 999_999) / 1_000_000);
      vertx.setTimer(delayMillis, id -> context.runOnContext(v -> poll()));
    }

    private void poll() {
      Map<String, List<Promise<ArgoCdLookup>>> batch = waiting;
      waiting = new HashMap<>();
      waitingCount = 0;
      lastPollNanos = System.nanoTime();
      polledBefore = true;
      client
          .applications(server)
          .onComplete(result -> context.runOnContext(v -> done(batch, result)));
    }

    private void done(
        Map<String, List<Promise<ArgoCdLookup>>> batch, AsyncResult<List<AppStatus>> result) {
      Map<String, ArgoCdLookup> found =
          result.succeeded() ? index(result.result(), batch) : Map.of();
      batch.forEach(
          (application, lookups) -> {
            ArgoCdLookup lookup =
                result.failed()
                    ? new ArgoCdLookup.Unavailable(asProblem(result.cause()))
                    : found.getOrDefault(
                        application,
                        new ArgoCdLookup.Unavailable(ArgoCdClient.notFound(server, application)));
            lookups.forEach(p -> p.complete(lookup));
          });
      scheduledOrRunning = false;
      scheduleIfIdle();
    }

    private ArgoCdException asProblem(Throwable failure) {
      return failure instanceof ArgoCdException known
          ? known
          : new ArgoCdException(Problem.BAD_RESPONSE, server + " could not be read");
    }
  }

  /**
   * The waited-on applications of a list, by the name a step gives: {@code name}, or {@code
   * namespace/name} for an application outside Argo CD's own namespace.
   */
  private static Map<String, ArgoCdLookup> index(
      List<AppStatus> applications, Map<String, List<Promise<ArgoCdLookup>>> batch) {
    Map<String, ArgoCdLookup> found = new HashMap<>();
    for (AppStatus app : applications) {
      List<String> names = new ArrayList<>(2);
      names.add(app.name());
      app.namespace().ifPresent(ns -> names.add(ns + "/" + app.name()));
      for (String name : names) {
        if (batch.containsKey(name)) {
          found.putIfAbsent(name, new ArgoCdLookup.Found(app));
        }
      }
    }
    return found;
  }
}
