package io.baton.graphql;

import static graphql.schema.idl.TypeRuntimeWiring.newTypeWiring;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.baton.Services;
import io.baton.environment.Environment;
import io.baton.error.BatonException;
import io.baton.line.FreezeWindow;
import io.baton.line.LineService;
import io.baton.line.LineService.NewFreezeWindow;
import io.baton.line.LineService.Reason;
import io.baton.product.Application;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Line control's part of the schema (docs/api.md, Line control). */
final class LineWiring {
  private LineWiring() {}

  static void wire(RuntimeWiring.Builder wiring, Services services, GraphqlFactory factory) {
    LineService line = services.line();
    wiring.type(
        newTypeWiring("Query")
            .dataFetcher(
                "freezeWindows", factory.guarded("Query", "freezeWindows", env -> line.windows())));
    wiring.type(
        newTypeWiring("Mutation")
            .dataFetcher(
                "createFreezeWindow",
                factory.mutation(
                    "createFreezeWindow",
                    (env, audit) -> line.createWindow(newWindow(Args.input(env)), audit)))
            .dataFetcher(
                "deleteFreezeWindow",
                factory.mutation(
                    "deleteFreezeWindow",
                    (env, audit) -> line.deleteWindow(env.getArgument("name"), audit)))
            .dataFetcher(
                "overrideFreeze",
                factory.mutation(
                    "overrideFreeze",
                    (env, audit) -> {
                      Map<String, Object> in = Args.input(env);
                      return services
                          .releases()
                          .overrideFreeze(
                              releaseId(Args.string(in, "releaseId")),
                              Args.string(in, "environment"),
                              Args.string(in, "reason"),
                              GraphqlFactory.principal(env),
                              audit);
                    }))
            .dataFetcher(
                "pauseEnvironment",
                factory.mutation(
                    "pauseEnvironment",
                    (env, audit) ->
                        line.pause(env.getArgument("name"), env.getArgument("reason"), audit)))
            .dataFetcher(
                "resumeEnvironment",
                factory.mutation(
                    "resumeEnvironment",
                    (env, audit) -> line.resume(env.getArgument("name"), audit)))
            .dataFetcher(
                "pinApplication",
                factory.mutation(
                    "pinApplication",
                    (env, audit) ->
                        line.pin(env.getArgument("name"), env.getArgument("reason"), audit)))
            .dataFetcher(
                "unpinApplication",
                factory.mutation(
                    "unpinApplication",
                    (env, audit) -> line.unpin(env.getArgument("name"), audit))));
    wiring.type(
        newTypeWiring("Environment")
            .dataFetcher("paused", env -> pauseOf(env).thenApply(r -> r != null))
            .dataFetcher("pauseReason", env -> pauseOf(env).thenApply(LineWiring::text))
            .dataFetcher(
                "frozenBy",
                env ->
                    env.<String, FreezeWindow>getDataLoader(Loaders.WINDOW_OF_ENVIRONMENT)
                        .load(env.<Environment>getSource().name())));
    wiring.type(
        newTypeWiring("Application")
            .dataFetcher("pinned", env -> pinOf(env).thenApply(r -> r != null))
            .dataFetcher("pinReason", env -> pinOf(env).thenApply(LineWiring::text)));
    wiring.type(
        newTypeWiring("FreezeWindow")
            .dataFetcher("id", env -> String.valueOf(window(env).id()))
            .dataFetcher("active", env -> window(env).openUntil(line.now()).isPresent())
            .dataFetcher("closesAt", env -> window(env).openUntil(line.now()).orElse(null))
            .dataFetcher("nextStart", env -> window(env).nextStart(line.now()).orElse(null)));
  }

  private static FreezeWindow window(DataFetchingEnvironment env) {
    return env.getSource();
  }

  /** An environment's pause, batched with every other environment's in the request. */
  private static CompletableFuture<Reason> pauseOf(DataFetchingEnvironment env) {
    return env.<Long, Reason>getDataLoader(Loaders.PAUSE_OF_ENVIRONMENT)
        .load(env.<Environment>getSource().id());
  }

  /** An application's pin, batched with every other application's in the request. */
  private static CompletableFuture<Reason> pinOf(DataFetchingEnvironment env) {
    return env.<Long, Reason>getDataLoader(Loaders.PIN_OF_APPLICATION)
        .load(env.<Application>getSource().id());
  }

  private static String text(Reason reason) {
    return reason == null ? null : reason.by() + ": " + reason.reason();
  }

  @SuppressWarnings("unchecked")
  private static NewFreezeWindow newWindow(Map<String, Object> in) {
    return new NewFreezeWindow(
        Args.string(in, "name"),
        (List<String>) in.get("environments"),
        (Instant) in.get("start"),
        (Instant) in.get("end"),
        Args.string(in, "cron"),
        (Duration) in.get("duration"),
        Args.string(in, "timeZone"),
        Args.string(in, "reason"));
  }

  private static long releaseId(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw BatonException.notFound("release", id);
    }
  }
}
