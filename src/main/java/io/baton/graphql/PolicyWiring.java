package io.baton.graphql;

import static graphql.schema.idl.TypeRuntimeWiring.newTypeWiring;

import graphql.schema.idl.RuntimeWiring;
import io.baton.Services;
import io.baton.environment.EnvironmentKind;
import io.baton.flow.StepAction;
import io.baton.policy.PolicyService;
import io.baton.policy.PromotionPolicy;
import java.util.List;
import java.util.Map;

/** Promotion policies' part of the schema (docs/api.md, Coming from Codefresh). */
final class PolicyWiring {
  private PolicyWiring() {}

  static void wire(RuntimeWiring.Builder wiring, Services services, GraphqlFactory factory) {
    PolicyService policies = services.policies();
    wiring.type(
        newTypeWiring("Query")
            .dataFetcher(
                "promotionPolicies",
                factory.guarded("Query", "promotionPolicies", env -> policies.list()))
            .dataFetcher(
                "effectivePromotionPolicy",
                factory.guarded(
                    "Query",
                    "effectivePromotionPolicy",
                    env ->
                        policies.effective(
                            env.getArgument("product"), env.getArgument("environment")))));
    wiring.type(
        newTypeWiring("Mutation")
            .dataFetcher(
                "createPromotionPolicy",
                factory.mutation(
                    "createPromotionPolicy",
                    (env, audit) -> policies.create(policy(Args.input(env)), audit)))
            .dataFetcher(
                "updatePromotionPolicy",
                factory.mutation(
                    "updatePromotionPolicy",
                    (env, audit) -> policies.update(policy(Args.input(env)), audit)))
            .dataFetcher(
                "deletePromotionPolicy",
                factory.mutation(
                    "deletePromotionPolicy",
                    (env, audit) -> policies.delete(env.getArgument("name"), audit))));
  }

  @SuppressWarnings("unchecked")
  private static PromotionPolicy policy(Map<String, Object> in) {
    Map<String, Object> selector = (Map<String, Object>) in.get("selector");
    Map<String, Object> settings = (Map<String, Object>) in.get("policy");
    return new PromotionPolicy(
        Args.string(in, "name"),
        Args.integer(in, "priority"),
        selector == null
            ? PromotionPolicy.Selector.ALL
            : new PromotionPolicy.Selector(
                (List<String>) selector.get("products"),
                (List<String>) selector.get("environments"),
                kinds(selector.get("environmentKinds"))),
        settings == null
            ? PromotionPolicy.Settings.NONE
            : new PromotionPolicy.Settings(
                Args.enumValue(StepAction.class, settings, "action"),
                Args.string(settings, "preAction"),
                Args.string(settings, "postAction")));
  }

  @SuppressWarnings("unchecked")
  private static List<EnvironmentKind> kinds(Object kinds) {
    return kinds == null
        ? List.of()
        : ((List<String>) kinds).stream().map(EnvironmentKind::valueOf).toList();
  }
}
