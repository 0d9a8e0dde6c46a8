package io.baton.graphql;

import graphql.ExecutionResult;
import io.baton.release.EventFeed;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A subscription that replays from a cursor, then joins the shared execution of its live
 * counterpart. It joins first and keeps what the shared execution sends aside, while its own
 * execution replays (and goes on live); once both have reached the same event, it drops its own and
 * writes the shared one's from the event after the last it wrote. Each event is written once, in
 * order: both streams carry the same events in the same order, and each event's cursor tells where
 * a stream is, whatever the selection asks for.
 *
 * <p>If the shared execution ends first (or never starts), its own goes on alone. All state is
 * touched on the socket's event loop.
 */
final class ReplayThenShared implements SharedSubscriptions.Member, Subscriber<ExecutionResult> {
  private record Held(String payload, String cursor) {}

  private final OperationOutput out;
  private final EventTap ownTap = new EventTap();
  private final Runnable executed;
  private final Queue<Held> held = new ArrayDeque<>();
  private Runnable leaveShared = () -> {};
  private Subscription own;
  private String last;
  private boolean switched;
  private boolean sharedGone;

  /** {@code after}: the cursor replayed from; {@code executed}: told of each own execution. */
  ReplayThenShared(OperationOutput out, String after, Runnable executed) {
    this.out = out;
    this.last = after;
    this.executed = executed;
  }

  EventTap ownTap() {
    return ownTap;
  }

  void joined(Runnable leaveShared) {
    this.leaveShared = leaveShared;
  }

  /** The own execution's first result: its stream, or errors that end the operation. */
  void started(ExecutionResult result, Throwable failure) {
    out.onContext(
        () -> {
          if (!out.current()) {
            return;
          }
          if (failure != null) {
            endWith(() -> out.error((List<?>) Errors.requestError(failure).get("errors")));
          } else if (result.getData() instanceof Publisher<?> publisher
              && result.getErrors().isEmpty()) {
            @SuppressWarnings("unchecked")
            Publisher<ExecutionResult> stream = (Publisher<ExecutionResult>) publisher;
            stream.subscribe(this);
          } else {
            endWith(() -> out.error(result.getErrors().stream().map(Errors::toJson).toList()));
          }
        });
  }

  void cancel() {
    leaveShared.run();
    if (own != null) {
      own.cancel();
    }
  }

  private void endWith(Runnable last) {
    leaveShared.run();
    last.run();
  }

  // The own execution.

  @Override
  public void onSubscribe(Subscription subscription) {
    out.onContext(
        () -> {
          own = subscription;
          if (!out.current() || switched) {
            subscription.cancel();
          } else {
            subscription.request(1);
          }
        });
  }

  @Override
  public void onNext(ExecutionResult result) {
    executed.run();
    String cursor = ownTap.nextCursor();
    String payload = Frames.payload(result);
    out.onContext(
        () -> {
          if (!out.current() || switched) {
            return;
          }
          Held next = held.peek();
          if (next != null && EventFeed.compareCursors(cursor, next.cursor()) >= 0) {
            switchOver();
            return;
          }
          last = cursor;
          out.next(payload).onComplete(w -> own.request(1));
        });
  }

  @Override
  public void onError(Throwable failure) {
    out.onContext(
        () -> {
          if (out.current() && !switched) {
            endWith(() -> out.error((List<?>) Errors.requestError(failure).get("errors")));
          }
        });
  }

  @Override
  public void onComplete() {
    out.onContext(
        () -> {
          if (out.current() && !switched) {
            endWith(out::complete);
          }
        });
  }

  // The shared execution.

  @Override
  public void next(String payload, String cursor) {
    out.onContext(
        () -> {
          if (!out.current() || sharedGone) {
            return;
          }
          if (switched) {
            out.next(payload);
            return;
          }
          int order = EventFeed.compareCursors(cursor, last);
          if (order == 0) {
            switchOver();
          } else if (order > 0) {
            held.add(new Held(payload, cursor));
          }
        });
  }

  /**
   * Both streams stand at the same event: the shared one's held events are those after the last own
   * one written.
   */
  private void switchOver() {
    switched = true;
    if (own != null) {
      own.cancel();
    }
    held.forEach(h -> out.next(h.payload()));
    held.clear();
  }

  @Override
  public void error(List<?> errors) {
    out.onContext(
        () -> {
          if (out.current() && switched) {
            out.error(errors);
          }
          sharedGone = true;
          held.clear();
        });
  }

  @Override
  public void complete() {
    out.onContext(
        () -> {
          if (out.current() && switched) {
            out.complete();
          }
          sharedGone = true;
          held.clear();
        });
  }

  @Override
  public void runAlone() {
    out.onContext(
        () -> {
          sharedGone = true;
          held.clear();
        });
  }
}
