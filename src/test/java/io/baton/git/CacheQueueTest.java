package io.baton.git;

import static io.baton.git.GitFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.testing.Poll;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work queue of one cached remote ({@link GitRepositories#run}): one piece of work at a time,
 * in the order asked for, and a burst of work (300 pins of one shared repository) runs back to back
 * on worker threads, never waiting between one piece and the next for an event loop that may be
 * busy answering the requests that asked for it.
 */
class CacheQueueTest {
  @TempDir Path temp;

  private Vertx vertx;
  private GitRepositories repositories;
  private String url;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    GitFixture git = new GitFixture(temp);
    url = GitFixture.url(git.bare("shared", Map.of("dev/values.yaml", "tag: 1\n")));
    repositories = git.repositories(vertx, "cache", Duration.ofSeconds(10));
  }

  @AfterEach
  void tearDown() {
    repositories.close();
    await(vertx.close());
  }

  @Test
  void work_queued_on_a_busy_remote_runs_while_the_event_loop_that_asked_for_it_is_busy()
      throws Exception {
    AtomicInteger ran = new AtomicInteger();
    CompletableFuture<Integer> ranWhileBusy = new CompletableFuture<>();
    vertx.runOnContext(
        v -> {
          for (int i = 0; i < 3; i++) {
            repositories.run(url, repo -> ran.incrementAndGet());
          }
          // This event loop stays busy until all three ran, or for 5 s.
          try {
            Poll.until(ran::get, n -> n == 3, Duration.ofSeconds(5), "three pieces of work");
          } catch (AssertionError e) {
            // what ran is compared below
          }
          ranWhileBusy.complete(ran.get());
        });

    assertThat(ranWhileBusy.get(30, TimeUnit.SECONDS)).isEqualTo(3);
  }

  @Test
  void work_on_one_remote_runs_one_piece_at_a_time_in_the_order_asked_for_and_answers_each()
      throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int n = i;
      answers.add(
          repositories.run(
              url,
              repo -> {
                if (running.incrementAndGet() > 1) {
                  overlaps.incrementAndGet();
                }
                order.add(n);
                running.decrementAndGet();
                if (n % 7 == 0) {
                  throw new IllegalStateException("piece " + n + " fails alone");
                }
                return n;
              }));
    }
    await(Future.join(answers).otherwise(v -> null));

    assertThat(overlaps.get()).isZero();
    for (int i = 0; i < 200; i++) {
      assertThat(order.get(i)).isEqualTo(i);
      Future<Integer> answer = answers.get(i);
      if (i % 7 == 0) {
        assertThat(answer.cause()).hasMessage("piece " + i + " fails alone");
      } else {
        assertThat(answer.result()).isEqualTo(i);
      }
    }
  }

  @Test
  void work_asked_for_once_vertx_has_closed_fails_instead_of_waiting_forever() {
    await(vertx.close());

    Future<Integer> answer = repositories.run(url, repo -> 1);

    assertThatThrownBy(
            () -> answer.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
  }
}
