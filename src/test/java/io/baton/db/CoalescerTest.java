package io.baton.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Group-commit batching: alone when idle, together when busy, and every request answered exactly
 * once.
 */
class CoalescerTest {
  private final List<List<Integer>> batches = new ArrayList<>();
  private final List<Promise<Void>> pending = new ArrayList<>();

  /** Work that answers each request with twice its input once the test lets its batch finish. */
  private Coalescer<Integer, Integer> coalescer(int maxBatch, int maxInFlight) {
    return new Coalescer<>(
        maxBatch,
        maxInFlight,
        batch -> {
          batches.add(batch.stream().map(Coalescer.Request::input).toList());
          Promise<Void> done = Promise.promise();
          pending.add(done);
          return done.future().onSuccess(v -> batch.forEach(r -> r.complete(r.input() * 2)));
        });
  }

  @Test
  void an_idle_coalescer_carries_a_request_out_alone_and_at_once() {
    Coalescer<Integer, Integer> c = coalescer(10, 1);
    Future<Integer> answer = c.submit(21);
    assertThat(batches).containsExactly(List.of(21));
    pending.get(0).complete();
    assertThat(answer.result()).isEqualTo(42);
  }

  @Test
  void requests_that_arrive_while_a_batch_is_under_way_go_together_next_up_to_the_batch_size() {
    Coalescer<Integer, Integer> c = coalescer(3, 1);
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      answers.add(c.submit(i));
    }
    assertThat(batches).containsExactly(List.of(1));
    pending.get(0).complete();
    assertThat(batches).containsExactly(List.of(1), List.of(2, 3, 4));
    pending.get(1).complete();
    assertThat(batches).containsExactly(List.of(1), List.of(2, 3, 4), List.of(5, 6));
    pending.get(2).complete();
    assertThat(answers).extracting(Future::result).containsExactly(2, 4, 6, 8, 10, 12);
  }

  @Test
  void up_to_max_in_flight_batches_run_side_by_side() {
    Coalescer<Integer, Integer> c = coalescer(10, 2);
    c.submit(1);
    c.submit(2);
    c.submit(3);
    c.submit(4);
    assertThat(batches).containsExactly(List.of(1), List.of(2));
    pending.get(1).complete();
    assertThat(batches).containsExactly(List.of(1), List.of(2), List.of(3, 4));
  }

  @Test
  void a_failed_batch_fails_the_requests_it_did_not_answer_and_keeps_those_it_did() {
    Coalescer<Integer, Integer> busy =
        new Coalescer<>(
            10,
            1,
            batch -> {
              batch.get(0).complete(0);
              if (batch.size() > 1) {
                batch
                    .get(1)
                    .fail(new IllegalArgumentException("bad input " + batch.get(1).input()));
                return Future.failedFuture(new IllegalStateException("the database went away"));
              }
              Promise<Void> later = Promise.promise();
              pending.add(later);
              return later.future();
            });
    busy.submit(0);
    Future<Integer> kept = busy.submit(1);
    Future<Integer> refused = busy.submit(2);
    Future<Integer> lost = busy.submit(3);
    pending.get(0).complete();
    assertThat(kept.result()).isEqualTo(0);
    assertThat(refused.cause()).hasMessage("bad input 2");
    assertThat(lost.cause()).hasMessage("the database went away");
  }

  @Test
  void work_that_throws_fails_its_batch_and_the_next_batch_still_runs() {
    List<Integer> seen = new ArrayList<>();
    Coalescer<Integer, Integer> c =
        new Coalescer<>(
            10,
            1,
            batch -> {
              seen.add(batch.get(0).input());
              if (batch.get(0).input() == 1) {
                throw new IllegalStateException("boom");
              }
              batch.forEach(r -> r.complete(r.input()));
              return Future.succeededFuture();
            });
    assertThat(c.submit(1).cause()).hasMessage("boom");
    assertThat(c.submit(2).result()).isEqualTo(2);
    assertThat(seen).containsExactly(1, 2);
  }

  @Test
  void a_batch_that_forgets_a_request_fails_it_rather_than_leaving_it_waiting() {
    Coalescer<Integer, Integer> c = new Coalescer<>(10, 1, batch -> Future.succeededFuture());
    assertThat(c.submit(1).cause()).hasMessageContaining("unanswered");
  }
}
