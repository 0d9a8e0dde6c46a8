package io.baton.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.db.DatabaseUrl;
import io.baton.db.Migrations;
import io.baton.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox in PostgreSQL: which release events become which webhook events, and how the event log
 * feeds each webhook its deliveries ({@code webhook_feed}, migration V10): in log order, never
 * passing over an event of a transaction that commits late, in bounded reads.
 */
class OutboxTest {
  private DatabaseUrl url;
  private Connection db;
  private long product;
  private long otherProduct;
  private long release;

  @BeforeEach
  void migratedDatabase() throws SQLException {
    url = TestPostgres.newDatabase();
    Migrations.migrate(url);
    db = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
    product = id("INSERT INTO product (name) VALUES ('shop') RETURNING id");
    otherProduct = id("INSERT INTO product (name) VALUES ('other') RETURNING id");
    long env = id("INSERT INTO environment (name) VALUES ('qa') RETURNING id");
    release =
        id(
            "INSERT INTO release (product_id, flow_name, status, timeout_ms, created_at,"
                + " deadline_at) VALUES ("
                + product
                + ", 'f', 'RUNNING', 1000, now(), now()) RETURNING id");
    assertThat(env).isPositive();
  }

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  private long id(String sql) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private String eventType(Long environment, String status, String previous) throws SQLException {
    try (PreparedStatement s = db.prepareStatement("SELECT webhook_event_type(?, ?, ?)")) {
      s.setObject(1, environment);
      s.setString(2, status);
      s.setString(3, previous);
      try (ResultSet rows = s.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    }
  }

  @Test
  void each_release_and_step_transition_maps_to_its_webhook_event_or_to_none() throws Exception {
    Object[][] table = {
      {null, "QUEUED", null, null},
      {null, "RUNNING", null, "RELEASE_STARTED"},
      {null, "RUNNING", "QUEUED", "RELEASE_STARTED"},
      {null, "RUNNING", "FAILED", "RELEASE_STARTED"},
      {null, "RUNNING", "SUSPENDED", null},
      {null, "SUSPENDED", "RUNNING", "RELEASE_SUSPENDED"},
      {null, "SUCCEEDED", "RUNNING", "RELEASE_SUCCEEDED"},
      {null, "FAILED", "RUNNING", "RELEASE_FAILED"},
      {null, "TERMINATED", "RUNNING", "RELEASE_TERMINATED"},
      {null, "TERMINATED", "QUEUED", "RELEASE_TERMINATED"},
      {7L, "PENDING", null, null},
      {7L, "RUNNING", "PENDING", "STEP_STARTED"},
      {7L, "RUNNING", "FAILED", "STEP_STARTED"},
      {7L, "RUNNING", "SUSPENDED", null},
      {7L, "SUSPENDED", "RUNNING", "STEP_SUSPENDED"},
      {7L, "SUCCEEDED", "RUNNING", "STEP_SUCCEEDED"},
      {7L, "FAILED", "RUNNING", "STEP_FAILED"},
      {7L, "TERMINATED", "RUNNING", null},
      {7L, "SKIPPED", "PENDING", null},
    };
    Set<String> reached = new HashSet<>();
    for (Object[] row : table) {
      String type = eventType((Long) row[0], (String) row[1], (String) row[2]);
      assertThat(type).as(Arrays.toString(row)).isEqualTo(row[3]);
      if (type != null) {
        reached.add(WebhookEvent.valueOf(type).name());
      }
    }
    assertThat(reached)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(WebhookEvent.values())
                .filter(e -> e != WebhookEvent.TEST)
                .map(Enum::name)
                .toList());
  }

  private void webhook(String name, String events, Long productId) throws SQLException {
    try (PreparedStatement s =
        db.prepareStatement(
            "INSERT INTO webhook (name, url, secret, events, product_id, format)"
                + " VALUES (?, 'http://localhost:1/', 's', ?::text[], ?, 'CLOUDEVENTS')")) {
      s.setString(1, name);
      s.setString(2, events);
      s.setObject(3, productId);
      s.executeUpdate();
    }
  }

  /** Three events in one statement, as the engine writes them. */
  private void insertEvents(Connection on, long productId) throws SQLException {
    try (Statement s = on.createStatement()) {
      s.executeUpdate(
          "INSERT INTO release_event (at, release_id, product_id, environment_id, status,"
              + " previous_status) VALUES"
              + " (now(), "
              + release
              + ", "
              + productId
              + ", NULL, 'RUNNING', NULL),"
              + " (now(), "
              + release
              + ", "
              + productId
              + ", 1, 'RUNNING', 'PENDING'),"
              + " (now(), "
              + release
              + ", "
              + productId
              + ", 1, 'SUCCEEDED', 'RUNNING')");
    }
  }

  private void insertEvents(long productId) throws SQLException {
    insertEvents(db, productId);
  }

