package io.baton.release;

import io.baton.product.Concurrency;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which release of a product runs, free of I/O: a product's active (QUEUED, RUNNING, SUSPENDED)
 * releases in the order they were created, and the rules that say whether a new release starts or
 * queues, which release starts once one ends, and whether a release may be retried. The engine and
 * {@link ReleaseService} gather these facts, ask, and write what the answer says.
 */
record ProductLine(List<Active> active) {

  /** One active release of the product. */
  record Active(long releaseId, ReleaseStatus status) {}

  /** What a new release does on arrival. */
  sealed interface Admission {
    ReleaseStatus status();

    /** The releases the new one ends, each with {@link #message()}. */
    List<Long> replaced();

    String message();

    /** The new release runs at once, ending {@code replaced} (a TERMINATE product's others). */
    record Start(List<Long> replaced, String message) implements Admission {
      @Override
      public ReleaseStatus status() {
        return ReleaseStatus.RUNNING;
      }
    }

    /** The new release waits as QUEUED behind {@code behind} (a QUEUE product's oldest active). */
    record Queue(long behind) implements Admission {
      @Override
      public ReleaseStatus status() {
        return ReleaseStatus.QUEUED;
      }

      @Override
      public List<Long> replaced() {
        return List.of();
      }

      @Override
      public String message() {
        return null;
      }
    }
  }

  ProductLine {
    active = List.copyOf(active);
  }

  static ProductLine empty() {
    return new ProductLine(List.of());
  }

  /** The line of a product's active releases, by id in the order given. */
  static ProductLine of(Map<Long, ReleaseStatus> statuses) {
    List<Active> active = new ArrayList<>();
    statuses.forEach((id, status) -> active.add(new Active(id, status)));
    return new ProductLine(active);
  }

  /**
   * A new release of a product with the given policy: QUEUE waits behind the oldest active release,
   * TERMINATE replaces every active one; with none active it starts.
   */
  Admission admit(Concurrency concurrency, long release) {
    if (active.isEmpty()) {
      return new Admission.Start(List.of(), null);
    }
    if (concurrency == Concurrency.QUEUE) {
      return new Admission.Queue(active.get(0).releaseId());
    }
    return new Admission.Start(
        active.stream().map(Active::releaseId).toList(),
        "terminated: replaced by release " + release);
  }

  /** The line once {@code release} has been admitted as {@code admission} says. */
  ProductLine admitted(long release, Admission admission) {
    List<Active> after = new ArrayList<>();
    active.stream().filter(a -> !admission.replaced().contains(a.releaseId())).forEach(after::add);
    after.add(new Active(release, admission.status()));
    return new ProductLine(after);
  }

  /**
   * The queued release to start now that others have ended: the oldest QUEUED one, unless a release
   * of the product still runs (or is suspended).
   */
  Optional<Long> next() {
    if (active.stream().anyMatch(a -> a.status() != ReleaseStatus.QUEUED)) {
      return Optional.empty();
    }
    return active.stream()
        .filter(a -> a.status() == ReleaseStatus.QUEUED)
        .map(Active::releaseId)
        .findFirst();
  }

  /**
   * Why {@code release}, now {@code status}, may not be retried (a conflict), or empty when it may:
   * only a FAILED or TERMINATED release, and only while no other release of its product is active.
   */
  Optional<String> retryRefusal(long release, ReleaseStatus status) {
    if (status != ReleaseStatus.FAILED && status != ReleaseStatus.TERMINATED) {
      return Optional.of(
          "release "
              + release
              + " is "
              + status
              + "; only a FAILED or TERMINATED release can be retried");
    }
    return active.stream()
        .filter(a -> a.releaseId() != release)
        .findFirst()
        .map(
            other ->
                "release "
                    + other.releaseId()
                    + " of the same product is still in progress; retry release "
                    + release
                    + " once it has ended");
  }
}
