package io.baton.release;

import io.baton.db.Coalescer;
import io.baton.release.ReleaseTransactions.Change;
import io.vertx.core.Future;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes steps' outcomes in batches: outcomes that arrive while {@link #MAX_CONCURRENT_WRITES}
 * batches are being written wait and go together in the next transaction, up to {@link #MAX_BATCH}
 * of them. Each batch, written or not, is handed to {@code written} afterwards.
 */
final class StepOutcomes {
  private static final Logger LOG = LoggerFactory.getLogger(StepOutcomes.class);
  private static final int MAX_BATCH = 256;
  private static final int MAX_CONCURRENT_WRITES = 2;

  private final ReleaseTransactions transactions;
  private final Consumer<List<Completion>> written;
  private final Coalescer<Completion, Void> outcomes =
      new Coalescer<>(MAX_BATCH, MAX_CONCURRENT_WRITES, this::write);

  StepOutcomes(ReleaseTransactions transactions, Consumer<List<Completion>> written) {
    this.transactions = transactions;
    this.written = written;
  }

  void add(Completion completion) {
    outcomes.submit(completion);
  }

  private Future<Void> write(List<Coalescer.Request<Completion, Void>> requests) {
    List<Completion> batch = requests.stream().map(Coalescer.Request::input).toList();
    Set<Long> products = new HashSet<>();
    Set<Long> releases = new HashSet<>();
    batch.forEach(
        c -> {
          products.add(c.work().productId());
          releases.add(c.work().releaseId());
        });
    return transactions
        .change(
            products,
            releases,
            (change, runs) -> {
              for (Completion c : batch) {
                apply(change, runs.get(c.work().releaseId()), c);
              }
              return Future.<Void>succeededFuture();
            })
        .transform(
            result -> {
              if (result.failed()) {
                LOG.error(
                    "writing {} step outcomes failed; their leases will run out and they will run again",
                    batch.size(),
                    result.cause());
              }
              requests.forEach(request -> request.complete(null));
              written.accept(batch);
              return Future.<Void>succeededFuture();
            });
  }

  private static void apply(Change change, ReleaseRun run, Completion c) {
    if (run != null && !c.applyTo(run, change.now)) {
      LOG.debug("ignoring the late outcome of {}", c.work().idempotencyKey());
    }
  }
}
