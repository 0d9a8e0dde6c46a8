package io.baton.graphql;

import static graphql.schema.idl.TypeRuntimeWiring.newTypeWiring;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.baton.Services;
import io.baton.auth.Principal;
import io.baton.rollback.Rollbacks;
import java.util.Map;

/** The rollback's part of the schema: rollback and rollbackPreview (docs/api.md, Rollback). */
final class RollbackWiring {
  private RollbackWiring() {}

  static void wire(RuntimeWiring.Builder wiring, Services services, GraphqlFactory factory) {
    wiring.type(
        newTypeWiring("Query")
            .dataFetcher(
                "rollbackPreview",
                factory.guarded(
                    "Query", "rollbackPreview", env -> services.rollbacks().preview(input(env)))));
    wiring.type(
        newTypeWiring("Mutation")
            .dataFetcher(
                "rollback",
                factory.mutation(
                    "rollback",
                    (env, audit) ->
                        services
                            .rollbacks()
                            .rollback(
                                input(env),
                                env.getGraphQlContext().<Principal>get(Principal.class),
                                audit))));
  }

  private static Rollbacks.Input input(DataFetchingEnvironment env) {
    Map<String, Object> in = Args.input(env);
    return new Rollbacks.Input(
        Args.string(in, "product"), Args.string(in, "environment"), Args.string(in, "toRelease"));
  }
}
