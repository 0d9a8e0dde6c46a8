package io.baton.release;

import io.baton.audit.Audit;
import io.baton.auth.Principal;
import io.baton.db.Coalescer;
import io.baton.db.PgErrors;
import io.baton.environment.Environment;
import io.baton.environment.EnvironmentService;
import io.baton.error.BatonException;
import io.baton.product.Application;
import io.baton.product.ApplicationService;
import io.baton.product.Concurrency;
import io.baton.product.Product;
import io.baton.product.ProductService;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.reactivestreams.Publisher;

/** Triggering, promoting, terminating and retrying releases, and reading them. */
public final class ReleaseService {
  static final Duration MANUAL_TIMEOUT = Duration.ofHours(24);

  /**
   * Triggers arriving together are looked up together, and created together: one transaction for
   * many.
   */
  private static final int MAX_BATCH = 256;

  private final Pool pool;
  private final ReleaseRepository repository;
  private final Engine engine;
  private final EventFeed feed;
  private final FlowSnapshots flows;
  private final ProductService products;
  private final EnvironmentService environments;
  private final ApplicationService applications;
  private final SourcePinner pinner;
  private final Coalescer<Trigger, Found> lookups = new Coalescer<>(MAX_BATCH, 2, this::lookUp);
  private final Coalescer<NewRelease, Release> creations =
      new Coalescer<>(MAX_BATCH, 2, this::createAll);

