package io.baton.release;

import io.baton.db.DatabaseUrl;
import io.baton.environment.EnvironmentService;
import io.baton.flow.StepAction;
import io.baton.gate.Gates;
import io.baton.line.LineService;
import io.baton.product.ApplicationService;
import io.baton.product.ProductService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.Map;

/** Builds the release engine's parts and starts and stops them together. */
public final class Releases {
  private final EventFeed feed;
  private final Engine engine;
  private final ReleaseService service;

  /**
   * @param actions what carries out each kind of step action (COMMIT, PULL_REQUEST); a step whose
   *     kind has none fails saying so
   */
  public Releases(
      Vertx vertx,
      Pool pool,
      DatabaseUrl database,
      Clock clock,
      EngineOptions options,
      Map<StepAction, PromotionAction> actions,
      SourcePinner pinner,
      FlowSnapshots flows,
      Gates gates,
      ProductService products,
      EnvironmentService environments,
      ApplicationService applications,
      LineService line,
      StepActionPolicy policy) {
    ReleaseRepository repository = new ReleaseRepository();
    this.feed = new EventFeed(vertx, pool, repository, database);
    this.engine =
        new Engine(
            vertx, pool, repository, actions, applications, feed, gates, line, clock, options);
    this.service =
        new ReleaseService(
            pool,
            repository,
            engine,
            feed,
            flows,
            products,
            environments,
            applications,
            pinner,
            policy);
  }

  public ReleaseService service() {
    return service;
  }

  public Future<Void> start() {
    return feed.start().onSuccess(v -> engine.start());
  }

  public void stop() {
    engine.stop();
    feed.stop();
  }
}
