package io.baton.git;

import io.baton.product.Application;
import io.baton.product.Product;
import io.baton.product.ProductService;
import io.baton.product.PromotionTemplate;
import io.baton.product.PromotionTemplate.VersionSource;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Application.version}: what the product's version source reads at the head of the
 * application's branch. Cached for a short while (and forgotten when Baton promotes into the
 * application), so a dashboard listing many applications fetches each remote at most once per
 * refresh, and different remotes in parallel.
 */
public final class ApplicationVersions {
  private static final Logger LOG = LoggerFactory.getLogger(ApplicationVersions.class);
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);

  private final GitRepositories repositories;
  private final ProductService products;
  private final Clock clock;
  private final Duration ttl;
  private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

  private record Key(String repoUrl, String branch, String path, String file, String jsonPath) {}

  private record Cached(Future<String> version, Instant at) {}

  public ApplicationVersions(
      GitRepositories repositories, ProductService products, Clock clock, Duration ttl) {
    this.repositories = repositories;
    this.products = products;
    this.clock = clock;
    this.ttl = ttl;
  }

  /**
   * The versions of many applications (null where unknown), with one product lookup for all of
   * them.
   */
  public Future<Map<Application, String>> versions(Collection<Application> applications) {
    Set<Long> productIds = new LinkedHashSet<>();
    applications.forEach(app -> productIds.add(app.productId()));
    return products
        .byIds(productIds)
        .compose(
            byId -> {
              List<Application> apps = List.copyOf(applications);
              List<Future<String>> versions =
                  apps.stream()
                      .map(app -> version(app, template(byId.get(app.productId()))))
                      .toList();
              return Future.join(versions)
                  .transform(
                      ignored -> {
                        Map<Application, String> result = new HashMap<>();
                        for (int i = 0; i < apps.size(); i++) {
                          result.put(apps.get(i), versions.get(i).result());
                        }
                        return Future.succeededFuture(result);
                      });
            });
  }

  private static PromotionTemplate template(Product product) {
    return product == null ? null : product.promotionTemplate();
  }

  /**
   * The version at the head of the application's branch; null without a version source or when it
   * cannot be read.
   */
  public Future<String> version(Application app, PromotionTemplate template) {
    VersionSource source = template == null ? null : template.versionSource();
    if (source == null) {
      return Future.succeededFuture(null);
    }
    Key key = new Key(app.repoUrl(), app.branch(), app.path(), source.file(), source.jsonPath());
    Instant now = clock.instant();
    Cached cached =
        cache.compute(
            key,
            (k, old) ->
                old != null && old.at().plus(ttl).isAfter(now)
                    ? old
                    : new Cached(read(app, template), now));
    return cached
        .version()
        .recover(
            failure -> {
              cache.remove(key, cached);
              LOG.warn(
                  "version of application {} could not be read: {}",
                  app.name(),
                  failure.getMessage());
              return Future.succeededFuture(null);
            });
  }

  private Future<String> read(Application app, PromotionTemplate template) {
    return repositories.run(
        app.repoUrl(),
        repo -> {
          ObjectId head = repo.fetchIfOlderThan(app.branch(), ttl);
          return head == null ? null : versionAt(repo, head, app, template);
        });
  }

  /** Forgets cached versions on the application's branch, after Baton changed it. */
  public void forget(Application app) {
    cache
        .keySet()
        .removeIf(key -> key.repoUrl().equals(app.repoUrl()) && key.branch().equals(app.branch()));
  }

  /**
   * What the product's version source reads at {@code commit}, read once per commit, file and
   * JSONPath ({@link CommitVersions}); null without a version source.
   */
  static String versionAt(
      CachedRepository repo, ObjectId commit, Application app, PromotionTemplate template) {
    VersionSource source = template == null ? null : template.versionSource();
    if (source == null) {
      return null;
    }
    String path = CachedRepository.join(app.path(), PromotionPlanner.normalise(source.file()));
    return repo.versions()
        .at(
            commit,
            path,
            source.jsonPath(),
            () ->
                read(
                    repo,
                    repo.commit(commit.name()),
                    path,
                    app.name() + " " + source.file(),
                    source));
  }

  private static String read(
      CachedRepository repo, RevCommit commit, String path, String name, VersionSource source) {
    FileEntry file = repo.file(commit, path);
    if (file == null) {
      return null;
    }
    return PromotionPlanner.version(StructuredFile.parse(name, file.text(name)), source.jsonPath());
  }
}