  /** One feed, as the deliverer runs it; the most events read for one webhook. */
  private int feed(int backlog, int scan) throws SQLException {
    try (PreparedStatement s = db.prepareStatement("SELECT webhook_feed(?, ?)")) {
      s.setInt(1, backlog);
      s.setInt(2, scan);
      try (ResultSet rows = s.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  private int feed() throws SQLException {
    return feed(Deliverer.FEED_BACKLOG, Deliverer.FEED_SCAN);
  }

  /** Deliveries as webhook:event@event's transaction order (1 for the oldest transaction). */
  private List<String> deliveries() throws SQLException {
    List<String> list = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT w.name, d.event, dense_rank() OVER (ORDER BY d.event_txid) FROM"
                    + " webhook_delivery d JOIN webhook w ON w.id = d.webhook_id ORDER BY d.id")) {
      while (rows.next()) {
        list.add(rows.getString(1) + ":" + rows.getString(2) + "@" + rows.getInt(3));
      }
    }
    return list;
  }

  @Test
  void a_feed_gives_each_webhook_the_committed_events_it_wants_in_log_order() throws Exception {
    webhook("all", "{RELEASE_STARTED,STEP_STARTED,STEP_SUCCEEDED}", null);
    webhook("successes", "{STEP_SUCCEEDED}", product);
    webhook("other-product", "{RELEASE_STARTED,STEP_STARTED,STEP_SUCCEEDED}", otherProduct);

    db.setAutoCommit(false);
    insertEvents(product);
    db.rollback();
    insertEvents(product);
    db.commit();
    db.setAutoCommit(true);
    assertThat(deliveries()).as("nothing is written beside the events").isEmpty();

    assertThat(feed()).isEqualTo(3);
    assertThat(deliveries())
        .containsExactly(
            "all:RELEASE_STARTED@1",
            "all:STEP_STARTED@1",
            "all:STEP_SUCCEEDED@1",
            "successes:STEP_SUCCEEDED@1");
    assertThat(feed()).as("a second feed has nothing new to read").isZero();
    assertThat(deliveries()).hasSize(4);
  }

  @Test
  void an_event_of_a_transaction_that_commits_late_is_not_passed_over() throws Exception {
    webhook("all", "{RELEASE_STARTED,STEP_SUCCEEDED}", null);
    try (Connection late = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
      late.setAutoCommit(false);
      insertEvents(late, product); // the older transaction, still running
      insertEvents(product); // a newer one, committed

      assertThat(feed()).as("nothing is read past a transaction still running").isZero();
      assertThat(deliveries()).isEmpty();

      late.commit();
    }
    feed();
    assertThat(deliveries())
        .containsExactly(
            "all:RELEASE_STARTED@1",
            "all:STEP_SUCCEEDED@1",
            "all:RELEASE_STARTED@2",
            "all:STEP_SUCCEEDED@2");
  }

  @Test
  void a_webhook_hears_only_of_events_after_it_was_made() throws Exception {
    insertEvents(product);
    webhook("all", "{RELEASE_STARTED,STEP_STARTED,STEP_SUCCEEDED}", null);
    insertEvents(product);

    feed();

    assertThat(deliveries())
        .containsExactly("all:RELEASE_STARTED@1", "all:STEP_STARTED@1", "all:STEP_SUCCEEDED@1");
    assertThat(eventTxids()).hasSize(2);
  }

  @Test
  void a_feed_reads_a_bounded_number_of_events_and_moves_past_the_unwanted_ones() throws Exception {
    webhook("successes", "{STEP_SUCCEEDED}", null);
    insertEvents(product);
    insertEvents(product);

    assertThat(feed(100, 2)).as("RELEASE_STARTED and STEP_STARTED, both unwanted").isEqualTo(2);
    assertThat(deliveries()).isEmpty();
    assertThat(feed(100, 2)).isEqualTo(2);
    assertThat(deliveries()).containsExactly("successes:STEP_SUCCEEDED@1");
    assertThat(feed(100, 2)).isEqualTo(2);
    assertThat(deliveries())
        .containsExactly("successes:STEP_SUCCEEDED@1", "successes:STEP_SUCCEEDED@2");
    assertThat(feed(100, 2)).as("all six read").isZero();
  }

  @Test
  void a_webhook_whose_queue_is_long_enough_is_not_fed() throws Exception {
    webhook("all", "{RELEASE_STARTED,STEP_STARTED,STEP_SUCCEEDED}", null);
    insertEvents(product);
    insertEvents(product);

    assertThat(feed(2, 3)).isEqualTo(3);
    assertThat(feed(2, 3)).as("3 pending, backlog 2: not fed").isZero();
    assertThat(deliveries()).hasSize(3);
    try (Statement s = db.createStatement()) {
      s.executeUpdate("UPDATE webhook_delivery SET status = 'DELIVERED'");
    }
    assertThat(feed(2, 3)).isEqualTo(3);
    assertThat(deliveries()).hasSize(6);
  }

  @Test
  void without_webhooks_a_feed_reads_nothing() throws Exception {
    insertEvents(product);
    assertThat(feed()).isZero();
    assertThat(deliveries()).isEmpty();
  }

  private List<Long> eventTxids() throws SQLException {
    List<Long> list = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rows = s.executeQuery("SELECT DISTINCT txid FROM release_event ORDER BY txid")) {
      while (rows.next()) {
        list.add(rows.getLong(1));
      }
    }
    return list;
  }
}
