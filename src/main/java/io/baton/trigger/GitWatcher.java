package io.baton.trigger;

import io.baton.audit.Audit;
import io.baton.error.BatonException;
import io.baton.git.BranchLooks;
import io.baton.product.GitTriggerSelector;
import io.baton.product.ProductFlowTrigger;
import io.baton.release.ReleaseService;
import io.baton.release.TriggerSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts releases by itself: every interval (and whenever a push wakes it) it looks at the trigger
 * applications of the products' automatic flows, asking each remote once whatever the number of
 * applications on it, and acts on what each look found ({@link Decision}). The commit it dealt with
 * last is kept per application in the database, so a restart or a second instance carries on from
 * there; the database's {@code release_trigger_once} index is what guarantees that a commit starts
 * at most one release per product and flow.
 */
public final class GitWatcher implements Wakeup {
  private static final Logger LOG = LoggerFactory.getLogger(GitWatcher.class);

  private final Vertx vertx;
  private final Pool pool;
  private final BranchLooks looks;
  private final ReleaseService releases;
  private final Duration interval;
  private final Passes passes = new Passes(this::pass);
  private long timer = -1;

  public GitWatcher(
      Vertx vertx, Pool pool, BranchLooks looks, ReleaseService releases, Duration interval) {
    this.vertx = vertx;
    this.pool = pool;
    this.looks = looks;
    this.releases = releases;
    this.interval = interval;
  }

  /** Looks now, then every interval. */
  public synchronized void start() {
    if (timer < 0) {
      timer = vertx.setPeriodic(0, interval.toMillis(), id -> lookAtAll());
    }
  }

