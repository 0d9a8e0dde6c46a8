package io.baton.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionResultImpl;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;

/** The hand-over from a subscription's own replay to the shared execution, in every order. */
class ReplayThenSharedTest {
  private final List<String> written = new ArrayList<>();
  private boolean completed;
  private boolean ownCancelled;

  private final OperationOutput out =
      new OperationOutput() {
        @Override
        public void onContext(Runnable task) {
          task.run();
        }

        @Override
        public boolean current() {
          return true;
        }

        @Override
        public Future<Void> next(String payload) {
          written.add(new JsonObject(payload).getJsonObject("data").getString("e"));
          return Future.succeededFuture();
        }

        @Override
        public void error(List<?> errors) {}

        @Override
        public void complete() {
          completed = true;
        }
      };

  private ReplayThenShared replayingAfter(int event) {
    ReplayThenShared replay = new ReplayThenShared(out, cursor(event), () -> {});
    replay.onSubscribe(
        new Subscription() {
          @Override
          public void request(long n) {}

          @Override
          public void cancel() {
            ownCancelled = true;
          }
        });
    return replay;
  }

  private static String cursor(int event) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("e:" + event + ":" + event).getBytes(StandardCharsets.UTF_8));
  }

  private static void own(ReplayThenShared replay, int event) {
    replay.ownTap().record(cursor(event));
    replay.onNext(
        ExecutionResultImpl.newExecutionResult().data(Map.of("e", "own " + event)).build());
  }

  private static void shared(ReplayThenShared replay, int event) {
    replay.next("{\"data\":{\"e\":\"shared " + event + "\"}}", cursor(event));
  }

  @Test
  void hands_over_when_the_shared_execution_reaches_the_last_event_written() {
    ReplayThenShared replay = replayingAfter(0);
    own(replay, 1);
    own(replay, 2);
    shared(replay, 2);
    shared(replay, 3);
    own(replay, 3);

    assertThat(written).containsExactly("own 1", "own 2", "shared 3");
    assertThat(ownCancelled).isTrue();
  }

  @Test
  void hands_over_when_the_replay_reaches_what_the_shared_execution_sent_ahead() {
    ReplayThenShared replay = replayingAfter(0);
    shared(replay, 3);
    shared(replay, 4);
    own(replay, 1);
    own(replay, 2);
    own(replay, 3);
    own(replay, 4);
    shared(replay, 5);

    assertThat(written).containsExactly("own 1", "own 2", "shared 3", "shared 4", "shared 5");
    assertThat(ownCancelled).isTrue();
  }

  @Test
  void never_writes_what_the_shared_execution_sends_up_to_the_cursor() {
    ReplayThenShared replay = replayingAfter(5);
    shared(replay, 4);
    shared(replay, 5);
    shared(replay, 6);
    own(replay, 6);

    assertThat(written).containsExactly("shared 6");
  }

  @Test
  void goes_on_alone_when_the_shared_execution_ends_before_the_hand_over() {
    ReplayThenShared replay = replayingAfter(0);
    shared(replay, 2);
    replay.complete();
    own(replay, 1);
    own(replay, 2);
    own(replay, 3);
    replay.onComplete();

    assertThat(written).containsExactly("own 1", "own 2", "own 3");
    assertThat(ownCancelled).isFalse();
    assertThat(completed).isTrue();
  }
}
