package io.baton.graphql;

import io.baton.Services;
import io.baton.environment.Environment;
import io.baton.product.Application;
import io.baton.flow.PromotionFlow;
import io.baton.product.Product;
import io.baton.release.ReleaseStep;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.dataloader.MappedBatchLoader;

/** Per-request DataLoaders, so that a list of things with related things costs one query per relation. */
final class Loaders {
  static final String ENVIRONMENT = "environment";
  static final String PRODUCT = "product";
  static final String APPLICATION = "application";
  static final String APPLICATIONS_OF_PRODUCT = "applicationsOfProduct";
  static final String APPLICATIONS_OF_ENVIRONMENT = "applicationsOfEnvironment";
  static final String APPLICATION_VERSION = "applicationVersion";
  static final String STEPS_OF_RELEASE = "stepsOfRelease";
  static final String FLOW = "flow";

  private Loaders() {}

  static DataLoaderRegistry registry(Services services) {
    DataLoaderRegistry registry = new DataLoaderRegistry();
    registry.register(ENVIRONMENT, Loaders.<Long, Environment>mapped(ids -> services.environments().byIds(ids)));
    registry.register(PRODUCT, Loaders.<Long, Product>mapped(ids -> services.products().byIds(ids)));
    registry.register(APPLICATION, Loaders.<Long, Application>mapped(ids -> services.applications().byIds(ids)));
    registry.register(APPLICATIONS_OF_PRODUCT,
        Loaders.<Long, List<Application>>mapped(ids -> services.applications().byProducts(ids)));
    registry.register(APPLICATIONS_OF_ENVIRONMENT,
        Loaders.<Long, List<Application>>mapped(ids -> services.applications().byEnvironments(ids)));
    registry.register(APPLICATION_VERSION,
        Loaders.<Application, String>mapped(apps -> services.applicationVersions().versions(apps)));
    registry.register(STEPS_OF_RELEASE,
        Loaders.<Long, List<ReleaseStep>>mapped(ids -> services.releases().stepsOf(ids)));
    registry.register(FLOW, Loaders.<Long, PromotionFlow>mapped(ids -> services.flows().byIds(ids)));
    return registry;
  }

  static <K, V> DataLoader<K, V> mapped(Function<Set<K>, Future<Map<K, V>>> load) {
    MappedBatchLoader<K, V> loader = keys -> load.apply(keys).toCompletionStage();
    return DataLoaderFactory.newMappedDataLoader(loader);
  }

  static <V> CompletionStage<List<V>> orEmpty(CompletionStage<List<V>> list) {
    return list.thenApply(l -> l == null ? List.of() : l);
  }
}