  /**
   * Stops the interval's passes; completes once a pass already under way has run, so that nothing
   * it saw acts after this future.
   */
  public synchronized Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    return passes.idle();
  }

  /** A pass over every remote; completes once it has run. */
  public Future<Void> lookAtAll() {
    return passes.submit(null);
  }

  @Override
  public void wake(PushNotice notice) {
    lookAt(notice);
  }

  /**
   * A pass over the watched repositories the notice names, under any spelling of their URLs;
   * completes once it has run. It reads the repositories: nothing of the notice but their names is
   * used.
   */
  public Future<Void> lookAt(PushNotice notice) {
    Set<String> remotes =
        notice.repositoryUrls().stream().map(RepoUrls::normalize).collect(Collectors.toSet());
    return remotes.isEmpty() ? Future.succeededFuture() : passes.submit(remotes);
  }

  /** One pass: what is watched, then each remote (in parallel), each fetched once. */
  private Future<Void> pass(Set<String> remotes) {
    return pool.query(WatchSql.WATCHED)
        .execute()
        .map(GitWatcher::watched)
        .compose(apps -> lookAt(byRemote(apps, remotes)))
        .onFailure(failure -> LOG.warn("the Git watcher's pass failed: {}", failure.toString()));
  }

  private Future<Void> lookAt(Map<String, List<WatchedApplication>> byRemote) {
    List<Future<Void>> remotes = new ArrayList<>();
    byRemote.values().forEach(apps -> remotes.add(lookAtRemote(apps)));
    return Future.join(remotes).<Void>mapEmpty().recover(failure -> Future.succeededFuture());
  }

  private Future<Void> lookAtRemote(List<WatchedApplication> apps) {
    List<BranchLooks.Watch> watches =
        apps.stream()
            .map(app -> new BranchLooks.Watch(app.branch(), app.path(), app.lastCommit()))
            .toList();
    return looks
        .look(apps.get(0).repoUrl(), watches)
        .compose(found -> actOnAll(apps, found))
        .onFailure(
            failure ->
                LOG.warn(
                    "the Git watcher could not look at {}: {}",
                    apps.get(0).remote(),
                    failure.getMessage()));
  }

  private Future<Void> actOnAll(List<WatchedApplication> apps, List<BranchLooks.Look> found) {
    List<Future<Void>> acts = new ArrayList<>();
    for (int i = 0; i < apps.size(); i++) {
      acts.add(act(apps.get(i), Decision.of(apps.get(i), found.get(i))));
    }
    return Future.join(acts).mapEmpty();
  }

  private Future<Void> act(WatchedApplication app, Decision decision) {
    if (decision instanceof Decision.Baseline baseline) {
      return pool.preparedQuery(WatchSql.BASELINE)
          .execute(Tuple.of(app.applicationId(), app.source(), baseline.head()))
          .mapEmpty();
    }
    if (decision instanceof Decision.Skip skip) {
      LOG.debug("{} moved to {}: {}", app.product(), skip.head(), skip.why());
      return advance(app, skip.head());
    }
    if (decision instanceof Decision.Trigger trigger) {
      return stillSince(app)
          .compose(
              still ->
                  still
                      ? start(app, trigger.flow(), trigger.commit())
                          .compose(v -> advance(app, trigger.head()))
                      : Future.succeededFuture());
    }
    return Future.succeededFuture();
  }

  /**
   * Triggers the flow for the commit. A refusal (the commit already started one, the catalog does
   * not allow the release) is final: the commit counts as dealt with. Any other failure leaves it
   * to the next pass.
   */
  private Future<Void> start(WatchedApplication app, ProductFlowTrigger flow, String head) {
    TriggerSource.Commit by = new TriggerSource.Commit(head);
    return releases
        .trigger(
            new ReleaseService.Trigger(flow.flowName(), app.product(), null),
            by,
            Audit.of(
                by.triggeredBy(),
                "autoTrigger",
                Map.of("flow", flow.flowName(), "product", app.product(), "commit", head)))
        .<Void>map(
            release -> {
              LOG.info(
                  "commit {} started release {} of {} for {}",
                  head,
                  release.id(),
                  flow.flowName(),
                  app.product());
              return null;
            })
        .recover(failure -> refusedOrRetried(app, flow, head, failure));
  }

  private static Future<Void> refusedOrRetried(
      WatchedApplication app, ProductFlowTrigger flow, String head, Throwable failure) {
    if (failure instanceof BatonException refused) {
      LOG.info(
          "commit {} did not start {} for {}: {}",
          head,
          flow.flowName(),
          app.product(),
          refused.getMessage());
      return Future.succeededFuture();
    }
    return Future.failedFuture(failure);
  }

  /**
   * Whether the commit seen last is still the one this pass read: if another instance (or pass)
   * moved on meanwhile, it dealt with these commits, and a release started now would come late.
   */
  private Future<Boolean> stillSince(WatchedApplication app) {
    return pool.preparedQuery(WatchSql.LAST_COMMIT)
        .execute(Tuple.of(app.applicationId()))
        .map(
            rows ->
                rows.iterator().hasNext()
                    && app.lastCommit().equals(rows.iterator().next().getString("last_commit")));
  }

  private Future<Void> advance(WatchedApplication app, String head) {
    return pool.preparedQuery(WatchSql.ADVANCE)
        .execute(Tuple.of(app.applicationId(), app.lastCommit(), head))
        .mapEmpty();
  }

  /** The applications of the remotes named (null: all), by remote. */
  private static Map<String, List<WatchedApplication>> byRemote(
      List<WatchedApplication> apps, Set<String> remotes) {
    Map<String, List<WatchedApplication>> byRemote = new LinkedHashMap<>();
    for (WatchedApplication app : apps) {
      String remote = app.remote();
      if (remotes == null || remotes.contains(remote)) {
        byRemote.computeIfAbsent(remote, k -> new ArrayList<>()).add(app);
      }
    }
    return byRemote;
  }

  /** One application per id, with its flows in order (the rows come ordered so). */
  private static List<WatchedApplication> watched(RowSet<Row> rows) {
    Map<Long, List<Row>> byApplication = new LinkedHashMap<>();
    rows.forEach(
        row ->
            byApplication
                .computeIfAbsent(row.getLong("application_id"), k -> new ArrayList<>())
                .add(row));
    List<WatchedApplication> apps = new ArrayList<>();
    byApplication.forEach((id, ofApp) -> apps.add(application(id, ofApp)));
    return apps;
  }

  private static WatchedApplication application(long id, List<Row> rows) {
    Row first = rows.get(0);
    List<ProductFlowTrigger> flows =
        rows.stream()
            .map(
                row ->
                    new ProductFlowTrigger(
                        row.getLong("flow_id"),
                        row.getString("flow_name"),
                        GitTriggerSelector.fromJson(
                            (JsonArray) row.getValue("git_trigger_selectors"))))
            .toList();
    return new WatchedApplication(
        id,
        first.getString("product_name"),
        first.getString("repo_url"),
        first.getString("branch"),
        first.getString("path"),
        first.getString("last_commit"),
        flows);
  }
}
