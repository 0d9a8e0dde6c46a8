package io.baton.demo;

import io.baton.Services;
import io.baton.audit.Audit;
import io.baton.environment.EnvironmentKind;
import io.baton.flow.FlowDefinition;
import io.baton.flow.FlowStep;
import io.baton.flow.StepAction;
import io.baton.gate.GateKind;
import io.baton.gate.GateSpec;
import io.baton.gate.GateWhen;
import io.baton.git.DemoRepositories;
import io.baton.product.ApplicationService.NewApplication;
import io.baton.product.Concurrency;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --demo}: the quick start's world, created if missing (a second start changes nothing):
 * environments dev, qa and prod; product demo-trioapp on local Git repositories under the data
 * directory; the flow multi-env-sequential-promotion (dev -> qa -> prod, timeout 5 minutes, version
 * 1.0); and the flow gated-promotion, the same way with a soak on qa and an approval on prod.
 */
public final class Demo {
  private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
  public static final String FLOW = "multi-env-sequential-promotion";

  /** The demo's flow with gates: qa soaks a few seconds, prod waits for one person's approval. */
  public static final String GATED_FLOW = "gated-promotion";

  static final Duration GATED_SOAK = Duration.ofSeconds(5);
  static final String ACTOR = "demo";

  private Demo() {}

  public static Future<Void> install(Vertx vertx, Path dataDir, Services services) {
    return DemoRepositories.create(vertx, dataDir)
        .compose(
            urls ->
                environments(services)
                    .compose(v -> product(services))
                    .compose(v -> applications(services, urls))
                    .compose(v -> flow(services))
                    .compose(v -> gatedFlow(services)))
        .onSuccess(
            v -> LOG.info("demo world ready: trigger {} for {}", FLOW, DemoRepositories.PRODUCT));
  }

  private static Future<Void> environments(Services services) {
    List<String> names = DemoRepositories.ENVIRONMENTS;
    Future<Void> done = Future.succeededFuture();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      int position = i;
      EnvironmentKind kind = name.equals("prod") ? EnvironmentKind.PROD : EnvironmentKind.NON_PROD;
      done =
          done.compose(
              v ->
                  ifMissing(
                      services.environments().find(name),
                      () ->
                          services
                              .environments()
                              .create(
                                  name,
                                  kind,
                                  position,
                                  audit(
                                      "createEnvironment",
                                      Map.of("name", name, "kind", kind, "position", position)))));
    }
    return done;
  }

  private static Future<Void> product(Services services) {
    return ifMissing(
        services.products().find(DemoRepositories.PRODUCT),
        () ->
            services
                .products()
                .create(
                    DemoRepositories.PRODUCT,
                    Concurrency.QUEUE,
                    DemoRepositories.TEMPLATE,
                    audit("createProduct", Map.of("name", DemoRepositories.PRODUCT))));
  }

  private static Future<Void> applications(Services services, Map<String, String> urls) {
    Future<Void> done = Future.succeededFuture();
    for (String env : DemoRepositories.ENVIRONMENTS) {
      String name = DemoRepositories.PRODUCT + "-" + env;
      done =
          done.compose(
              v ->
                  ifMissing(
                      services.applications().find(name),
                      () ->
                          services
                              .applications()
                              .create(
                                  new NewApplication(
                                      name,
                                      DemoRepositories.PRODUCT,
                                      env,
                                      urls.get(env),
                                      DemoRepositories.BRANCH,
                                      DemoRepositories.PATH),
                                  audit(
                                      "createApplication",
                                      Map.of(
                                          "name",
                                          name,
                                          "product",
                                          DemoRepositories.PRODUCT,
                                          "environment",
                                          env)))));
    }
    return done;
  }

  private static Future<Void> flow(Services services) {
    FlowDefinition definition =
        new FlowDefinition(
            FLOW,
            "Sequential promotion through dev, qa and prod",
            "1.0",
            Duration.ofMinutes(5),
            "dev",
            List.of(
                new FlowStep("qa", List.of("dev"), StepAction.COMMIT),
                new FlowStep("prod", List.of("qa"), StepAction.COMMIT)));
    return ifMissing(
        services.flows().find(FLOW),
        () ->
            services
                .flows()
                .create(definition, audit("createPromotionFlow", Map.of("name", FLOW))));
  }

  /**
   * dev -> qa -> prod, where qa's version must stay there {@link #GATED_SOAK} before prod starts,
   * and prod waits, {@code SUSPENDED}, for one promoter's approval (the initiator may give it, so
   * that a newcomer with the one admin token sees the whole way).
   */
  private static Future<Void> gatedFlow(Services services) {
    GateSpec soak =
        new GateSpec(
            GateKind.SOAK,
            GateWhen.AFTER,
            Optional.empty(),
            Optional.empty(),
            null,
            null,
            Optional.of(GATED_SOAK));
    GateSpec approval =
        new GateSpec(
            GateKind.APPROVAL,
            GateWhen.BEFORE,
            Optional.empty(),
            Optional.empty(),
            null,
            GateSpec.Approval.DEFAULTS,
            Optional.empty());
    FlowDefinition definition =
        new FlowDefinition(
            GATED_FLOW,
            "dev -> qa (soaks a few seconds) -> prod (after one approval)",
            "1.0",
            Duration.ofMinutes(30),
            "dev",
            List.of(
                new FlowStep("qa", List.of("dev"), StepAction.COMMIT, List.of(soak)),
                new FlowStep("prod", List.of("qa"), StepAction.COMMIT, List.of(approval))));
    return ifMissing(
        services.flows().find(GATED_FLOW),
        () ->
            services
                .flows()
                .create(definition, audit("createPromotionFlow", Map.of("name", GATED_FLOW))));
  }

  /** The demo's changes are recorded as the mutations that would make them, by {@link #ACTOR}. */
  private static Audit audit(String operation, Map<String, Object> input) {
    return Audit.of(ACTOR, operation, Map.of("input", input));
  }

  private static <T> Future<Void> ifMissing(Future<T> existing, Supplier<Future<?>> create) {
    return existing.compose(
        found -> found != null ? Future.<Void>succeededFuture() : create.get().mapEmpty());
  }
}
