package io.baton.release;

import io.baton.auth.Principal;
import io.baton.environment.Environment;
import io.baton.environment.EnvironmentService;
import io.baton.error.BatonException;
import io.baton.product.Application;
import io.baton.product.ApplicationService;
import io.baton.product.Product;
import io.baton.product.ProductService;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;

/** Triggering, promoting, terminating and retrying releases, and reading them. */
public final class ReleaseService {
  static final Duration MANUAL_TIMEOUT = Duration.ofHours(24);

  private final Pool pool;
  private final ReleaseRepository repository;
  private final Engine engine;
  private final EventFeed feed;
  private final FlowSnapshots flows;
  private final ProductService products;
  private final EnvironmentService environments;
  private final ApplicationService applications;
  private final SourcePinner pinner;

  ReleaseService(Pool pool, ReleaseRepository repository, Engine engine, EventFeed feed, FlowSnapshots flows,
      ProductService products, EnvironmentService environments, ApplicationService applications, SourcePinner pinner) {
    this.pool = pool;
    this.repository = repository;
    this.engine = engine;
    this.feed = feed;
    this.flows = flows;
    this.products = products;
    this.environments = environments;
    this.applications = applications;
    this.pinner = pinner;
  }

  public record Trigger(String flow, String product, String sourceApplication) {}

  public record Promote(String product, String sourceEnvironment, String targetEnvironment) {}

  public Future<Release> trigger(Trigger input, Principal by) {
    // The flow and the product are looked up at once; a missing flow is still the error reported first.
    Future<FlowSnapshots.FlowSnapshot> flowFound = flows.snapshot(input.flow());
    Future<Product> productFound = products.get(input.product());
    return Future.join(flowFound, productFound)
        .transform(v -> flowFound.failed() ? Future.failedFuture(flowFound.cause())
            : productFound.failed() ? Future.failedFuture(productFound.cause()) : Future.succeededFuture())
        .compose(v -> trigger(input, by, flowFound.result(), productFound.result()));
  }

  private Future<Release> trigger(Trigger input, Principal by, FlowSnapshots.FlowSnapshot flow, Product product) {
    return applicationsByEnvironment(product).compose(apps -> sourceFor(input, flow, product, apps)
        .compose(source -> targetsFor(product, flow, apps).compose(targets -> pin(source, product)
            .compose(snapshot -> create(product, by, snapshot, source, flow.id(), flow.name(),
                flow.triggerEnvironmentId(), flow.timeout(), stepsOf(flow, source, targets))))));
  }

  /** The product's applications by environment: one query serves both the source and the targets. */
  private Future<Map<Long, Application>> applicationsByEnvironment(Product product) {
    return applications.byProducts(List.of(product.id())).map(byProduct -> {
      Map<Long, Application> byEnvironment = new java.util.HashMap<>();
      byProduct.getOrDefault(product.id(), List.of()).forEach(app -> byEnvironment.put(app.environmentId(), app));
      return byEnvironment;
    });
  }

  public Future<Release> promote(Promote input, Principal by) {
    return products.get(input.product()).compose(product -> environments.get(input.sourceEnvironment())
        .compose(sourceEnv -> environments.get(input.targetEnvironment()).compose(targetEnv -> {
          if (sourceEnv.id() == targetEnv.id()) {
            throw BatonException.badInput("source and target environment are both \"" + sourceEnv.name() + "\"");
          }
          return applicationIn(product, sourceEnv).compose(source -> applicationIn(product, targetEnv)
              .compose(target -> pin(source, product).compose(snapshot -> create(product, by, snapshot, source, null,
                  ReleaseRun.MANUAL, null, MANUAL_TIMEOUT, List.of(new StepPlan(targetEnv.id(), List.of(), "COMMIT",
                      target.id()))))));
        })));
  }

  public Future<Release> terminate(long releaseId, Principal by) {
    return get(releaseId).compose(found -> {
      if (found.status.isTerminal()) {
        throw BatonException.conflict("release " + releaseId + " has already ended (" + found.status + ")");
      }
      return engine.change(List.of(found.productId), List.of(releaseId), (change, runs) -> {
        ReleaseRun run = runs.get(releaseId);
        run.terminate("terminated by " + by.name(), change.now);
        return Future.succeededFuture(run.release());
      });
    });
  }

