package io.baton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.db.DatabaseUrl;
import io.baton.testing.GraphqlClient;
import io.baton.testing.Poll;
import io.baton.testing.TestPostgres;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * BATON_DATABASE_POOL_SIZE: how many connections an instance's pool holds at most, so that many
 * instances fit under one PostgreSQL's max_connections (docs/scaling.md).
 */
class DatabasePoolSizeTest {
  private static final String TOKEN = "pool-size-admin-token-0123456789abcdef";
  private static final int POOL = 2;

  @Test
  void the_pool_holds_16_connections_unless_set_and_at_least_one() {
    assertThat(Config.fromEnvironment(Map.of(), List.of()).databasePoolSize()).isEqualTo(16);
    assertThat(
            Config.fromEnvironment(Map.of("BATON_DATABASE_POOL_SIZE", "4"), List.of())
                .databasePoolSize())
        .isEqualTo(4);
    assertThatThrownBy(
            () -> Config.fromEnvironment(Map.of("BATON_DATABASE_POOL_SIZE", "0"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BATON_DATABASE_POOL_SIZE");
    assertThatThrownBy(
            () -> Config.fromEnvironment(Map.of("BATON_DATABASE_POOL_SIZE", "many"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BATON_DATABASE_POOL_SIZE");
  }

  @Test
  void under_many_requests_at_once_a_baton_holds_no_more_pooled_connections_than_its_pool_size()
      throws Exception {
    DatabaseUrl database = TestPostgres.newDatabase();
    Config config =
        Config.fromEnvironment(
            Map.of(
                "BATON_PORT", "0",
                "BATON_DATA_DIR", Files.createTempDirectory("baton-pool").toString(),
                "BATON_DATABASE_URL", TestPostgres.urlOf(database),
                "BATON_ADMIN_TOKEN", TOKEN,
                "BATON_DATABASE_POOL_SIZE", String.valueOf(POOL)),
            List.of());
    Baton baton =
        Baton.start(config, Clock.systemUTC())
            .toCompletionStage()
            .toCompletableFuture()
            .get(120, TimeUnit.SECONDS);
    ExecutorService clients = Executors.newFixedThreadPool(32);
    AtomicBoolean sampling = new AtomicBoolean(true);
    AtomicInteger most = new AtomicInteger();
    CompletableFuture<Void> sampler =
        CompletableFuture.runAsync(() -> sample(database, sampling, most));
    try {
      GraphqlClient client = new GraphqlClient(baton.port(), TOKEN);
      AtomicInteger waves = new AtomicInteger();
      // Waves of 64 requests at once, each reading the database, until the pool has been seen full
      // and at least five waves have been sent.
      Poll.until(
          () -> {
            List<CompletableFuture<?>> wave = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
              wave.add(
                  CompletableFuture.runAsync(
                      () ->
                          client.data("{ releases(first: 20) { nodes { id } } products { name } }"),
                      clients));
            }
            CompletableFuture.allOf(wave.toArray(CompletableFuture[]::new)).join();
            waves.incrementAndGet();
            return most.get();
          },
          seen -> seen >= POOL && waves.get() >= 5,
          Duration.ofSeconds(60),
          "the pool to be seen full");

      assertThat(most.get()).isEqualTo(POOL);
    } finally {
      sampling.set(false);
      sampler.join();
      clients.shutdownNow();
      baton.close();
    }
  }

  /**
   * Counts, as often as it can, the database's sessions other than its own and the two LISTEN
   * sessions each instance keeps outside its pool; keeps the most seen.
   */
  private static void sample(DatabaseUrl database, AtomicBoolean sampling, AtomicInteger most) {
    try (Connection c =
            DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement s = c.createStatement()) {
      while (sampling.get()) {
        try (ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
                    + " AND query NOT LIKE 'LISTEN%'")) {
          rs.next();
          most.accumulateAndGet(rs.getInt(1), Math::max);
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
