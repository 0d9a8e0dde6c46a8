package io.baton.graphql;

import static graphql.schema.idl.TypeRuntimeWiring.newTypeWiring;

import graphql.schema.idl.RuntimeWiring;
import io.baton.Services;

/** Configuration as code's part of the schema: applyConfig and exportConfig (docs/api.md). */
final class ConfigWiring {
  private ConfigWiring() {}

  static void wire(RuntimeWiring.Builder wiring, Services services, GraphqlFactory factory) {
    wiring.type(
        newTypeWiring("Query")
            .dataFetcher(
                "exportConfig",
                factory.guarded("Query", "exportConfig", env -> services.config().export())));
    wiring.type(
        newTypeWiring("Mutation")
            .dataFetcher(
                "applyConfig",
                factory.mutation(
                    "applyConfig",
                    (env, audit) ->
                        services
                            .config()
                            .apply(
                                env.getArgument("yaml"),
                                Boolean.TRUE.equals(env.getArgument("dryRun")),
                                Boolean.TRUE.equals(env.getArgument("prune")),
                                audit))));
  }
}