  public Future<Release> retry(long releaseId, Principal by) {
    return get(releaseId).compose(found -> engine.change(List.of(found.productId), List.of(releaseId), (change, runs) -> {
      ReleaseRun run = runs.get(releaseId);
      ReleaseStatus status = run.release().status;
      if (status != ReleaseStatus.FAILED && status != ReleaseStatus.TERMINATED) {
        throw BatonException.conflict("release " + releaseId + " is " + status + "; only a FAILED or TERMINATED "
            + "release can be retried");
      }
      return repository.activeOf(change.sql, found.productId, releaseId).map(active -> {
        if (!active.isEmpty()) {
          throw BatonException.conflict("release " + active.keySet().iterator().next() + " of the same product is "
              + "still in progress; retry release " + releaseId + " once it has ended");
        }
        run.retry(change.now);
        return run.release();
      });
    }));
  }

  public Future<Release> find(long releaseId) {
    return repository.find(pool, releaseId);
  }

  public Future<Release> get(long releaseId) {
    return find(releaseId).map(release -> {
      if (release == null) {
        throw BatonException.notFound("release", Long.toString(releaseId));
      }
      return release;
    });
  }

  /** Newest first; {@code before} is the id the previous page ended with. */
  public Future<List<Release>> page(String productName, String flowName, ReleaseStatus status, Long before, int limit) {
    return page(productName, flowName, status, before, limit, false);
  }

  /** The same, with each release's steps read in the same statement when {@code withSteps}. */
  public Future<List<Release>> page(String productName, String flowName, ReleaseStatus status, Long before, int limit,
      boolean withSteps) {
    Future<Long> productId = productName == null ? Future.succeededFuture(null)
        : products.find(productName).map(p -> p == null ? -1L : p.id());
    String statusName = status == null ? null : status.name();
    return productId.compose(id -> withSteps
        ? repository.pageWithSteps(pool, id, flowName, statusName, before, limit)
        : repository.page(pool, id, flowName, statusName, before, limit));
  }

  public Future<List<Release>> pageOfProduct(long productId, Long before, int limit) {
    return repository.page(pool, productId, null, null, before, limit);
  }

  public Future<Map<Long, List<ReleaseStep>>> stepsOf(Collection<Long> releaseIds) {
    return repository.stepsOf(pool, releaseIds);
  }

  public Future<Map<Long, Release>> byIds(Collection<Long> releaseIds) {
    return repository.loadRuns(pool, releaseIds).map(runs -> {
      Map<Long, Release> byId = new java.util.HashMap<>();
      runs.forEach((id, run) -> byId.put(id, run.release().withSteps(run.steps())));
      return byId;
    });
  }

  public Future<Publisher<EventFeed.ReleaseEvent>> events(String productName, Long releaseId, String after) {
    if (productName == null) {
      return Future.succeededFuture(feed.subscribe(null, releaseId, after));
    }
    return products.get(productName).map(product -> feed.subscribe(product.id(), releaseId, after));
  }

  /** Live subscriptions on this instance. */
  public int subscribers() {
    return feed.subscribers();
  }

  private record StepPlan(long environmentId, List<Long> dependsOn, String action, Long applicationId) {}

  private Future<Release> create(Product product, Principal by, SourcePinner.Snapshot snapshot, Application source,
      Long flowId, String flowName, Long triggerEnvironmentId, Duration timeout, List<StepPlan> plans) {
    // The new release's id and the product's active releases are asked for together (pipelined); the new
    // release is not stored yet, so it cannot be among them.
    return engine.change(List.of(product.id()), List.of(), (change, runs) -> nextIdAndActive(change, product.id())
        .compose(found -> {
          long id = found.id();
          Map<Long, ReleaseStatus> active = found.active();
          boolean waits = !active.isEmpty() && product.concurrency() == io.baton.product.Concurrency.QUEUE;
          Instant now = change.now;
          Release release = new Release(id, product.id(), flowId, flowName, source.id(), triggerEnvironmentId,
              snapshot.commit(), snapshot.version(), by.name(), timeout, now, 0,
              waits ? ReleaseStatus.QUEUED : ReleaseStatus.RUNNING, null, null, null, now.plus(timeout));
          List<ReleaseStep> steps = new ArrayList<>();
          for (int i = 0; i < plans.size(); i++) {
            StepPlan p = plans.get(i);
            steps.add(new ReleaseStep(id, p.environmentId(), null, i, p.dependsOn(), p.action(), p.applicationId(), 0,
                StepStatus.PENDING, null, null, null, 0, null, null, null, null));
          }
          ReleaseRun run = new ReleaseRun(release, steps);
          change.created.add(run);
          Future<Void> preempted = product.concurrency() == io.baton.product.Concurrency.TERMINATE && !active.isEmpty()
              ? change.lock(active.keySet()).map(locked -> {
                active.keySet().forEach(other -> locked.get(other).terminate("terminated: replaced by release " + id, now));
                return null;
              })
              : Future.succeededFuture();
          return preempted.map(v -> {
            run.created();
            if (!waits) {
              run.start(now);
            }
            return release;
          });
        }));
  }

