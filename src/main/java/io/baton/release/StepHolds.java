package io.baton.release;

import io.baton.db.Coalescer;
import io.baton.line.LineService;
import io.baton.line.LineState;
import io.baton.line.Verdict;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Judges claimed steps by line control just before their actions, many at once: the line's state is
 * read once per batch, the steps' subjects in one statement. A step that is held is written
 * SUSPENDED instead of acting ({@link Completion#held}).
 */
final class StepHolds {
  private static final int MAX_BATCH = 256;
  private static final int MAX_CONCURRENT_READS = 2;

  /** A step's verdict, with the line's version it was reached at. */
  record Judged(Verdict verdict, long lineVersion) {}

  private final Pool pool;
  private final ReleaseRepository repository;
  private final LineService line;
  private final Clock clock;
  private final Coalescer<Work, Judged> checks =
      new Coalescer<>(MAX_BATCH, MAX_CONCURRENT_READS, this::judge);

  StepHolds(Pool pool, ReleaseRepository repository, LineService line, Clock clock) {
    this.pool = pool;
    this.repository = repository;
    this.line = line;
    this.clock = clock;
  }

  Future<Judged> judge(Work work) {
    return checks.submit(work);
  }

  private Future<Void> judge(List<Coalescer.Request<Work, Judged>> batch) {
    List<Work> work = batch.stream().map(Coalescer.Request::input).toList();
    // The state first: a subject read after it may only be newer, never judged by an older line.
    return line.state()
        .compose(
            state ->
                state.holds().isEmpty()
                    ? Future.succeededFuture(free(batch, state))
                    : pool.withConnection(sql -> repository.holdSubjects(sql, work))
                        .map(
                            subjects -> {
                              complete(batch, state, subjects);
                              return null;
                            }));
  }

  /** Nothing holds any step: the steps need not be read. */
  private static Void free(List<Coalescer.Request<Work, Judged>> batch, LineState state) {
    batch.forEach(request -> request.complete(new Judged(Verdict.FREE, state.version())));
    return null;
  }

  private void complete(
      List<Coalescer.Request<Work, Judged>> batch,
      LineState state,
      Map<String, ReleaseRepository.HeldStep> subjects) {
    Instant now = clock.instant();
    for (Coalescer.Request<Work, Judged> request : batch) {
      ReleaseRepository.HeldStep step = subjects.get(ClaimedStep.key(request.input()));
      Verdict verdict = step == null ? Verdict.FREE : state.verdict(step.subject(), now);
      request.complete(new Judged(verdict, state.version()));
    }
  }
}
