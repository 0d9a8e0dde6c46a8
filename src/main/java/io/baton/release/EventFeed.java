package io.baton.release;

import io.baton.db.DatabaseUrl;
import io.baton.error.BatonException;
import io.baton.error.ErrorCode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams release events to subscribers. One reader per instance tails the event table (woken by
 * this instance's commits, by PostgreSQL NOTIFY from other instances, and by a short poll in case a
 * notification was lost) and hands each event to the subscribers whose filter matches; a subscriber
 * that gives a cursor first replays the events after it from the table. Notifications carry no
 * data: the rows are the truth, so nothing is lost or doubled.
 */
public final class EventFeed {
  private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);
  static final String CHANNEL = "baton_events";
  private static final int PAGE = 500;

  /**
   * A replaying subscriber reads this many events at a time, and the next page only once it has
   * taken the last one: what it holds is bounded by the page, however far back it starts.
   */
  static final int REPLAY_PAGE = 100;

  /** Replays reading at once, so that subscribers catching up leave the pool to everyone else. */
  private static final int CONCURRENT_REPLAY_READS = 4;

  private static final int MAX_QUEUED_PER_SUBSCRIBER = 10_000;
  private static final Duration SAFETY_POLL = Duration.ofMillis(200);
  private static final Duration NOTIFY_COALESCE = Duration.ofMillis(2);
  private static final Duration LOOK_AGAIN = Duration.ofMillis(10);

  private final Vertx vertx;
  private final Pool pool;
  private final ReleaseRepository repository;
  private final DatabaseUrl database;
  private final Context context;
  private final Set<Feed> all = new LinkedHashSet<>();
  private final Map<Long, Set<Feed>> byRelease = new HashMap<>();
  private final Map<Long, Set<Feed>> byProduct = new HashMap<>();
  private final ConcurrencyLimit replayReads = new ConcurrencyLimit(CONCURRENT_REPLAY_READS);
  private final AtomicInteger queued = new AtomicInteger();
  private Cursor head = Cursor.START;
  private boolean reading;
  private boolean readAgain;
  private boolean notifyScheduled;
  private boolean lookAgainScheduled;
  private PgConnection listener;
  private long pollTimer = -1;
  private volatile boolean stopped;

  EventFeed(Vertx vertx, Pool pool, ReleaseRepository repository, DatabaseUrl database) {
    this.vertx = vertx;
    this.pool = pool;
    this.repository = repository;
    this.database = database;
    this.context = vertx.getOrCreateContext();
  }

  /** An event as clients receive it, with its release (and steps) as of when the feed read it. */
  public record ReleaseEvent(
      String cursor,
      Instant at,
      long releaseId,
      long productId,
      Long environmentId,
      Status status,
      Status previousStatus,
      String message,
      Release release) {}

  /** Position in the event order: (transaction id, event id). */
  record Cursor(long txid, long id) implements Comparable<Cursor> {
    static final Cursor START = new Cursor(0, 0);

    @Override
    public int compareTo(Cursor o) {
      int byTx = Long.compare(txid, o.txid);
      return byTx != 0 ? byTx : Long.compare(id, o.id);
    }

    String encode() {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(("e:" + txid + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String cursor) {
      try {
        String[] parts =
            new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
        if (parts.length != 3 || !parts[0].equals("e")) {
          throw new IllegalArgumentException();
        }
        return new Cursor(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
      } catch (IllegalArgumentException e) {
        throw BatonException.badInput(
            "cursor \"" + cursor + "\" is not a release event cursor Baton gave out");
      }
    }
  }

  /**
   * Orders two cursors Baton gave out as the events they point at are ordered: negative when {@code
   * a} comes first.
   */
  public static int compareCursors(String a, String b) {
    return Cursor.decode(a).compareTo(Cursor.decode(b));
  }

  Future<Void> start() {
    return pool.query(ReleaseSql.LATEST_SETTLED_EVENT)
        .execute()
        .map(
            rows -> {
              if (rows.size() > 0) {
                Row row = rows.iterator().next();
                head = new Cursor(row.getLong("txid"), row.getLong("id"));
              }
              pollTimer = vertx.setPeriodic(SAFETY_POLL.toMillis(), id -> wake());
              listen();
              return null;
            });
  }

  void stop() {
    stopped = true;
    vertx.cancelTimer(pollTimer);
    if (listener != null) {
      listener.close();
    }
  }

  /**
   * Called after this instance commits events: read them now, and tell the other instances
   * (coalesced).
   */
  void committed() {
    context.runOnContext(
        v -> {
          wakeAndLookAgain();
          if (!notifyScheduled) {
            notifyScheduled = true;
            vertx.setTimer(
                NOTIFY_COALESCE.toMillis(),
                id -> {
                  notifyScheduled = false;
                  pool.query("NOTIFY " + CHANNEL)
                      .execute()
                      .onFailure(failure -> LOG.debug("NOTIFY failed: {}", failure.getMessage()));
                });
          }
        });
  }

  private void listen() {
    if (stopped) {
      return;
    }
    PgConnection.connect(vertx, database.connectOptions())
        .compose(
            connection -> {
              connection.notificationHandler(
                  notification -> context.runOnContext(v -> wakeAndLookAgain()));
              connection.closeHandler(
                  v -> {
                    listener = null;
                    if (!stopped) {
                      vertx.setTimer(1000, id -> listen());
                    }
                  });
              listener = connection;
              return connection.query("LISTEN " + CHANNEL).execute();
            })
        .onSuccess(v -> wake())
        .onFailure(
            failure -> {
              LOG.warn("listening for events failed ({}); retrying", failure.getMessage());
              if (!stopped) {
                vertx.setTimer(1000, id -> listen());
              }
            });
  }

  /**
   * Reads now, and once more shortly: a transaction older than the one that just committed (another
   * writer's, a NOTIFY's) may still be running and hold the horizon below the new events for a
   * moment. Without the second look they would wait for the next commit, or for the safety poll
   * when nothing else happens.
   */
  private void wakeAndLookAgain() {
    wake();
    if (!lookAgainScheduled) {
      lookAgainScheduled = true;
      vertx.setTimer(
          LOOK_AGAIN.toMillis(),
          id -> {
            lookAgainScheduled = false;
            wake();
          });
    }
  }

  private void wake() {
    if (stopped) {
      return;
    }
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    readAgain = false;
    if (all.isEmpty()) {
      skipToLatest();
      return;
    }
    read(head, null, null, null, PAGE)
        .onComplete(
            result -> {
              reading = false;
              if (result.failed()) {
                LOG.warn("reading events failed: {}", result.cause().getMessage());
                return;
              }
              List<ReleaseEvent> events = result.result();
              for (ReleaseEvent event : events) {
                head = Cursor.decode(event.cursor());
                dispatch(event);
              }
              if (events.size() == PAGE || readAgain) {
                wake();
              }
            });
  }

  /** Nobody listens: just move the head, so that a new subscriber starts from now. */
  private void skipToLatest() {
    pool.query(ReleaseSql.LATEST_SETTLED_EVENT)
        .execute()
        .onComplete(
            result -> {
              reading = false;
              if (result.succeeded() && result.result().size() > 0) {
                Row row = result.result().iterator().next();
                Cursor latest = new Cursor(row.getLong("txid"), row.getLong("id"));
                head = latest.compareTo(head) > 0 ? latest : head;
              }
              if (readAgain) {
                wake();
              }
            });
  }

  /** Settled events after {@code after} (up to {@code until} when given), with their releases. */
  Future<List<ReleaseEvent>> read(
      Cursor after, Cursor until, Long releaseId, Long productId, int limit) {
    Tuple args =
        Tuple.of(
                after.txid(),
                after.id(),
                releaseId,
                productId,
                until == null ? null : until.txid(),
                until == null ? null : until.id())
            .addInteger(limit);
    String statement =
        releaseId == null ? ReleaseSql.EVENTS_AFTER : ReleaseSql.EVENTS_OF_RELEASE_AFTER;
    return pool.preparedQuery(statement).execute(args).compose(this::withReleases);
  }

  private Future<List<ReleaseEvent>> withReleases(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Future.succeededFuture(List.of());
    }
    Set<Long> releaseIds = new LinkedHashSet<>();
    rows.forEach(row -> releaseIds.add(row.getLong("release_id")));
    return repository
        .loadRuns(pool, releaseIds)
        .map(
            runs -> {
              List<ReleaseEvent> events = new ArrayList<>(rows.size());
              rows.forEach(
                  row -> {
                    ReleaseRun run = runs.get(row.getLong("release_id"));
                    Release release = run == null ? null : run.release().withSteps(run.steps());
                    events.add(
                        new ReleaseEvent(
                            new Cursor(row.getLong("txid"), row.getLong("id")).encode(),
                            ReleaseRepository.instant(row, "at"),
                            row.getLong("release_id"),
                            row.getLong("product_id"),
                            row.getLong("environment_id"),
                            Status.of(row.getLong("environment_id"), row.getString("status")),
                            Status.of(
                                row.getLong("environment_id"), row.getString("previous_status")),
                            row.getString("message"),
                            release));
                  });
              return events;
            });
  }

  private void dispatch(ReleaseEvent event) {
    List<Feed> targets = new ArrayList<>();
    all.forEach(
        f -> {
          if (f.releaseId == null && f.productId == null) {
            targets.add(f);
          }
        });
    byRelease.getOrDefault(event.releaseId(), Set.of()).forEach(targets::add);
    byProduct
        .getOrDefault(event.productId(), Set.of())
        .forEach(
            f -> {
              if (f.releaseId == null) {
                targets.add(f);
              }
            });
    Cursor cursor = Cursor.decode(event.cursor());
    targets.forEach(f -> f.live(event, cursor));
  }

  int subscribers() {
    return all.size();
  }

  /** Events waiting in subscribers' queues for them to ask for more. */
  int queued() {
    return queued.get();
  }

  /**
   * A subscription's events: with {@code after}, those after it first; with a release, from its
   * beginning unless {@code after} says otherwise, ending once the release is terminal.
   */
  public Publisher<ReleaseEvent> subscribe(Long productId, Long releaseId, String after) {
    Cursor from = after == null || after.isBlank() ? null : Cursor.decode(after);
    return subscriber -> {
      // Signals go to the subscriber on the context it subscribed from (a WebSocket's event loop),
      // so that what
      // it does with each event (run the GraphQL selection, encode, write) is spread over the event
      // loops
      // instead of all running on the feed's.
      Context caller = Vertx.currentContext();
      Context delivery = caller != null && caller.isEventLoopContext() ? caller : context;
      context.runOnContext(v -> new Feed(productId, releaseId, from, subscriber, delivery).begin());
    };
  }

  /**
   * One subscriber's stream: its bookkeeping runs on the feed's context, its signals on the
   * subscriber's.
   */
  private final class Feed implements Subscription {
    private final Long productId;
    private final Long releaseId;
    private final Cursor replayFrom;
    private final Subscriber<? super ReleaseEvent> subscriber;
    private final Context delivery;
    private final Deque<ReleaseEvent> queue = new ArrayDeque<>(4);
    private Cursor position;
    private boolean replaying;
    private boolean nextPageDue;
    private long demand;
    private boolean done;

    Feed(
        Long productId,
        Long releaseId,
        Cursor replayFrom,
        Subscriber<? super ReleaseEvent> subscriber,
        Context delivery) {
      this.productId = productId;
      this.releaseId = releaseId;
      this.replayFrom = replayFrom != null ? replayFrom : releaseId != null ? Cursor.START : null;
      this.subscriber = subscriber;
      this.delivery = delivery;
    }

    /**
     * Every signal goes through the delivery context, in the order given (its task queue is FIFO).
     */
    private void signal(Runnable signal) {
      if (delivery == context) {
        signal.run();
      } else {
        delivery.runOnContext(v -> signal.run());
      }
    }

    void begin() {
      all.add(this);
      if (releaseId != null) {
        byRelease.computeIfAbsent(releaseId, k -> new LinkedHashSet<>()).add(this);
      } else if (productId != null) {
        byProduct.computeIfAbsent(productId, k -> new LinkedHashSet<>()).add(this);
      }
      signal(() -> subscriber.onSubscribe(this));
      if (replayFrom == null) {
        position = head;
        return;
      }
      replaying = true;
      position = replayFrom;
      replayPage();
    }

    /**
     * Reads the page after {@code position}, up to the feed's head (events past it are not settled
     * yet, or are being dispatched). The replay ends on a short page read while the head stood
     * still: every event after it is then dispatched live, and none is missed or doubled, because
     * this and the dispatch both run on the feed's context. Live events that arrive meanwhile are
     * not held: the next page reads them from the table.
     */
    private void replayPage() {
      Cursor until = head;
      Cursor from = position;
      replayReads
          .run(
              () ->
                  read(from, until, releaseId, productId, REPLAY_PAGE)
                      .compose(events -> nothingDeletedAfter(from).map(events)))
          .onComplete(
              result -> {
                if (done) {
                  return;
                }
                if (result.failed()) {
                  fail(result.cause());
                  return;
                }
                result.result().forEach(e -> enqueue(e, Cursor.decode(e.cursor())));
                if (result.result().size() == REPLAY_PAGE || head.compareTo(until) > 0) {
                  nextPageDue = true;
                  drain();
                  return;
                }
                replaying = false;
                completeIfReleaseAlreadyEnded();
              });
    }

    /**
     * Fails with CURSOR_EXPIRED when retention deleted an event after {@code from} (before or while
     * the page was read): the replay would silently miss it. A release's own replay needs no check,
     * since retention deletes a release with all its events at once.
     */
    private Future<Void> nothingDeletedAfter(Cursor from) {
      if (releaseId != null) {
        return Future.succeededFuture();
      }
      return pool.query(ReleaseSql.RETENTION_HORIZON)
          .execute()
          .compose(
              rows -> {
                Row row = rows.iterator().next();
                Cursor horizon = new Cursor(row.getLong("txid"), row.getLong("id"));
                if (from.compareTo(horizon) >= 0) {
                  return Future.succeededFuture();
                }
                return Future.failedFuture(
                    new BatonException(
                        ErrorCode.CURSOR_EXPIRED,
                        "cursor \""
                            + replayFrom.encode()
                            + "\" is older than the release history Baton keeps: retention has"
                            + " deleted events after it. Subscribe again without after, and read"
                            + " releases for what happened meanwhile"));
              });
    }

    /** A release that ended before the replayed range has nothing more to say: end the stream. */
    private void completeIfReleaseAlreadyEnded() {
      if (releaseId == null || done) {
        return;
      }
      repository
          .find(pool, releaseId)
          .onSuccess(
              release ->
                  context.runOnContext(
                      v -> {
                        if (release == null) {
                          fail(BatonException.notFound("release", Long.toString(releaseId)));
                        } else if (release.status.isTerminal() && !done) {
                          finishAfterQueue();
                        }
                      }));
    }

    void live(ReleaseEvent event, Cursor cursor) {
      if (done) {
        return;
      }
      if (replaying) {
        return; // the replay reads it from the table
      }
      if (cursor.compareTo(position) > 0) {
        enqueue(event, cursor);
      }
    }

    private boolean finishing;

    private void enqueue(ReleaseEvent event, Cursor cursor) {
      if (done || finishing) {
        return;
      }
      position = cursor;
      queue.add(event);
      queued.incrementAndGet();
      if (queue.size() > MAX_QUEUED_PER_SUBSCRIBER) {
        fail(
            BatonException.conflict(
                "the subscriber fell too far behind; subscribe again with after: the last cursor"));
        return;
      }
      if (releaseId != null && event.environmentId() == null && event.status().isTerminal()) {
        finishing = true;
      }
      drain();
    }

    private void finishAfterQueue() {
      finishing = true;
      drain();
    }

    private void drain() {
      while (demand > 0 && !queue.isEmpty() && !done) {
        demand--;
        ReleaseEvent next = queue.poll();
        queued.decrementAndGet();
        signal(() -> subscriber.onNext(next));
      }
      if (finishing && queue.isEmpty() && !done) {
        done = true;
        unregister();
        signal(subscriber::onComplete);
        return;
      }
      if (nextPageDue && queue.isEmpty() && !done) {
        nextPageDue = false;
        replayPage();
      }
    }

    private void fail(Throwable failure) {
      if (!done) {
        done = true;
        unregister();
        signal(() -> subscriber.onError(failure));
      }
    }

    @Override
    public void request(long n) {
      context.runOnContext(
          v -> {
            demand = Math.min(Long.MAX_VALUE / 2, demand + n);
            drain();
          });
    }

    @Override
    public void cancel() {
      context.runOnContext(
          v -> {
            done = true;
            unregister();
          });
    }

    private void unregister() {
      queued.addAndGet(-queue.size());
      queue.clear();
      all.remove(this);
      if (releaseId != null) {
        removeFrom(byRelease, releaseId);
      } else if (productId != null) {
        removeFrom(byProduct, productId);
      }
    }

    private void removeFrom(Map<Long, Set<Feed>> index, long key) {
      Set<Feed> feeds = index.get(key);
      if (feeds != null) {
        feeds.remove(this);
        if (feeds.isEmpty()) {
          index.remove(key);
        }
      }
    }
  }
}
