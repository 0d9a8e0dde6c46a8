package io.baton.bench;

import io.baton.Baton;
import io.baton.Config;
import io.baton.release.EngineOptions;
import io.baton.release.PromotionAction;
import io.baton.release.SourcePinner;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;

/**
 * One Baton instance of the {@code instances} phase, in a JVM of its own: configured from its
 * environment as {@link io.baton.Main} is ({@code BATON_DATABASE_URL}, {@code BATON_ADMIN_TOKEN},
 * ...), with figure 1's test doubles for Git (a promotion that succeeds at once, a pin that answers
 * at once), so that the transitions it runs are comparable with figure 1's. Prints {@code Baton is
 * listening on http://localhost:<port>/} once it serves.
 */
public final class BenchInstance {
  private static final PromotionAction NO_GIT =
      request ->
          Future.succeededFuture(
              new PromotionAction.Result(
                  request.sourceCommit(), "1.0.0", false, "benchmark: no Git"));

  private static final SourcePinner PINNED =
      (source, template) ->
          Future.succeededFuture(
              new SourcePinner.Snapshot("0123456789abcdef0123456789abcdef01234567", "1.0.0"));

  private BenchInstance() {}

  public static void main(String[] args) {
    Config config = Config.fromEnvironment(System.getenv(), List.of());
    Baton.start(
            config, Clock.systemUTC(), new Baton.Parts(NO_GIT, PINNED, EngineOptions.defaults()))
        .onSuccess(
            baton -> {
              Runtime.getRuntime().addShutdownHook(new Thread(baton::close));
              System.out.println("Baton is listening on http://localhost:" + baton.port() + "/");
              System.out.flush();
            })
        .onFailure(
            failure -> {
              failure.printStackTrace();
              System.exit(1);
            });
  }
}
