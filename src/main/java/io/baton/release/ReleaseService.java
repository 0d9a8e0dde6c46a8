package io.baton.release;

import io.baton.audit.Audit;
import io.baton.auth.Principal;
import io.baton.db.Coalescer;
import io.baton.db.PgErrors;
import io.baton.environment.Environment;
import io.baton.environment.EnvironmentService;
import io.baton.error.BatonException;
import io.baton.flow.StepAction;
import io.baton.gate.ApprovalGate;
import io.baton.gate.GateCheck;
import io.baton.gate.GateKind;
import io.baton.gate.GateSpec;
import io.baton.line.LineService;
import io.baton.product.Application;
import io.baton.product.ApplicationService;
import io.baton.product.Product;
import io.baton.product.ProductService;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.reactivestreams.Publisher;

/** Triggering, promoting, terminating and retrying releases, and reading them. */
public final class ReleaseService {
  /** The unique index that lets each (product, flow, commit) start at most one release. */
  static final String TRIGGER_ONCE = "release_trigger_once";

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
  private final StepActionPolicy policy;
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
      SourcePinner pinner,
      StepActionPolicy policy) {
    this.pool = pool;
    this.policy = policy;
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
    return trigger(input, new TriggerSource.Person(by), audit);
  }

  /**
   * Triggers the flow for the product as {@code by} says: a person pins the source's head, a commit
   * pins that commit. The product's concurrency applies either way.
   */
  public Future<Release> trigger(Trigger input, TriggerSource by, Audit audit) {
    return lookups.submit(input).compose(found -> trigger(input, by, audit, found));
  }

  /**
   * What a trigger needs from the catalog: its flow, its product, and the product's applications by
   * environment.
   */
  private record Found(
      FlowSnapshots.FlowSnapshot flow,
      Product product,
      Map<Long, Application> applications,
      List<GateSpec> triggerEnvironmentGates) {}

  /**
   * The catalog reads of many triggers, in four statements (five when a flow leaves a step's action
   * to the promotion policies); a missing flow is the error reported first.
   */
  private Future<Void> lookUp(List<Coalescer.Request<Trigger, Found>> batch) {
    Set<String> flowNames = new HashSet<>();
    Set<String> productNames = new HashSet<>();
    batch.forEach(request -> flowNames.add(request.input().flow()));
    batch.forEach(request -> productNames.add(request.input().product()));
    Future<Map<String, FlowSnapshots.FlowSnapshot>> flowsFound = flows.snapshots(flowNames);
    Future<Map<String, Product>> productsFound = products.byNames(productNames);
    Future<Map<Long, Environment>> environmentsFound =
        flowsFound.compose(found -> environmentsOf(found.values()));
    Future<StepActionPolicy.Rule> rule = flowsFound.compose(found -> ruleFor(found.values()));
    return Future.all(flowsFound, productsFound, environmentsFound, rule)
        .compose(v -> applicationsByEnvironment(productsFound.result().values()))
        .map(
            apps ->
                answerAll(
                    batch,
                    flowsFound.result(),
                    productsFound.result(),
                    apps,
                    new Decided(environmentsFound.result(), rule.result())));
  }

  /** The flows' trigger environments, and the targets of the steps the policies decide. */
  private Future<Map<Long, Environment>> environmentsOf(
      Collection<FlowSnapshots.FlowSnapshot> found) {
    if (found.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    Set<Long> ids = new HashSet<>();
    for (FlowSnapshots.FlowSnapshot flow : found) {
      ids.add(flow.triggerEnvironmentId());
      ids.addAll(flow.undecided());
    }
    return environments.byIds(ids);
  }

  /** The promotion policies' rule, read only when a flow leaves a step's action to them. */
  private Future<StepActionPolicy.Rule> ruleFor(Collection<FlowSnapshots.FlowSnapshot> found) {
    boolean undecided = found.stream().anyMatch(flow -> !flow.undecided().isEmpty());
    return undecided ? policy.current() : Future.succeededFuture(null);
  }

  /** The environments read for a batch of triggers, and the policies' rule (null: not needed). */
  private record Decided(Map<Long, Environment> environments, StepActionPolicy.Rule rule) {

    /** The flow with each step it leaves undecided given the action the policies decide. */
    FlowSnapshots.FlowSnapshot flow(FlowSnapshots.FlowSnapshot flow, Product product) {
      if (flow.undecided().isEmpty()) {
        return flow;
      }
      return flow.decided(
          environmentId -> rule.actionFor(product.name(), environments.get(environmentId)));
    }
  }

  private static Void answerAll(
      List<Coalescer.Request<Trigger, Found>> batch,
      Map<String, FlowSnapshots.FlowSnapshot> flowsFound,
      Map<String, Product> productsFound,
      Map<Long, Map<Long, Application>> applicationsByProduct,
      Decided decided) {
    for (Coalescer.Request<Trigger, Found> request : batch) {
      FlowSnapshots.FlowSnapshot flow = flowsFound.get(request.input().flow());
      Product product = productsFound.get(request.input().product());
      answer(request, flow, product, applicationsByProduct, decided);
    }
    return null;
  }

  private static void answer(
      Coalescer.Request<Trigger, Found> request,
      FlowSnapshots.FlowSnapshot flow,
      Product product,
      Map<Long, Map<Long, Application>> applicationsByProduct,
      Decided decided) {
    if (flow == null) {
      request.fail(BatonException.notFound("promotion flow", request.input().flow()));
    } else if (product == null) {
      request.fail(BatonException.notFound("product", request.input().product()));
    } else {
      Map<Long, Application> apps = applicationsByProduct.getOrDefault(product.id(), Map.of());
      Environment trigger = decided.environments().get(flow.triggerEnvironmentId());
      List<GateSpec> gates =
          trigger == null || trigger.gates() == null ? List.of() : trigger.gates();
      request.complete(new Found(decided.flow(flow, product), product, apps, gates));
    }
  }

  /** Its source application, then the targets of its steps, then its pin, each read in turn. */
  private Future<Release> trigger(Trigger input, TriggerSource by, Audit audit, Found found) {
    Future<Application> source = sourceFor(input, found);
    Future<Map<Long, Application>> targets = source.compose(app -> targetsFor(found));
    return targets
        .map(
            byEnvironment ->
                FlowDraft.of(
                    found.flow(),
                    found.product(),
                    by,
                    audit,
                    source.result(),
                    byEnvironment,
                    found.triggerEnvironmentGates()))
        .compose(this::create);
  }

  /** The products' applications, by product and then by environment: one statement. */
  private Future<Map<Long, Map<Long, Application>>> applicationsByEnvironment(
      Collection<Product> of) {
    if (of.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return applications
        .byProducts(of.stream().map(Product::id).toList())
        .map(ReleaseService::byEnvironment);
  }

  private static Map<Long, Map<Long, Application>> byEnvironment(
      Map<Long, List<Application>> byProduct) {
    Map<Long, Map<Long, Application>> result = new HashMap<>();
    byProduct.forEach(
        (productId, apps) -> {
          Map<Long, Application> ofProduct =
              result.computeIfAbsent(productId, k -> new HashMap<>());
          apps.forEach(app -> ofProduct.put(app.environmentId(), app));
        });
    return result;
  }

  public Future<Release> promote(Promote input, Principal by, Audit audit) {
    return routeOf(input).compose(route -> manualDraft(route, by, audit)).compose(this::create);
  }

  /** Where a manual promotion goes: a product, from one environment to another. */
  private record Route(Product product, Environment from, Environment to) {
    Route {
      if (from.id() == to.id()) {
        throw BatonException.badInput(
            "source and target environment are both \"" + from.name() + "\"");
      }
    }
  }

  /** The product, then the source and then the target environment, each looked up in turn. */
  private Future<Route> routeOf(Promote input) {
    Future<Product> product = products.get(input.product());
    Future<Environment> from = product.compose(p -> environments.get(input.sourceEnvironment()));
    Future<Environment> to = from.compose(env -> environments.get(input.targetEnvironment()));
    return to.map(env -> new Route(product.result(), from.result(), env));
  }

  private Future<ReleaseDraft> manualDraft(Route route, Principal by, Audit audit) {
    Future<Application> source = applicationIn(route.product(), route.from());
    Future<Application> target = source.compose(app -> applicationIn(route.product(), route.to()));
    Future<StepActionPolicy.Rule> rule = target.compose(app -> policy.current());
    return rule.map(
        decided ->
            new ManualDraft(
                route.product(),
                new TriggerSource.Person(by),
                audit,
                source.result(),
                target.result(),
                decided.actionFor(route.product().name(), route.to())));
  }

  /**
   * Pins the draft's source and creates its release with the others arriving together: admitted by
   * its product's concurrency, and audited, in one transaction.
   */
  public Future<Release> create(ReleaseDraft draft) {
    return pin(draft).map(snapshot -> new NewRelease(draft, snapshot)).compose(creations::submit);
  }

  public Future<Release> terminate(long releaseId, Principal by, Audit audit) {
    return get(releaseId).compose(found -> terminate(found, by, audit));
  }

  private Future<Release> terminate(Release found, Principal by, Audit audit) {
    if (found.status.isTerminal()) {
      throw BatonException.conflict(
          "release " + found.id + " has already ended (" + found.status + ")");
    }
    return engine.change(
        List.of(found.productId),
        List.of(found.id),
        (change, runs) -> terminateIn(change, runs.get(found.id), by, audit));
  }

  private static Future<Release> terminateIn(
      ReleaseTransactions.Change change, ReleaseRun run, Principal by, Audit audit) {
    run.terminate("terminated by " + by.name(), change.now);
    return audit.write(change.sql).map(run.release());
  }

  /**
   * {@code by} lets the release's step into {@code environment} through freeze windows (not pauses
   * or pins), with a reason: recorded on the step (one event) and in the audit log, and the line's
   * version moves on so that a step held by a window goes on at once, on every instance. CONFLICT
   * when that step has already ended.
   */
  public Future<Release> overrideFreeze(
      long releaseId, String environment, String reason, Principal by, Audit audit) {
    if (reason == null || reason.isBlank()) {
      return Future.failedFuture(BatonException.badInput("reason must not be blank"));
    }
    String override = "overridden by " + by.name() + ": " + reason.trim();
    return environments
        .get(environment)
        .compose(
            env ->
                get(releaseId)
                    .compose(
                        found ->
                            engine.change(
                                List.of(found.productId),
                                List.of(releaseId),
                                (change, runs) -> {
                                  ReleaseRun run = runs.get(releaseId);
                                  if (!run.freezeOverridden(env.id(), override)) {
                                    throw BatonException.conflict(
                                        "release "
                                            + releaseId
                                            + " has no step into "
                                            + environment
                                            + " that has not ended");
                                  }
                                  return LineService.bump(change.sql)
                                      .compose(v -> audit.write(change.sql))
                                      .map(run.release());
                                })))
        .onSuccess(v -> engine.checkHolds());
  }

  public Future<Release> retry(long releaseId, Principal by, Audit audit) {
    return get(releaseId)
        .compose(
            found ->
                engine.change(
                    List.of(found.productId),
                    List.of(releaseId),
                    (change, runs) -> retryIn(change, runs.get(releaseId), audit)));
  }

  /** Reads the run's product's line, and retries the run if the line allows it. */
  private Future<Release> retryIn(ReleaseTransactions.Change change, ReleaseRun run, Audit audit) {
    long productId = run.release().productId;
    return repository
        .activeOf(change.sql, List.of(productId))
        .map(active -> ProductLine.of(active.getOrDefault(productId, Map.of())))
        .compose(line -> retryIfAllowed(change, run, line, audit));
  }

  /** Retries the run unless {@link ProductLine#retryRefusal} refuses it: a conflict. */
  private static Future<Release> retryIfAllowed(
      ReleaseTransactions.Change change, ReleaseRun run, ProductLine line, Audit audit) {
    Release release = run.release();
    Optional<String> refusal = line.retryRefusal(release.id, release.status);
    if (refusal.isPresent()) {
      throw BatonException.conflict(refusal.get());
    }
    run.retry(change.now);
    return audit.write(change.sql).map(release);
  }

  /**
   * {@code by} approves the step of the release into {@code environment}, which waits for approval:
   * the answer is written (once per person and attempt) and the gate checked at once. Refused as
   * {@link ApprovalGate#refusal} says; {@code CONFLICT} when the step waits for no approval.
   */
  public Future<Release> approve(long releaseId, String environment, Principal by, String comment) {
    return answer(releaseId, environment, by, comment, true, null);
  }

  /** {@link #approve}, written to the audit log in the same transaction. */
  public Future<Release> approve(
      long releaseId, String environment, Principal by, String comment, Audit audit) {
    return answer(releaseId, environment, by, comment, true, audit);
  }

  /**
   * {@code by} rejects the step (see {@link #approve}): its approval gate fails with the comment.
   */
  public Future<Release> reject(long releaseId, String environment, Principal by, String comment) {
    return answer(releaseId, environment, by, comment, false, null);
  }

  /** {@link #reject}, written to the audit log in the same transaction. */
  public Future<Release> reject(
      long releaseId, String environment, Principal by, String comment, Audit audit) {
    return answer(releaseId, environment, by, comment, false, audit);
  }

  private Future<Release> answer(
      long releaseId,
      String environment,
      Principal by,
      String comment,
      boolean approved,
      Audit audit) {
    return get(releaseId)
        .compose(
            found ->
                engine.change(
                    List.of(found.productId),
                    List.of(releaseId),
                    (change, runs) ->
                        answerIn(change, runs.get(releaseId), environment, by, comment, approved)
                            .compose(
                                release ->
                                    audit == null
                                        ? Future.succeededFuture(release)
                                        : audit.write(change.sql).map(release))))
        .onSuccess(release -> engine.checkGates());
  }

  private Future<Release> answerIn(
      ReleaseTransactions.Change change,
      ReleaseRun run,
      String environment,
      Principal by,
      String comment,
      boolean approved) {
    Release release = run.release();
    ReleaseStep step =
        run.steps().stream()
            .filter(s -> environment.equals(s.environmentName))
            .findFirst()
            .orElseThrow(
                () -> BatonException.notFound("step of release " + release.id, environment));
    List<GateSpec.Approval> rules =
        step.gates.stream()
            .filter(
                g ->
                    g.spec().kind() == GateKind.APPROVAL
                        && g.status().isWaiting()
                        && g.attempt == step.attempt
                        && (step.status == StepStatus.RUNNING
                            || step.status == StepStatus.SUSPENDED))
            .map(
                g -> g.spec().approval() == null ? GateSpec.Approval.DEFAULTS : g.spec().approval())
            .toList();
    if (rules.isEmpty()) {
      throw BatonException.conflict(
          "release " + release.id + " is not waiting for an approval in " + environment);
    }
    return repository
        .approvals(change.sql, release.id, step.environmentId, step.attempt)
        .compose(
            answers -> {
              Optional<ApprovalGate.Refusal> refusal =
                  ApprovalGate.refusal(rules, release.triggeredBy, answers, by, comment);
              if (refusal.isPresent()) {
                throw refusal.get().toException();
              }
              GateCheck.Approval answer =
                  new GateCheck.Approval(
                      by.name(), by.role().name(), approved, comment, change.now);
              return Future.all(
                      repository.insertApproval(
                          change.sql, release.id, step.environmentId, step.attempt, answer),
                      repository.gatesDueNow(
                          change.sql, release.id, step.environmentId, step.attempt, change.now))
                  .map(release);
            });
  }

  /**
   * What the action of a waiting step started ended well (its pull request was merged as {@code
   * commitSha}): the step goes on as if its action had just committed it, and {@code alongside}
   * writes its own record of it in the same transaction. False (and nothing written) when the step
   * no longer waits for it in {@code attempt} (already told, retried, or the release ended).
   */
  public Future<Boolean> actionCompleted(
      long releaseId,
      long environmentId,
      int attempt,
      String commitSha,
      String version,
      String message,
      Function<SqlConnection, Future<?>> alongside) {
    return changeWaitingStep(
            releaseId,
            (run, now) ->
                run.actionCompleted(environmentId, attempt, commitSha, version, message, now),
            alongside)
        .onSuccess(changed -> engine.checkGates());
  }

  /**
   * What the action of a waiting step started ended badly (its pull request was closed): the step
   * fails with {@code message}, and {@code alongside} writes its own record of it in the same
   * transaction. False (nothing written) when the step no longer waits for it in {@code attempt}.
   */
  public Future<Boolean> actionFailed(
      long releaseId,
      long environmentId,
      int attempt,
      String message,
      Function<SqlConnection, Future<?>> alongside) {
    return changeWaitingStep(
        releaseId, (run, now) -> run.actionFailed(environmentId, attempt, message, now), alongside);
  }

  private Future<Boolean> changeWaitingStep(
      long releaseId,
      BiFunction<ReleaseRun, Instant, Boolean> rule,
      Function<SqlConnection, Future<?>> alongside) {
    return find(releaseId)
        .compose(
            release ->
                release == null
                    ? Future.succeededFuture(false)
                    : engine.change(
                        List.of(release.productId),
                        List.of(releaseId),
                        (change, runs) -> {
                          ReleaseRun run = runs.get(releaseId);
                          if (run == null || !rule.apply(run, change.now)) {
                            return Future.succeededFuture(false);
                          }
                          return alongside.apply(change.sql).map(true);
                        }));
  }

  public Future<Release> find(long releaseId) {
    return repository.find(pool, releaseId);
  }

  /** The release with its steps as of one moment (they agree on whether it is suspended). */
  public Future<Release> findWithSteps(long releaseId) {
    return repository.findWithSteps(pool, releaseId);
  }

  public Future<Release> get(long releaseId) {
    return find(releaseId).map(release -> requireFound(release, releaseId));
  }

  private static Release requireFound(Release release, long releaseId) {
    if (release == null) {
      throw BatonException.notFound("release", Long.toString(releaseId));
    }
    return release;
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
    return productId.compose(
        id ->
            withSteps
                ? repository.pageWithSteps(pool, id, flowName, status, before, limit)
                : repository.page(pool, id, flowName, status, before, limit));
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

  /** The gates of many steps, each step's in order; a step without gates is left out. */
  public Future<Map<ReleaseStep.Key, List<ReleaseGate>>> gatesOf(
      Collection<ReleaseStep.Key> steps) {
    return repository.gatesOfSteps(pool, steps);
  }

  /** The answers given to many steps' current attempts, oldest first; none: left out. */
  public Future<Map<ReleaseStep.Key, List<GateCheck.Approval>>> approvalsOf(
      Collection<ReleaseStep.Key> steps) {
    return repository.approvalsOfSteps(pool, steps);
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

  /** A release to create, pinned. */
  private record NewRelease(ReleaseDraft draft, SourcePinner.Snapshot snapshot) {
    Product product() {
      return draft.product();
    }

    Audit audit() {
      return draft.audit();
    }
  }

  /**
   * Creates a batch of releases in one transaction. If something one of them refers to (its
   * product, flow or an application) was deleted after its trigger looked it up, or one of them was
   * started by a commit that has already started one (on this instance or another), the batch is
   * redone one release at a time, so that only the release concerned fails.
   */
  private Future<Void> createAll(List<Coalescer.Request<NewRelease, Release>> batch) {
    return createTogether(batch).recover(failure -> createOneByOne(batch, failure));
  }

  private Future<Void> createOneByOne(
      List<Coalescer.Request<NewRelease, Release>> batch, Throwable failure) {
    if (isTriggeredAlready(failure)) {
      return batch.size() == 1
          ? Future.failedFuture(triggeredAlready(batch.get(0).input()))
          : oneByOne(batch);
    }
    if (!PgErrors.is(failure, PgErrors.FOREIGN_KEY_VIOLATION)) {
      return Future.failedFuture(failure);
    }
    if (batch.size() == 1) {
      return Future.failedFuture(
          BatonException.conflict(
              "the release was not created: its product, flow or one of "
                  + "its applications was deleted meanwhile"));
    }
    return oneByOne(batch);
  }

  private static boolean isTriggeredAlready(Throwable failure) {
    return PgErrors.is(failure, PgErrors.UNIQUE_VIOLATION)
        && TRIGGER_ONCE.equals(PgErrors.constraint(failure));
  }

  /** The CONFLICT of a commit that has already started a release of the product and flow. */
  private static BatonException triggeredAlready(NewRelease release) {
    return BatonException.conflict(
        "commit "
            + release.draft().by().triggerCommit().orElse("")
            + " has already started a release of flow \""
            + release.draft().flowName()
            + "\" for product \""
            + release.product().name()
            + "\"");
  }

  private Future<Void> oneByOne(List<Coalescer.Request<NewRelease, Release>> batch) {
    Future<Void> oneByOne = Future.succeededFuture();
    for (Coalescer.Request<NewRelease, Release> request : batch) {
      oneByOne = oneByOne.compose(v -> createAlone(request));
    }
    return oneByOne;
  }

  /** Creates one release of a batch on its own: its failure is its own, not the batch's. */
  private Future<Void> createAlone(Coalescer.Request<NewRelease, Release> request) {
    return createAll(List.of(request)).recover(failure -> failOne(request, failure));
  }

  private static Future<Void> failOne(
      Coalescer.Request<NewRelease, Release> request, Throwable failure) {
    request.fail(failure);
    return Future.succeededFuture();
  }

  /**
   * The releases of a batch and the audit entries of the mutations that asked for them, in one
   * transaction, in the order they came: each one is admitted by its product's line ({@link
   * ProductLine#admit}), which holds the product's active releases, those created before it in the
   * batch included (QUEUE waits behind them, TERMINATE ends them).
   */
  private Future<Void> createTogether(List<Coalescer.Request<NewRelease, Release>> batch) {
    Set<Long> productIds = new HashSet<>();
    batch.forEach(request -> productIds.add(request.input().product().id()));
    return engine
        .change(productIds, List.of(), (change, runs) -> createIn(change, batch, productIds))
        .map(created -> completeAll(batch, created));
  }

  private Future<List<Release>> createIn(
      ReleaseTransactions.Change change,
      List<Coalescer.Request<NewRelease, Release>> batch,
      Set<Long> products) {
    List<NewRelease> inputs = batch.stream().map(Coalescer.Request::input).toList();
    Future<List<Long>> ids = repository.nextIds(change.sql, batch.size());
    Future<Map<Long, Map<Long, ReleaseStatus>>> active = repository.activeOf(change.sql, products);
    Future<Void> audited =
        Audit.writeAll(change.sql, inputs.stream().map(NewRelease::audit).toList());
    return Future.all(ids, active, audited)
        .map(v -> admitAll(inputs, ids.result(), active.result()))
        .compose(admissions -> createAdmitted(change, inputs, ids.result(), admissions));
  }

  /** Each new release's admission, in order, each seeing the ones admitted before it. */
  private static List<ProductLine.Admission> admitAll(
      List<NewRelease> inputs, List<Long> ids, Map<Long, Map<Long, ReleaseStatus>> active) {
    Map<Long, ProductLine> lines = new HashMap<>();
    active.forEach((productId, of) -> lines.put(productId, ProductLine.of(of)));
    List<ProductLine.Admission> admissions = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      Product product = inputs.get(i).product();
      ProductLine line = lines.getOrDefault(product.id(), ProductLine.empty());
      ProductLine.Admission admission = line.admit(product.concurrency(), ids.get(i));
      lines.put(product.id(), line.admitted(ids.get(i), admission));
      admissions.add(admission);
    }
    return admissions;
  }

  /**
   * The new releases, as admitted; the releases they replace that existed before the batch are
   * locked and loaded first.
   */
  private static Future<List<Release>> createAdmitted(
      ReleaseTransactions.Change change,
      List<NewRelease> inputs,
      List<Long> ids,
      List<ProductLine.Admission> admissions) {
    List<Long> replacedBefore = new ArrayList<>();
    admissions.forEach(a -> replacedBefore.addAll(a.replaced()));
    replacedBefore.removeAll(ids);
    return change
        .lock(replacedBefore)
        .map(locked -> createRuns(change, inputs, ids, admissions, locked));
  }

  private static List<Release> createRuns(
      ReleaseTransactions.Change change,
      List<NewRelease> inputs,
      List<Long> ids,
      List<ProductLine.Admission> admissions,
      Map<Long, ReleaseRun> locked) {
    Map<Long, ReleaseRun> byId = new HashMap<>(locked);
    List<Release> created = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      ReleaseRun run = newRun(ids.get(i), inputs.get(i), admissions.get(i), change.now);
      byId.put(ids.get(i), run);
      created.add(admit(change, run, admissions.get(i), byId));
    }
    return created;
  }

  private static Release admit(
      ReleaseTransactions.Change change,
      ReleaseRun run,
      ProductLine.Admission admission,
      Map<Long, ReleaseRun> byId) {
    admission.replaced().forEach(id -> byId.get(id).terminate(admission.message(), change.now));
    change.created.add(run);
    run.created();
    if (run.release().status == ReleaseStatus.RUNNING) {
      run.start(change.now);
    }
    return run.release();
  }

  private static Void completeAll(
      List<Coalescer.Request<NewRelease, Release>> batch, List<Release> created) {
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).complete(created.get(i));
    }
    return null;
  }

  /** The release and its steps as they are born, QUEUED or RUNNING as admitted. */
  private static ReleaseRun newRun(
      long id, NewRelease input, ProductLine.Admission admission, Instant now) {
    ReleaseDraft draft = input.draft();
    Release release =
        new Release(
            id,
            draft.product().id(),
            draft.flowId(),
            draft.flowName(),
            draft.source().id(),
            draft.triggerEnvironmentId(),
            input.snapshot().commit(),
            input.snapshot().version(),
            draft.by().triggeredBy(),
            draft.timeout(),
            now,
            0,
            admission.status(),
            null,
            null,
            null,
            now.plus(draft.timeout()));
    release.triggerCommit = draft.by().triggerCommit().orElse(null);
    List<ReleaseStep> steps = new ArrayList<>();
    for (int i = 0; i < draft.steps().size(); i++) {
      steps.add(pendingStep(id, i, draft.steps().get(i)));
    }
    return new ReleaseRun(release, steps);
  }

  private static ReleaseStep pendingStep(long releaseId, int position, PlannedStep plan) {
    ReleaseStep step = newStep(releaseId, position, plan);
    for (int i = 0; i < plan.gates().size(); i++) {
      step.gates.add(ReleaseGate.pending(releaseId, plan.environmentId(), i, plan.gates().get(i)));
    }
    return step;
  }

  private static ReleaseStep newStep(long releaseId, int position, PlannedStep plan) {
    return new ReleaseStep(
        releaseId,
        plan.environmentId(),
        null,
        position,
        plan.dependsOn(),
        plan.action(),
        plan.applicationId(),
        0,
        StepStatus.PENDING,
        null,
        null,
        null,
        0,
        null,
        null,
        null,
        null);
  }

  /**
   * The application named by the trigger, or else the product's application in the flow's trigger
   * environment.
   */
  private Future<Application> sourceFor(Trigger input, Found found) {
    if (input.sourceApplication() == null || input.sourceApplication().isBlank()) {
      return triggerApplication(found);
    }
    return applications
        .get(input.sourceApplication())
        .map(app -> requireInTriggerEnvironment(app, found));
  }

  private Future<Application> triggerApplication(Found found) {
    long environmentId = found.flow().triggerEnvironmentId();
    Application app = found.applications().get(environmentId);
    if (app != null) {
      return Future.succeededFuture(app);
    }
    return environments
        .byIds(List.of(environmentId))
        .compose(
            envs ->
                Future.failedFuture(
                    BatonException.badInput(
                        "product \""
                            + found.product().name()
                            + "\" has no application in the flow's trigger environment \""
                            + envs.get(environmentId).name()
                            + "\"")));
  }

  private static Application requireInTriggerEnvironment(Application app, Found found) {
    if (app.productId() != found.product().id()
        || app.environmentId() != found.flow().triggerEnvironmentId()) {
      throw BatonException.badInput(
          "application \""
              + app.name()
              + "\" is not product \""
              + found.product().name()
              + "\"'s application in the flow's trigger environment");
    }
    return app;
  }

  /** The target application of every step, by environment; a COMMIT step needs one. */
  private Future<Map<Long, Application>> targetsFor(Found found) {
    List<Long> missing =
        found.flow().steps().stream()
            .filter(
                s ->
                    s.action() == StepAction.COMMIT
                        && !found.applications().containsKey(s.environmentId()))
            .map(FlowSnapshots.Step::environmentId)
            .toList();
    if (missing.isEmpty()) {
      return Future.succeededFuture(found.applications());
    }
    return environments
        .byIds(missing)
        .compose(envs -> Future.failedFuture(noApplicationIn(found.product(), missing, envs)));
  }

  private static BatonException noApplicationIn(
      Product product, List<Long> missing, Map<Long, Environment> envs) {
    List<String> names = missing.stream().map(id -> "\"" + envs.get(id).name() + "\"").toList();
    return BatonException.badInput(
        "product \""
            + product.name()
            + "\" has no application in environment"
            + (missing.size() > 1 ? "s " : " ")
            + String.join(", ", names));
  }

  private Future<Application> applicationIn(Product product, Environment env) {
    return applications
        .findFor(product.id(), env.id())
        .map(app -> requireApplication(app, product, env));
  }

  private static Application requireApplication(Application app, Product product, Environment env) {
    if (app == null) {
      throw BatonException.badInput(
          "product \""
              + product.name()
              + "\" has no application in environment \""
              + env.name()
              + "\"");
    }
    return app;
  }

  private Future<SourcePinner.Snapshot> pin(ReleaseDraft draft) {
    Application source = draft.source();
    return draft.pin(pinner).recover(failure -> Future.failedFuture(unreadable(source, failure)));
  }

  private static Throwable unreadable(Application source, Throwable failure) {
    if (failure instanceof BatonException) {
      return failure;
    }
    return BatonException.badInput(
        "could not read application \""
            + source.name()
            + "\" at the head of "
            + source.branch()
            + ": "
            + FailureMessages.describe(failure));
  }
}
