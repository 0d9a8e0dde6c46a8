package io.baton.graphql;

import static graphql.schema.idl.TypeRuntimeWiring.newTypeWiring;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.baton.Services;
import io.baton.audit.AuditService.Filter;
import io.baton.git.ApplicationChecks.Result;
import io.baton.git.ApplicationChecks.Target;
import io.baton.product.PromotionTemplate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the web app's settings pages need beyond the catalog's mutations: an application's check, a
 * template's preview, the environments' order and the audit log's filters.
 */
final class SettingsWiring {
  private SettingsWiring() {}

  static void wire(RuntimeWiring.Builder wiring, Services services, GraphqlFactory factory) {
    wiring.type(
        newTypeWiring("Query")
            .dataFetcher(
                "checkApplication",
                factory.guarded(
                    "Query",
                    "checkApplication",
                    env ->
                        services
                            .applicationChecks()
                            .check(target(Args.input(env)))
                            .map(SettingsWiring::toJson)))
            .dataFetcher(
                "promotionTemplatePreview",
                factory.guarded(
                    "Query",
                    "promotionTemplatePreview",
                    env ->
                        services
                            .templatePreviews()
                            .preview(
                                env.getArgument("product"),
                                PromotionTemplate.fromInput(env.getArgument("promotionTemplate")))))
            .dataFetcher(
                "auditActors",
                factory.guarded("Query", "auditActors", env -> services.audit().actors()))
            .dataFetcher(
                "auditOperations",
                factory.guarded("Query", "auditOperations", env -> services.audit().operations())));
    wiring.type(
        newTypeWiring("Mutation")
            .dataFetcher(
                "reorderEnvironments",
                factory.mutation(
                    "reorderEnvironments",
                    (env, audit) ->
                        services
                            .environments()
                            .reorder(env.<List<String>>getArgument("names"), audit))));
  }

  /** auditLog's filters; each argument omitted is no limit. */
  static Filter auditFilter(DataFetchingEnvironment env) {
    return new Filter(
        env.getArgument("actor"),
        env.getArgument("operation"),
        env.<Instant>getArgument("since"),
        env.<Instant>getArgument("until"));
  }

  private static Target target(Map<String, Object> input) {
    return new Target(
        (String) input.get("repoUrl"),
        (String) input.get("branch"),
        (String) input.get("path"),
        (String) input.get("product"));
  }

  private static Map<String, Object> toJson(Result result) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ok", result.ok());
    json.put("commit", result.commit());
    json.put("version", result.version());
    json.put("problem", result.problem() == null ? null : result.problem().name());
    json.put("error", result.error());
    return json;
  }
}
