package io.baton.graphql;

import static java.util.Map.entry;

import io.baton.Services;
import io.baton.environment.Environment;
import io.baton.flow.PromotionFlow;
import io.baton.gate.GateCheck;
import io.baton.line.FreezeWindow;
import io.baton.line.LineService;
import io.baton.product.Application;
import io.baton.product.Product;
import io.baton.product.ProductFlowTrigger;
import io.baton.pullrequest.PullRequests;
import io.baton.pullrequest.StoredPullRequest;
import io.baton.release.Release;
import io.baton.release.ReleaseGate;
import io.baton.release.ReleaseService.ProductPage;
import io.baton.release.ReleaseStep;
import io.baton.rollback.ApplicationHistory;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderOptions;
import org.dataloader.DataLoaderRegistry;
import org.dataloader.MappedBatchLoader;

/**
 * Per-request DataLoaders, so that a list of things with related things costs one query per
 * relation.
 */
final class Loaders {
  static final String ENVIRONMENT = "environment";
  static final String PRODUCT = "product";
  static final String APPLICATION = "application";
  static final String APPLICATIONS_OF_PRODUCT = "applicationsOfProduct";
  static final String APPLICATIONS_OF_ENVIRONMENT = "applicationsOfEnvironment";
  static final String APPLICATION_VERSION = "applicationVersion";
  static final String STEPS_OF_RELEASE = "stepsOfRelease";
  static final String RELEASES_OF_PRODUCT = "releasesOfProduct";
  static final String FLOW = "flow";
  static final String GATES_OF_STEP = "gatesOfStep";
  static final String APPROVALS_OF_STEP = "approvalsOfStep";
  static final String FLOW_TRIGGERS_OF_PRODUCT = "flowTriggersOfProduct";
  static final String HISTORY_OF_APPLICATION = "historyOfApplication";
  static final String RELEASE = "release";
  static final String PAUSE_OF_ENVIRONMENT = "pauseOfEnvironment";
  static final String PIN_OF_APPLICATION = "pinOfApplication";
  static final String WINDOW_OF_ENVIRONMENT = "windowOfEnvironment";
  static final String PULL_REQUEST_OF_STEP = "pullRequestOfStep";

  private Loaders() {}

  /**
   * A registry that makes each loader the first time a field asks for it: most requests use one or
   * two of them, and a subscription keeps its registry for as long as it lives.
   */
  static DataLoaderRegistry registry(Services services) {
    return new LazyRegistry(
        Map.<String, Supplier<DataLoader<?, ?>>>ofEntries(
            entry(
                ENVIRONMENT,
                () -> Loaders.<Long, Environment>mapped(ids -> services.environments().byIds(ids))),
            entry(
                PRODUCT,
                () -> Loaders.<Long, Product>mapped(ids -> services.products().byIds(ids))),
            entry(
                APPLICATION,
                () -> Loaders.<Long, Application>mapped(ids -> services.applications().byIds(ids))),
            entry(
                APPLICATIONS_OF_PRODUCT,
                () ->
                    Loaders.<Long, List<Application>>mapped(
                        ids -> services.applications().byProducts(ids))),
            entry(
                APPLICATIONS_OF_ENVIRONMENT,
                () ->
                    Loaders.<Long, List<Application>>mapped(
                        ids -> services.applications().byEnvironments(ids))),
            entry(
                APPLICATION_VERSION,
                () ->
                    Loaders.<Application, String>changing(
                        apps -> services.applicationVersions().versions(apps))),
            entry(
                STEPS_OF_RELEASE,
                () ->
                    Loaders.<Long, List<ReleaseStep>>changing(
                        ids -> services.releases().stepsOf(ids))),
            entry(
                RELEASES_OF_PRODUCT,
                () ->
                    Loaders.<ProductPage, List<Release>>changing(
                        pages -> services.releases().pagesOfProducts(pages))),
            entry(
                FLOW,
                () -> Loaders.<Long, PromotionFlow>mapped(ids -> services.flows().byIds(ids))),
            entry(
                GATES_OF_STEP,
                () ->
                    Loaders.<ReleaseStep.Key, List<ReleaseGate>>changing(
                        steps -> services.releases().gatesOf(steps))),
            entry(
                PULL_REQUEST_OF_STEP,
                () ->
                    Loaders.<PullRequests.StepRef, StoredPullRequest>changing(
                        steps -> services.pullRequests().ofSteps(steps))),
            entry(
                APPROVALS_OF_STEP,
                () ->
                    Loaders.<ReleaseStep.Key, List<GateCheck.Approval>>changing(
                        steps -> services.releases().approvalsOf(steps))),
            entry(
                FLOW_TRIGGERS_OF_PRODUCT,
                () ->
                    Loaders.<Long, List<ProductFlowTrigger>>mapped(
                        ids -> services.products().flowTriggers(ids))),
            entry(
                HISTORY_OF_APPLICATION,
                () ->
                    Loaders.<ApplicationHistory.Page, List<ApplicationHistory.Entry>>changing(
                        pages -> services.history().pages(pages))),
            entry(
                RELEASE,
                () -> Loaders.<Long, Release>changing(ids -> services.releases().byIds(ids))),
            // Line control changes while a subscription lives: batched, never cached.
            entry(
                PAUSE_OF_ENVIRONMENT,
                () ->
                    Loaders.<Long, LineService.Reason>changing(
                        ids -> services.line().pausesOf(ids))),
            entry(
                PIN_OF_APPLICATION,
                () ->
                    Loaders.<Long, LineService.Reason>changing(ids -> services.line().pinsOf(ids))),
            entry(
                WINDOW_OF_ENVIRONMENT,
                () ->
                    Loaders.<String, FreezeWindow>changing(
                        names -> services.line().frozenBy(names, services.line().now())))));
  }

  private static final class LazyRegistry extends DataLoaderRegistry {
    private final Map<String, Supplier<DataLoader<?, ?>>> makers;

    LazyRegistry(Map<String, Supplier<DataLoader<?, ?>>> makers) {
      this.makers = makers;
    }

    @Override
    public <K, V> DataLoader<K, V> getDataLoader(String key) {
      Supplier<DataLoader<?, ?>> maker = makers.get(key);
      return maker == null ? super.getDataLoader(key) : computeIfAbsent(key, k -> maker.get());
    }
  }

  static <K, V> DataLoader<K, V> mapped(Function<Set<K>, Future<Map<K, V>>> load) {
    MappedBatchLoader<K, V> loader = keys -> load.apply(keys).toCompletionStage();
    return DataLoaderFactory.newMappedDataLoader(loader);
  }

  /**
   * For what releases change (steps, gates, approvals, versions): batched but never cached, since a
   * subscription keeps its registry for all its events and each event must show the state of its
   * moment, not the one the first event loaded.
   */
  static <K, V> DataLoader<K, V> changing(Function<Set<K>, Future<Map<K, V>>> load) {
    MappedBatchLoader<K, V> loader = keys -> load.apply(keys).toCompletionStage();
    return DataLoaderFactory.newMappedDataLoader(
        loader, DataLoaderOptions.newOptions().setCachingEnabled(false).build());
  }

  static <V> CompletionStage<List<V>> orEmpty(CompletionStage<List<V>> list) {
    return list.thenApply(l -> l == null ? List.of() : l);
  }
}