  ReleaseService(
      Pool pool,
      ReleaseRepository repository,
      Engine engine,
      EventFeed feed,
      FlowSnapshots flows,
      ProductService products,
      EnvironmentService environments,
      ApplicationService applications,
      SourcePinner pinner) {
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

  public Future<Release> trigger(Trigger input, Principal by, Audit audit) {
    return lookups.submit(input).compose(found -> trigger(input, by, audit, found));
  }

  /**
   * What a trigger needs from the catalog: its flow, its product, and the product's applications by
   * environment.
   */
  private record Found(
      FlowSnapshots.FlowSnapshot flow, Product product, Map<Long, Application> applications) {}

  /**
   * The catalog reads of many triggers, in three statements; a missing flow is the error reported
   * first.
   */
  private Future<Void> lookUp(List<Coalescer.Request<Trigger, Found>> batch) {
    Set<String> flowNames = new HashSet<>();
    Set<String> productNames = new HashSet<>();
    batch.forEach(
        request -> {
          flowNames.add(request.input().flow());
          productNames.add(request.input().product());
        });
    Future<Map<String, FlowSnapshots.FlowSnapshot>> flowsFound = flows.snapshots(flowNames);
    Future<Map<String, Product>> productsFound = products.byNames(productNames);
    return Future.all(flowsFound, productsFound)
        .compose(v -> applicationsByEnvironment(productsFound.result().values()))
        .map(
            applicationsByProduct -> {
              for (Coalescer.Request<Trigger, Found> request : batch) {
                FlowSnapshots.FlowSnapshot flow = flowsFound.result().get(request.input().flow());
                Product product = productsFound.result().get(request.input().product());
                if (flow == null) {
                  request.fail(BatonException.notFound("promotion flow", request.input().flow()));
                } else if (product == null) {
                  request.fail(BatonException.notFound("product", request.input().product()));
                } else {
                  request.complete(
                      new Found(
                          flow,
                          product,
                          applicationsByProduct.getOrDefault(product.id(), Map.of())));
                }
              }
              return null;
            });
  }

  private Future<Release> trigger(Trigger input, Principal by, Audit audit, Found found) {
    FlowSnapshots.FlowSnapshot flow = found.flow();
    Product product = found.product();
    return sourceFor(input, flow, product, found.applications())
        .compose(
            source ->
                targetsFor(product, flow, found.applications())
                    .compose(
                        targets ->
                            pin(source, product)
                                .compose(
                                    snapshot ->
                                        creations.submit(
                                            new NewRelease(
                                                product,
                                                by,
                                                audit,
                                                snapshot,
                                                source,
                                                flow.id(),
                                                flow.name(),
                                                flow.triggerEnvironmentId(),
                                                flow.timeout(),
                                                stepsOf(flow, source, targets))))));
  }

  /** The products' applications, by product and then by environment: one statement. */
  private Future<Map<Long, Map<Long, Application>>> applicationsByEnvironment(
      Collection<Product> of) {
    if (of.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return applications
        .byProducts(of.stream().map(Product::id).toList())
        .map(
            byProduct -> {
              Map<Long, Map<Long, Application>> result = new HashMap<>();
              byProduct.forEach(
                  (productId, apps) ->
                      apps.forEach(
                          app ->
                              result
                                  .computeIfAbsent(productId, k -> new HashMap<>())
                                  .put(app.environmentId(), app)));
              return result;
            });
  }

  public Future<Release> promote(Promote input, Principal by, Audit audit) {
    return products
        .get(input.product())
        .compose(
            product ->
                environments
                    .get(input.sourceEnvironment())
                    .compose(
                        sourceEnv ->
                            environments
                                .get(input.targetEnvironment())
                                .compose(
                                    targetEnv -> {
                                      if (sourceEnv.id() == targetEnv.id()) {
                                        throw BatonException.badInput(
                                            "source and target environment are both \""
                                                + sourceEnv.name()
                                                + "\"");
                                      }
                                      return applicationIn(product, sourceEnv)
                                          .compose(
                                              source ->
                                                  applicationIn(product, targetEnv)
                                                      .compose(
                                                          target ->
                                                              pin(source, product)
                                                                  .compose(
                                                                      snapshot ->
                                                                          creations.submit(
                                                                              new NewRelease(
                                                                                  product,
                                                                                  by,
                                                                                  audit,
                                                                                  snapshot,
                                                                                  source,
                                                                                  null,
                                                                                  ReleaseRun.MANUAL,
                                                                                  null,
                                                                                  MANUAL_TIMEOUT,
                                                                                  List.of(
                                                                                      new StepPlan(
                                                                                          targetEnv
                                                                                              .id(),
                                                                                          List.of(),
                                                                                          "COMMIT",
                                                                                          target
                                                                                              .id())))))));
                                    })));
  }

  public Future<Release> terminate(long releaseId, Principal by, Audit audit) {
    return get(releaseId)
        .compose(
            found -> {
              if (found.status.isTerminal()) {
                throw BatonException.conflict(
                    "release " + releaseId + " has already ended (" + found.status + ")");
              }
              return engine.change(
                  List.of(found.productId),
                  List.of(releaseId),
                  (change, runs) -> {
                    ReleaseRun run = runs.get(releaseId);
                    run.terminate("terminated by " + by.name(), change.now);
                    return audit.write(change.sql).map(run.release());
                  });
            });
  }

  public Future<Release> retry(long releaseId, Principal by, Audit audit) {
    return get(releaseId)
        .compose(
            found ->
                engine.change(
                    List.of(found.productId),
                    List.of(releaseId),
                    (change, runs) -> {
                      ReleaseRun run = runs.get(releaseId);
                      ReleaseStatus status = run.release().status;
                      if (status != ReleaseStatus.FAILED && status != ReleaseStatus.TERMINATED) {
                        throw BatonException.conflict(
                            "release "
                                + releaseId
                                + " is "
                                + status
                                + "; only a FAILED or TERMINATED "
                                + "release can be retried");
                      }
                      // The release itself is FAILED or TERMINATED, so it is not among the
                      // product's active releases.
                      return repository
                          .activeOf(change.sql, List.of(found.productId))
                          .compose(
                              byProduct -> {
                                Map<Long, ReleaseStatus> active =
                                    byProduct.getOrDefault(found.productId, Map.of());
                                if (!active.isEmpty()) {
                                  throw BatonException.conflict(
                                      "release "
                                          + active.keySet().iterator().next()
                                          + " of the same product is "
                                          + "still in progress; retry release "
                                          + releaseId
                                          + " once it has ended");
                                }
                                run.retry(change.now);
                                return audit.write(change.sql).map(run.release());
                              });
                    }));
  }

  public Future<Release> find(long releaseId) {
    return repository.find(pool, releaseId);
  }

  public Future<Release> get(long releaseId) {
    return find(releaseId)
        .map(
            release -> {
              if (release == null) {
                throw BatonException.notFound("release", Long.toString(releaseId));
              }
              return release;
            });
  }

  /** Newest first; {@code before} is the id the previous page ended with. */
  public Future<List<Release>> page(
      String productName, String flowName, ReleaseStatus status, Long before, int limit) {
    return page(productName, flowName, status, before, limit, false);
  }

  /** The same, with each release's steps read in the same statement when {@code withSteps}. */
  public Future<List<Release>> page(
      String productName,
      String flowName,
      ReleaseStatus status,
      Long before,
      int limit,
      boolean withSteps) {
    Future<Long> productId =
        productName == null
            ? Future.succeededFuture(null)
            : products.find(productName).map(p -> p == null ? -1L : p.id());
    String statusName = status == null ? null : status.name();
    return productId.compose(
        id ->
            withSteps
                ? repository.pageWithSteps(pool, id, flowName, statusName, before, limit)
                : repository.page(pool, id, flowName, statusName, before, limit));
  }

  /**
   * A page of one product's releases: newest first, at most {@code limit}, below {@code before}.
   */
  public record ProductPage(long productId, Long before, int limit) {}

  private record Bounds(Long before, int limit) {}

  /**
   * Pages of many products' releases, each product's its own, in one statement for all the pages of
   * the same bounds: a list of products asks for the same page of each.
   */
  public Future<Map<ProductPage, List<Release>>> pagesOfProducts(Collection<ProductPage> pages) {
    Map<Bounds, List<ProductPage>> byBounds = new HashMap<>();
    pages.forEach(
        page ->
            byBounds
                .computeIfAbsent(new Bounds(page.before(), page.limit()), k -> new ArrayList<>())
                .add(page));
    List<Future<Map<ProductPage, List<Release>>>> reads = new ArrayList<>();
    byBounds.forEach((bounds, same) -> reads.add(pagesOf(bounds, same)));
    return Future.all(reads)
        .map(
            done -> {
              Map<ProductPage, List<Release>> all = new HashMap<>();
              reads.forEach(read -> all.putAll(read.result()));
              return all;
            });
  }

  private Future<Map<ProductPage, List<Release>>> pagesOf(Bounds bounds, List<ProductPage> pages) {
    List<Long> productIds = pages.stream().map(ProductPage::productId).toList();
    return repository
        .pageOfProducts(pool, productIds, bounds.before(), bounds.limit())
        .map(
            byProduct -> {
              Map<ProductPage, List<Release>> result = new HashMap<>();
              pages.forEach(
                  page -> result.put(page, byProduct.getOrDefault(page.productId(), List.of())));
              return result;
            });
  }

  public Future<Map<Long, List<ReleaseStep>>> stepsOf(Collection<Long> releaseIds) {
    return repository.stepsOf(pool, releaseIds);
  }

  public Future<Map<Long, Release>> byIds(Collection<Long> releaseIds) {
    return repository
        .loadRuns(pool, releaseIds)
        .map(
            runs -> {
              Map<Long, Release> byId = new HashMap<>();
              runs.forEach((id, run) -> byId.put(id, run.release().withSteps(run.steps())));
              return byId;
            });
  }

  public Future<Publisher<EventFeed.ReleaseEvent>> events(
      String productName, Long releaseId, String after) {
    if (productName == null) {
      return Future.succeededFuture(feed.subscribe(null, releaseId, after));
    }
    return products.get(productName).map(product -> feed.subscribe(product.id(), releaseId, after));
  }

  /** Live subscriptions on this instance. */
  public int subscribers() {
    return feed.subscribers();
  }

  /** Events waiting on this instance for their subscribers to take them. */
  public int queuedEvents() {
    return feed.queued();
  }

  private record StepPlan(
      long environmentId, List<Long> dependsOn, String action, Long applicationId) {}

  /** A release to create, once its catalog reads and its pin are done. */
  private record NewRelease(
      Product product,
      Principal by,
      Audit audit,
      SourcePinner.Snapshot snapshot,
      Application source,
      Long flowId,
      String flowName,
      Long triggerEnvironmentId,
      Duration timeout,
      List<StepPlan> plans) {}

  /**
   * Creates a batch of releases in one transaction. If something one of them refers to (its
   * product, flow or an application) was deleted after its trigger looked it up, the batch is
   * redone one release at a time, so that only the release concerned fails.
   */
  private Future<Void> createAll(List<Coalescer.Request<NewRelease, Release>> batch) {
    return createTogether(batch)
        .recover(
            failure -> {
              if (!PgErrors.is(failure, PgErrors.FOREIGN_KEY_VIOLATION)) {
                return Future.failedFuture(failure);
              }
              if (batch.size() == 1) {
                return Future.failedFuture(
                    BatonException.conflict(
                        "the release was not created: its product, flow or one of "
                            + "its applications was deleted meanwhile"));
              }
              Future<Void> oneByOne = Future.succeededFuture();
              for (Coalescer.Request<NewRelease, Release> request : batch) {
                oneByOne =
                    oneByOne.compose(
                        v ->
                            createAll(List.of(request))
                                .otherwise(
                                    e -> {
                                      request.fail(e);
                                      return null;
                                    }));
              }
              return oneByOne;
            });
  }

  /**
   * The releases of a batch and the audit entries of the mutations that asked for them, in one
   * transaction, in the order they came: each one sees the product's active releases, those created
   * before it in the batch included (QUEUE waits behind them, TERMINATE ends them).
   */
  private Future<Void> createTogether(List<Coalescer.Request<NewRelease, Release>> batch) {
    Set<Long> productIds = new HashSet<>();
    batch.forEach(request -> productIds.add(request.input().product().id()));
    return engine
        .change(
            productIds,
            List.of(),
            (change, runs) -> {
              Future<List<Long>> ids = repository.nextIds(change.sql, batch.size());
              Future<Map<Long, Map<Long, ReleaseStatus>>> active =
                  repository.activeOf(change.sql, productIds);
              Future<Void> audited =
                  Audit.writeAll(
                      change.sql, batch.stream().map(request -> request.input().audit()).toList());
              return Future.all(ids, active, audited)
                  .compose(
                      v -> {
                        // The running releases that a TERMINATE product's new release ends are
                        // locked and loaded first.
                        List<Long> replaced = new ArrayList<>();
                        batch.stream()
                            .map(request -> request.input().product())
                            .filter(product -> product.concurrency() == Concurrency.TERMINATE)
                            .map(Product::id)
                            .distinct()
                            .forEach(
                                productId ->
                                    replaced.addAll(
                                        active
                                            .result()
                                            .getOrDefault(productId, Map.of())
                                            .keySet()));
                        return change
                            .lock(replaced)
                            .map(
                                locked -> {
                                  Map<Long, Map<Long, ReleaseStatus>> activeNow = new HashMap<>();
                                  active
                                      .result()
                                      .forEach(
                                          (productId, of) ->
                                              activeNow.put(productId, new LinkedHashMap<>(of)));
                                  Map<Long, ReleaseRun> createdById = new HashMap<>();
                                  List<Release> created = new ArrayList<>(batch.size());
                                  for (int i = 0; i < batch.size(); i++) {
                                    NewRelease input = batch.get(i).input();
                                    Map<Long, ReleaseStatus> others =
                                        activeNow.computeIfAbsent(
                                            input.product().id(), k -> new LinkedHashMap<>());
                                    ReleaseRun run =
                                        newRun(ids.result().get(i), input, others, change.now);
                                    if (input.product().concurrency() == Concurrency.TERMINATE) {
                                      for (long other : others.keySet()) {
                                        ReleaseRun replacedRun =
                                            createdById.containsKey(other)
                                                ? createdById.get(other)
                                                : locked.get(other);
                                        replacedRun.terminate(
                                            "terminated: replaced by release " + run.release().id,
                                            change.now);
                                      }
                                      others.clear();
                                    }
                                    change.created.add(run);
                                    createdById.put(run.release().id, run);
                                    others.put(run.release().id, run.release().status);
                                    run.created();
                                    if (run.release().status == ReleaseStatus.RUNNING) {
                                      run.start(change.now);
                                    }
                                    created.add(run.release());
                                  }
                                  return created;
                                });
                      });
            })
        .map(
            created -> {
              for (int i = 0; i < batch.size(); i++) {
                batch.get(i).complete(created.get(i));
              }
              return null;
            });
  }

  /**
   * The release and its steps as they are born: QUEUED behind another release of a QUEUE product,
   * else RUNNING.
   */
  private static ReleaseRun newRun(
      long id, NewRelease input, Map<Long, ReleaseStatus> others, Instant now) {
    boolean waits = !others.isEmpty() && input.product().concurrency() == Concurrency.QUEUE;
    Release release =
        new Release(
            id,
            input.product().id(),
            input.flowId(),
            input.flowName(),
            input.source().id(),
            input.triggerEnvironmentId(),
            input.snapshot().commit(),
            input.snapshot().version(),
            input.by().name(),
            input.timeout(),
            now,
            0,
            waits ? ReleaseStatus.QUEUED : ReleaseStatus.RUNNING,
            null,
            null,
            null,
            now.plus(input.timeout()));
    List<ReleaseStep> steps = new ArrayList<>();
    for (int i = 0; i < input.plans().size(); i++) {
      StepPlan p = input.plans().get(i);
      steps.add(
          new ReleaseStep(
              id,
              p.environmentId(),
              null,
              i,
              p.dependsOn(),
              p.action(),
              p.applicationId(),
              0,
              StepStatus.PENDING,
              null,
              null,
              null,
              0,
              null,
              null,
              null,
              null));
    }
    return new ReleaseRun(release, steps);
  }

  private Future<Application> sourceFor(
      Trigger input,
      FlowSnapshots.FlowSnapshot flow,
      Product product,
      Map<Long, Application> byEnvironment) {
    if (input.sourceApplication() == null || input.sourceApplication().isBlank()) {
      Application app = byEnvironment.get(flow.triggerEnvironmentId());
      return app != null
          ? Future.succeededFuture(app)
          : environments
              .byIds(List.of(flow.triggerEnvironmentId()))
              .compose(
                  envs ->
                      Future.failedFuture(
                          BatonException.badInput(
                              "product \""
                                  + product.name()
                                  + "\" has no application in the flow's trigger "
                                  + "environment \""
                                  + envs.get(flow.triggerEnvironmentId()).name()
                                  + "\"")));
    }
    return applications
        .get(input.sourceApplication())
        .map(
            app -> {
              if (app.productId() != product.id()
                  || app.environmentId() != flow.triggerEnvironmentId()) {
                throw BatonException.badInput(
                    "application \""
                        + app.name()
                        + "\" is not product \""
                        + product.name()
                        + "\"'s application in the flow's trigger environment");
              }
              return app;
            });
  }

  /** The target application of every step, by environment; a COMMIT step needs one. */
  private Future<Map<Long, Application>> targetsFor(
      Product product, FlowSnapshots.FlowSnapshot flow, Map<Long, Application> byEnvironment) {
    List<Long> missing =
        flow.steps().stream()
            .filter(
                s -> "COMMIT".equals(s.action()) && !byEnvironment.containsKey(s.environmentId()))
            .map(FlowSnapshots.Step::environmentId)
            .toList();
    if (missing.isEmpty()) {
      return Future.succeededFuture(byEnvironment);
    }
    return environments
        .byIds(missing)
        .compose(
            envs ->
                Future.failedFuture(
                    BatonException.badInput(
                        "product \""
                            + product.name()
                            + "\" has no application in environment"
                            + (missing.size() > 1 ? "s " : " ")
                            + String.join(
                                ", ",
                                missing.stream()
                                    .map(id -> "\"" + envs.get(id).name() + "\"")
                                    .toList()))));
  }

  private static List<StepPlan> stepsOf(
      FlowSnapshots.FlowSnapshot flow, Application source, Map<Long, Application> targets) {
    List<StepPlan> plans = new ArrayList<>();
    plans.add(new StepPlan(flow.triggerEnvironmentId(), List.of(), "NONE", source.id()));
    flow.steps()
        .forEach(
            s ->
                plans.add(
                    new StepPlan(
                        s.environmentId(),
                        s.dependsOn(),
                        s.action(),
                        targets.containsKey(s.environmentId())
                            ? targets.get(s.environmentId()).id()
                            : null)));
    return plans;
  }

  private Future<Application> applicationIn(Product product, Environment env) {
    return applications
        .findFor(product.id(), env.id())
        .map(
            app -> {
              if (app == null) {
                throw BatonException.badInput(
                    "product \""
                        + product.name()
                        + "\" has no application in environment \""
                        + env.name()
                        + "\"");
              }
              return app;
            });
  }

  private Future<SourcePinner.Snapshot> pin(Application source, Product product) {
    return pinner
        .pin(source, product.promotionTemplate())
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof BatonException
                        ? failure
                        : BatonException.badInput(
                            "could not read application \""
                                + source.name()
                                + "\" at the head of "
                                + source.branch()
                                + ": "
                                + FailureMessages.describe(failure))));
  }
}