  private record IdAndActive(long id, Map<Long, ReleaseStatus> active) {}

  private Future<IdAndActive> nextIdAndActive(Engine.Change change, long productId) {
    Future<Long> id = repository.nextId(change.sql);
    Future<Map<Long, ReleaseStatus>> active = repository.activeOf(change.sql, productId, -1);
    return Future.all(id, active).map(v -> new IdAndActive(id.result(), active.result()));
  }

  private Future<Application> sourceFor(Trigger input, FlowSnapshots.FlowSnapshot flow, Product product,
      Map<Long, Application> byEnvironment) {
    if (input.sourceApplication() == null || input.sourceApplication().isBlank()) {
      Application app = byEnvironment.get(flow.triggerEnvironmentId());
      return app != null
          ? Future.succeededFuture(app)
          : environments.byIds(List.of(flow.triggerEnvironmentId())).compose(envs -> Future.failedFuture(
              BatonException.badInput("product \"" + product.name() + "\" has no application in the flow's trigger "
                  + "environment \"" + envs.get(flow.triggerEnvironmentId()).name() + "\"")));
    }
    return applications.get(input.sourceApplication()).map(app -> {
      if (app.productId() != product.id() || app.environmentId() != flow.triggerEnvironmentId()) {
        throw BatonException.badInput("application \"" + app.name() + "\" is not product \"" + product.name()
            + "\"'s application in the flow's trigger environment");
      }
      return app;
    });
  }

  /** The target application of every step, by environment; a COMMIT step needs one. */
  private Future<Map<Long, Application>> targetsFor(Product product, FlowSnapshots.FlowSnapshot flow,
      Map<Long, Application> byEnvironment) {
    List<Long> missing = flow.steps().stream()
        .filter(s -> "COMMIT".equals(s.action()) && !byEnvironment.containsKey(s.environmentId()))
        .map(FlowSnapshots.Step::environmentId).toList();
    if (missing.isEmpty()) {
      return Future.succeededFuture(byEnvironment);
    }
    return environments.byIds(missing).compose(envs -> Future.failedFuture(BatonException.badInput(
        "product \"" + product.name() + "\" has no application in environment"
            + (missing.size() > 1 ? "s " : " ") + String.join(", ",
            missing.stream().map(id -> "\"" + envs.get(id).name() + "\"").toList()))));
  }

  private static List<StepPlan> stepsOf(FlowSnapshots.FlowSnapshot flow, Application source, Map<Long, Application> targets) {
    List<StepPlan> plans = new ArrayList<>();
    plans.add(new StepPlan(flow.triggerEnvironmentId(), List.of(), "NONE", source.id()));
    flow.steps().forEach(s -> plans.add(new StepPlan(s.environmentId(), s.dependsOn(), s.action(),
        targets.containsKey(s.environmentId()) ? targets.get(s.environmentId()).id() : null)));
    return plans;
  }

  private Future<Application> applicationIn(Product product, Environment env) {
    return applications.findFor(product.id(), env.id()).map(app -> {
      if (app == null) {
        throw BatonException.badInput("product \"" + product.name() + "\" has no application in environment \""
            + env.name() + "\"");
      }
      return app;
    });
  }

  private Future<SourcePinner.Snapshot> pin(Application source, Product product) {
    return pinner.pin(source, product.promotionTemplate()).recover(failure -> Future.failedFuture(
        failure instanceof BatonException ? failure : BatonException.badInput("could not read application \""
            + source.name() + "\" at the head of " + source.branch() + ": " + Engine.describe(failure))));
  }
}
