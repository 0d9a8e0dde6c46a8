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
 * The outbox in PostgreSQL: which release events become which webhook events, and deliveries that
 * commit or roll back with the events that made them.
 */
class OutboxTest {
  private Connection db;
  private long product;
  private long otherProduct;
  private long release;

  @BeforeEach
  void migratedDatabase() throws SQLException {
    DatabaseUrl url = TestPostgres.newDatabase();
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
  private void insertEvents(long productId) throws SQLException {
    try (Statement s = db.createStatement()) {
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

  private List<String> deliveries() throws SQLException {
    List<String> list = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT w.name, d.event FROM webhook_delivery d JOIN webhook w ON w.id ="
                    + " d.webhook_id ORDER BY d.id")) {
      while (rows.next()) {
        list.add(rows.getString(1) + ":" + rows.getString(2));
      }
    }
    return list;
  }

  @Test
  void deliveries_commit_and_roll_back_with_the_events_that_made_them() throws Exception {
    webhook("all", "{RELEASE_STARTED,STEP_STARTED,STEP_SUCCEEDED}", null);
    webhook("successes", "{STEP_SUCCEEDED}", product);
    webhook("other-product", "{RELEASE_STARTED,STEP_STARTED,STEP_SUCCEEDED}", otherProduct);

    db.setAutoCommit(false);
    insertEvents(product);
    assertThat(deliveries()).hasSize(4);
    db.rollback();
    assertThat(deliveries()).isEmpty();

    insertEvents(product);
    db.commit();
    assertThat(deliveries())
        .containsExactly(
            "all:RELEASE_STARTED",
            "all:STEP_STARTED",
            "all:STEP_SUCCEEDED",
            "successes:STEP_SUCCEEDED");
  }

  @Test
  void without_webhooks_events_make_no_deliveries() throws Exception {
    insertEvents(product);
    assertThat(deliveries()).isEmpty();
  }
}
