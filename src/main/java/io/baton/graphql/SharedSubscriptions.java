package io.baton.graphql;

import graphql.ExecutionResult;
import io.vertx.core.Context;
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
 * <p>Subscribers that tell their event loop are handed each event by one task per event loop, run
 * there, not by one task each: with thousands of subscribers of one product, the writes of an event
 * run on every event loop at once and cost each subscriber only its write. Events that arrive while
 * a loop's task waits to run join it.
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

    /**
     * The event loop the member writes on, as a context that every member on that loop gives alike;
     * null when the member moves each call to its own context itself.
     */
    default Context loop() {
      return null;
    }

    /**
     * {@link #next}, called on the member's {@link #loop}, with the event's messages as the loop's
     * members share them.
     */
    default void nextOnLoop(Frames.Next frames, String cursor) {
      next(frames.payload(), cursor);
    }

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
      upstream.add(member);
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

    /** The members that tell their event loop, by it; the others are handed events one by one. */
    private final Map<Context, Loop> loops = new HashMap<>();

    private final Set<Member> alone = new LinkedHashSet<>();
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
      List<Loop> byLoop = new ArrayList<>();
      List<Member> oneByOne;
      synchronized (SharedSubscriptions.this) {
        loops.values().forEach(loop -> byLoop.add(loop.event(payload, cursor)));
        oneByOne = List.copyOf(alone);
      }
      byLoop.forEach(Loop::schedule);
      oneByOne.forEach(m -> m.next(payload, cursor));
      subscription.request(1);
    }

    /** Guarded by the registry's lock. */
    private void add(Member member) {
      members.add(member);
      Context context = member.loop();
      if (context == null) {
        alone.add(member);
      } else {
        loops.computeIfAbsent(context, Loop::new).members.add(member);
      }
    }

    /** Guarded by the registry's lock; whether it was a member. */
    private boolean remove(Member member) {
      if (!members.remove(member)) {
        return false;
      }
      Context context = member.loop();
      Loop loop = context == null ? null : loops.get(context);
      if (loop == null) {
        alone.remove(member);
      } else if (loop.members.remove(member) && loop.members.isEmpty()) {
        loops.remove(context);
      }
      return true;
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
        loops.clear();
        alone.clear();
        return had;
      }
    }

    void leave(Member member) {
      Subscription toCancel = null;
      synchronized (SharedSubscriptions.this) {
        if (!remove(member) || !members.isEmpty()) {
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

  /** An event handed to a loop's members: the members it had when the event came. */
  private record Event(String payload, String cursor, List<Member> members) {}

  /**
   * The members of one execution on one event loop, and the events waiting for the loop's task: one
   * task hands them all to every member, in order.
   */
  private final class Loop {
    private final Context context;

    /** Guarded by the registry's lock. */
    private final Set<Member> members = new LinkedHashSet<>();

    /** Guarded by this loop, as is whether a task is due to hand them over. */
    private List<Event> waiting = new ArrayList<>();

    private boolean scheduled;

    Loop(Context context) {
      this.context = context;
    }

    /** Called under the registry's lock: adds the event for the members the loop has now. */
    Loop event(String payload, String cursor) {
      Event event = new Event(payload, cursor, List.copyOf(members));
      synchronized (this) {
        waiting.add(event);
      }
      return this;
    }

    /** Makes sure a task runs on the loop for what waits (one, however many events wait). */
    void schedule() {
      synchronized (this) {
        if (waiting.isEmpty() || scheduled) {
          return;
        }
        scheduled = true;
      }
      context.runOnContext(v -> deliver());
    }

    private void deliver() {
      List<Event> events;
      synchronized (this) {
        events = waiting;
        waiting = new ArrayList<>();
        scheduled = false;
      }
      for (Event event : events) {
        Frames.Next frames = new Frames.Next(event.payload());
        for (Member member : event.members()) {
          member.nextOnLoop(frames, event.cursor());
        }
      }
    }
  }
}
