package io.baton.graphql;

import graphql.schema.DataFetchingEnvironment;
import io.baton.release.EventFeed;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The cursors of the events a subscription's execution is handed, in order, so that each result can
 * be told which event it is: its selection need not ask for the cursor. A subscription is executed
 * one event at a time (the next is asked for once a result is out), so the n-th result is of the
 * n-th event.
 */
final class EventTap {
  private final Queue<String> cursors = new ConcurrentLinkedQueue<>();

  /** An event handed to the execution. */
  void record(String cursor) {
    cursors.add(cursor);
  }

  /** The cursor of the event whose result comes next. */
  String nextCursor() {
    return cursors.poll();
  }

  /** {@code events}, recorded by the execution's tap if it has one. */
  static Publisher<EventFeed.ReleaseEvent> tapped(
      DataFetchingEnvironment env, Publisher<EventFeed.ReleaseEvent> events) {
    EventTap tap = env.getGraphQlContext().get(EventTap.class);
    return tap == null ? events : tap.recording(events);
  }

  private Publisher<EventFeed.ReleaseEvent> recording(Publisher<EventFeed.ReleaseEvent> events) {
    return subscriber ->
        events.subscribe(
            new Subscriber<EventFeed.ReleaseEvent>() {
              @Override
              public void onSubscribe(Subscription subscription) {
                subscriber.onSubscribe(subscription);
              }

              @Override
              public void onNext(EventFeed.ReleaseEvent event) {
                record(event.cursor());
                subscriber.onNext(event);
              }

              @Override
              public void onError(Throwable failure) {
                subscriber.onError(failure);
              }

              @Override
              public void onComplete() {
                subscriber.onComplete();
              }
            });
  }
}
