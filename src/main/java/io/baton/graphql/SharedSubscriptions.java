package io.baton.graphql;

import graphql.ExecutionResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * One execution per {@link SubscriptionKey}, shared by every subscriber with that key: each event
 * is executed once and serialized once, and each subscriber is handed the same payload text to
 * write. A subscriber that leaves is only taken off the list; the execution stops when the last one
 * has left, and a later subscriber with the key starts a new one.
 *
 * <p>The execution runs as its first subscriber (its key holds the caller's role: what it reads,
 * every other subscriber with the key may read). Should it not start a stream (an error at once),
 * each subscriber runs its own instead, so that the errors each gets are its own.
 */
final class SharedSubscriptions {
  /** A subscriber of a shared execution. Called from any thread: it moves the call to its own. */
  interface Member {
    /** {@code cursor}: the event's, whatever the selection asks for. */
    void next(String payload, String cursor);

    void error(List<?> errors);

    void complete();

    /** The shared execution gave no stream: run this subscription on its own. */
    void runAlone();
  }

  private final Map<SubscriptionKey, Upstream> upstreams = new HashMap<>();
  private final Runnable executed;

  /** {@code executed}: told of each event executed (once per execution, not per subscriber). */
  SharedSubscriptions(Runnable executed) {
    this.executed = executed;
  }

  /**
   * Adds {@code member} to the key's execution, started with {@code start} (handed the tap that
   * tells each result's event) if there is none running. Returns what takes the member off again.
   */
  Runnable join(
      SubscriptionKey key,
      Member member,
      Function<EventTap, CompletionStage<ExecutionResult>> start) {
    Upstream upstream;
    boolean created = false;
    synchronized (this) {
      upstream = upstreams.get(key);
      if (upstream == null) {
        upstream = new Upstream(key);
        upstreams.put(key, upstream);
        created = true;
      }
      upstream.members.add(member);
    }
    if (created) {
      Upstream started = upstream;
      start.apply(started.tap).whenComplete(started::started);
    }
    Upstream joined = upstream;
    return () -> joined.leave(member);
  }

  /** Executions streaming now: each has its event stream (its subscriber on the event feed). */
  synchronized int executions() {
    return (int) upstreams.values().stream().filter(u -> u.subscription != null).count();
  }

  /** One execution and its subscribers; its members are guarded by the registry's lock. */
  private final class Upstream implements Subscriber<ExecutionResult> {
    private final SubscriptionKey key;
    private final Set<Member> members = new LinkedHashSet<>();
    private final EventTap tap = new EventTap();
    private Subscription subscription;
    private boolean ended;

    Upstream(SubscriptionKey key) {
      this.key = key;
    }

    void started(ExecutionResult result, Throwable failure) {
      if (failure == null
          && result.getErrors().isEmpty()
          && result.getData() instanceof Publisher<?> publisher) {
        @SuppressWarnings("unchecked")
        Publisher<ExecutionResult> stream = (Publisher<ExecutionResult>) publisher;
        stream.subscribe(this);
        return;
      }
      end().forEach(Member::runAlone);
    }

    @Override
    public void onSubscribe(Subscription subscription) {
      boolean abandoned;
      synchronized (SharedSubscriptions.this) {
        this.subscription = subscription;
        abandoned = ended;
      }
      if (abandoned) {
        subscription.cancel();
      } else {
        subscription.request(1);
      }
    }

    /**
     * Hands the payload to every member, then asks for the next event at once: members do not hold
     * the others back; one that does not take what it is sent is closed by its socket's backlog.
     */
    @Override
    public void onNext(ExecutionResult result) {
      executed.run();
      String cursor = tap.nextCursor();
      String payload = Frames.payload(result);
      List<Member> now;
      synchronized (SharedSubscriptions.this) {
        now = List.copyOf(members);
      }
      now.forEach(m -> m.next(payload, cursor));
      subscription.request(1);
    }

    @Override
    public void onError(Throwable failure) {
      List<?> errors = (List<?>) Errors.requestError(failure).get("errors");
      end().forEach(m -> m.error(errors));
    }

    @Override
    public void onComplete() {
      end().forEach(Member::complete);
    }

    /** Takes this execution out of the registry; returns the members it had. */
    private List<Member> end() {
      synchronized (SharedSubscriptions.this) {
        ended = true;
        upstreams.remove(key, this);
        List<Member> had = new ArrayList<>(members);
        members.clear();
        return had;
      }
    }

    void leave(Member member) {
      Subscription toCancel = null;
      synchronized (SharedSubscriptions.this) {
        if (!members.remove(member) || !members.isEmpty()) {
          return;
        }
        ended = true;
        upstreams.remove(key, this);
        toCancel = subscription;
      }
      if (toCancel != null) {
        toCancel.cancel();
      }
    }
  }
}
