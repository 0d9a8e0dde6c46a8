package io.baton.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.db.DatabaseUrl;
import io.baton.testing.Poll;
import io.baton.testing.ReleasedWorld;
import io.baton.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** A subscriber replaying from far back holds what it has taken, not the whole history. */
class EventFeedBackPressureTest {
  private static final String EARLIEST =
      Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString("e:0:0".getBytes(StandardCharsets.UTF_8));

  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = ReleasedWorld.start();
    ReleasedWorld.release(server);
    execute(
        "INSERT INTO release_event"
            + " (at, release_id, product_id, environment_id, status, previous_status, message)"
            + " SELECT e.at, e.release_id, e.product_id, e.environment_id, e.status,"
            + " e.previous_status, e.message FROM release_event e, generate_series(1, 600)");
    // The copies bypass the engine; its next commit moves the feed's head past them, so that they
    // are history to a new subscriber rather than news the feed has yet to read.
    ReleasedWorld.release(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void a_replaying_subscriber_that_takes_one_event_holds_at_most_a_page_then_gets_all_in_order()
      throws Exception {
    long total = count();
    assertThat(total).isGreaterThan(5L * EventFeed.REPLAY_PAGE);
    Recorder recorder = new Recorder();
    Publisher<EventFeed.ReleaseEvent> events =
        server
            .baton()
            .services()
            .releases()
            .events(null, null, EARLIEST)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    events.subscribe(recorder);
    recorder.awaitAtLeast(1);

    long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (System.nanoTime() < end) {
      assertThat(server.baton().services().releases().queuedEvents())
          .as("events held for a subscriber that asked for one")
          .isLessThanOrEqualTo(EventFeed.REPLAY_PAGE);
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }

    recorder.subscription.request(Long.MAX_VALUE);
    recorder.awaitAtLeast(total);
    List<EventFeed.Cursor> cursors = recorder.cursors();
    assertThat(cursors).hasSize((int) total).isSorted().doesNotHaveDuplicates();

    ReleasedWorld.release(server);
    recorder.awaitAtLeast(count());
    assertThat(recorder.cursors()).isSorted().doesNotHaveDuplicates();
    recorder.subscription.cancel();
  }

  /** Records what it receives; asks for one event, then for whatever the test asks. */
  private static final class Recorder implements Subscriber<EventFeed.ReleaseEvent> {
    private final List<EventFeed.ReleaseEvent> received = new ArrayList<>();
    volatile Subscription subscription;

    @Override
    public void onSubscribe(Subscription subscription) {
      this.subscription = subscription;
      subscription.request(1);
    }

    @Override
    public synchronized void onNext(EventFeed.ReleaseEvent event) {
      received.add(event);
    }

    @Override
    public void onError(Throwable failure) {
      throw new AssertionError(failure);
    }

    @Override
    public void onComplete() {}

    synchronized List<EventFeed.Cursor> cursors() {
      return received.stream().map(e -> EventFeed.Cursor.decode(e.cursor())).toList();
    }

    synchronized int size() {
      return received.size();
    }

    void awaitAtLeast(long count) {
      Poll.until(this::size, n -> n >= count, Duration.ofSeconds(30), count + " events");
    }
  }

  private static long count() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT count(*) FROM release_event")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static void execute(String sql) throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static Connection connect() throws Exception {
    DatabaseUrl url = server.database();
    return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
  }
}
