package io.baton.graphql;

import static graphql.schema.idl.TypeRuntimeWiring.newTypeWiring;

import graphql.GraphQL;
import graphql.execution.AsyncExecutionStrategy;
import graphql.parser.ParserOptions;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.baton.Services;
import io.baton.audit.Audit;
import io.baton.auth.Permissions;
import io.baton.auth.Principal;
import io.baton.auth.Role;
import io.baton.config.ConfigWarning;
import io.baton.environment.Environment;
import io.baton.environment.EnvironmentKind;
import io.baton.environment.EnvironmentService.EnvironmentChange;
import io.baton.environment.EnvironmentService.NewEnvironment;
import io.baton.error.BatonException;
import io.baton.flow.FlowYaml;
import io.baton.flow.KeptField;
import io.baton.flow.PromotionFlow;
import io.baton.flow.StepAction;
import io.baton.gate.GateSpec;
import io.baton.git.RemoteReads;
import io.baton.product.Application;
import io.baton.product.ApplicationService.NewApplication;
import io.baton.product.Concurrency;
import io.baton.product.Product;
import io.baton.product.ProductFlowTrigger;
import io.baton.product.PromotionTemplate;
import io.baton.product.RepoUrl;
import io.baton.pullrequest.PullRequests;
import io.baton.release.EventFeed;
import io.baton.release.Release;
import io.baton.release.ReleaseService;
import io.baton.release.ReleaseService.ProductPage;
import io.baton.release.ReleaseStatus;
import io.baton.release.ReleaseStep;
import io.baton.rollback.ApplicationHistory;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.dataloader.DataLoaderRegistry;

/**
 * All GraphQL wiring, in one place: the schema comes from {@code schema/*.graphqls} on the
 * classpath; every root field passes through {@link #guarded}, which checks the caller's role, and
 * every mutation through {@link #mutation}, which hands it its audit entry.
 */
public final class GraphqlFactory {
  static final String SCHEMA_RESOURCE = "schema/baton.graphqls";
  public static final int MAX_DEPTH = 15;
  public static final int MAX_COMPLEXITY = 2_000;
  public static final int MAX_ALIASES = 100;
  public static final int MAX_TOKENS = 15_000;
  public static final int MAX_PARSER_DEPTH = 200;

  private static final AtomicLong EXECUTIONS = new AtomicLong();

  private final Services services;

  public GraphqlFactory(Services services) {
    this.services = services;
  }

  public GraphQL build() {
    ParserOptions.setDefaultOperationParserOptions(
        ParserOptions.getDefaultOperationParserOptions()
            .transform(o -> o.maxTokens(MAX_TOKENS).maxRuleDepth(MAX_PARSER_DEPTH)));
    GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(typeRegistry(), wiring());
    Errors errors = new Errors();
    return GraphQL.newGraphQL(schema)
        .queryExecutionStrategy(new AsyncExecutionStrategy(errors))
        .mutationExecutionStrategy(new graphql.execution.AsyncSerialExecutionStrategy(errors))
        .subscriptionExecutionStrategy(new graphql.execution.SubscriptionExecutionStrategy(errors))
        .preparsedDocumentProvider(new DocumentCache())
        .instrumentation(new QueryLimits(MAX_ALIASES, MAX_DEPTH, MAX_COMPLEXITY))
        // Execution ids only label an execution; the default draws a random UUID (SecureRandom) per
        // request.
        .executionIdProvider(
            (query, operationName, context) ->
                graphql.execution.ExecutionId.from(Long.toString(EXECUTIONS.incrementAndGet())))
        .build();
  }

  public DataLoaderRegistry dataLoaders() {
    return Loaders.registry(services);
  }

  static TypeDefinitionRegistry typeRegistry() {
    try (InputStream in =
        GraphqlFactory.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA_RESOURCE + " is not on the classpath");
      }
      return new SchemaParser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private RuntimeWiring wiring() {
    RuntimeWiring.Builder wiring =
        RuntimeWiring.newRuntimeWiring().scalar(Scalars.DATE_TIME).scalar(Scalars.DURATION);
    wireCatalog(wiring);
    wireFlows(wiring);
    wireTokens(wiring);
    wireGit(wiring);
    wireReleases(wiring);
    WebhookWiring.wire(wiring, services, this);
    RollbackWiring.wire(wiring, services, this);
    LineWiring.wire(wiring, services, this);
    ConfigWiring.wire(wiring, services, this);
    SettingsWiring.wire(wiring, services, this);
    PolicyWiring.wire(wiring, services, this);
    return wiring.build();
  }

  private void wireCatalog(RuntimeWiring.Builder wiring) {
    wiring.type(
        newTypeWiring("Query")
            .dataFetcher(
                "environments",
                guarded("Query", "environments", env -> services.environments().list()))
            .dataFetcher(
                "environment",
                guarded(
                    "Query",
                    "environment",
                    env -> services.environments().find(env.getArgument("name"))))
            .dataFetcher(
                "products", guarded("Query", "products", env -> services.products().list()))
            .dataFetcher(
                "product",
                guarded(
                    "Query", "product", env -> services.products().find(env.getArgument("name"))))
            .dataFetcher(
                "applications",
                guarded("Query", "applications", env -> services.applications().list()))
            .dataFetcher(
                "application",
                guarded(
                    "Query",
                    "application",
                    env -> services.applications().find(env.getArgument("name")))));

    wiring.type(
        newTypeWiring("Mutation")
            .dataFetcher(
                "createEnvironment",
                mutation(
                    "createEnvironment",
                    (env, audit) -> {
                      Map<String, Object> in = Args.input(env);
                      return services
                          .environments()
                          .create(
                              new NewEnvironment(
                                  Args.string(in, "name"),
                                  Args.enumValue(EnvironmentKind.class, in, "kind"),
                                  Args.integer(in, "position"),
                                  GateInputs.gates(in.get("gates")),
                                  Args.string(in, "argocdServer")),
                              audit);
                    }))
            .dataFetcher(
                "updateEnvironment",
                mutation(
                    "updateEnvironment",
                    (env, audit) -> {
                      Map<String, Object> in = Args.input(env);
                      return services
                          .environments()
                          .update(
                              new EnvironmentChange(
                                  Args.string(in, "name"),
                                  Args.enumValue(EnvironmentKind.class, in, "kind"),
                                  Args.integer(in, "position"),
                                  GateInputs.gates(in.get("gates")),
                                  in.containsKey("argocdServer"),
                                  Args.string(in, "argocdServer")),
                              audit);
                    }))
            .dataFetcher(
                "deleteEnvironment",
                mutation(
                    "deleteEnvironment",
                    (env, audit) -> services.environments().delete(env.getArgument("name"), audit)))
            .dataFetcher(
                "createProduct",
                mutation(
                    "createProduct",
                    (env, audit) -> {
                      Map<String, Object> in = Args.input(env);
                      return services
                          .products()
                          .create(
                              Args.string(in, "name"),
                              Args.enumValue(Concurrency.class, in, "concurrency"),
                              PromotionTemplate.fromInput(template(in)),
                              FlowTriggerInputs.of(in),
                              audit);
                    }))
            .dataFetcher(
                "updateProduct",
                mutation(
                    "updateProduct",
                    (env, audit) -> {
                      Map<String, Object> in = Args.input(env);
                      return services
                          .products()
                          .update(
                              Args.string(in, "name"),
                              Args.enumValue(Concurrency.class, in, "concurrency"),
                              in.containsKey("promotionTemplate"),
                              PromotionTemplate.fromInput(template(in)),
                              FlowTriggerInputs.of(in),
                              audit);
                    }))
            .dataFetcher(
                "deleteProduct",
                mutation(
                    "deleteProduct",
                    (env, audit) -> services.products().delete(env.getArgument("name"), audit)))
            .dataFetcher(
                "createApplication",
                mutation(
                    "createApplication",
                    (env, audit) -> {
                      Map<String, Object> in = Args.input(env);
                      return services
                          .applications()
                          .create(
                              new NewApplication(
                                  Args.string(in, "name"),
                                  Args.string(in, "product"),
                                  Args.string(in, "environment"),
                                  Args.string(in, "repoUrl"),
                                  Args.string(in, "branch"),
                                  Args.string(in, "path"),
                                  Args.string(in, "argocdApplication")),
                              audit);
                    }))
            .dataFetcher(
                "updateApplication",
                mutation(
                    "updateApplication",
                    (env, audit) -> {
                      Map<String, Object> in = Args.input(env);
                      return services
                          .applications()
                          .update(
                              Args.string(in, "name"),
                              Args.string(in, "repoUrl"),
                              Args.string(in, "branch"),
                              Args.string(in, "path"),
                              Args.string(in, "argocdApplication"),
                              audit);
                    }))
            .dataFetcher(
                "deleteApplication",
                mutation(
                    "deleteApplication",
                    (env, audit) ->
                        services.applications().delete(env.getArgument("name"), audit))));

    wiring.type(
        newTypeWiring("Environment")
            .dataFetcher(
                "applications",
                env ->
                    Loaders.orEmpty(
                        env.<Long, List<Application>>getDataLoader(
                                Loaders.APPLICATIONS_OF_ENVIRONMENT)
                            .load(env.<Environment>getSource().id())))
            .dataFetcher("gates", env -> complete(env).thenApply(Environment::gates))
            .dataFetcher(
                "argocdServer", env -> complete(env).thenApply(Environment::argocdServer)));
    wiring.type(
        newTypeWiring("Product")
            .dataFetcher(
                "applications",
                env ->
                    Loaders.orEmpty(
                        env.<Long, List<Application>>getDataLoader(Loaders.APPLICATIONS_OF_PRODUCT)
                            .load(env.<Product>getSource().id())))
            .dataFetcher(
                "promotionFlows",
                env ->
                    Loaders.orEmpty(
                        env.<Long, List<ProductFlowTrigger>>getDataLoader(
                                Loaders.FLOW_TRIGGERS_OF_PRODUCT)
                            .load(env.<Product>getSource().id()))));
    wireAutomation(wiring);
    wiring.type(
        newTypeWiring("Application")
            .dataFetcher("repoUrl", env -> RepoUrl.redact(env.<Application>getSource().repoUrl()))
            .dataFetcher(
                "product",
                env ->
                    env.getDataLoader(Loaders.PRODUCT)
                        .load(env.<Application>getSource().productId()))
            .dataFetcher(
                "environment",
                env ->
                    env.getDataLoader(Loaders.ENVIRONMENT)
                        .load(env.<Application>getSource().environmentId())));
  }

  /** The flows products run by themselves, and pausing them. */
  private void wireAutomation(RuntimeWiring.Builder wiring) {
    wiring.type(
        newTypeWiring("ProductFlowTrigger")
            .dataFetcher(
                "flow",
                env ->
                    env.getDataLoader(Loaders.FLOW)
                        .load(env.<ProductFlowTrigger>getSource().flowId()))
            .dataFetcher(
                "gitTriggerSelectors", env -> env.<ProductFlowTrigger>getSource().selectors()));
    wiring.type(
        newTypeWiring("Mutation")
            .dataFetcher(
                "pauseAutoTrigger",
                mutation(
                    "pauseAutoTrigger",
                    (env, audit) ->
                        services
                            .products()
                            .pauseAutoTrigger(
                                env.getArgument("product"), env.getArgument("reason"), audit)))
            .dataFetcher(
                "resumeAutoTrigger",
                mutation(
                    "resumeAutoTrigger",
                    (env, audit) ->
                        services.products().resumeAutoTrigger(env.getArgument("product"), audit))));
  }

  private void wireGit(RuntimeWiring.Builder wiring) {
    wiring.type(
        newTypeWiring("Query")
            .dataFetcher(
                "promotionPreview",
                guarded(
                    "Query",
                    "promotionPreview",
                    env ->
                        services
                            .promotionPreviews()
                            .preview(
                                env.getArgument("product"),
                                env.getArgument("sourceEnvironment"),
                                env.getArgument("targetEnvironment"),
                                remoteReads(env)))));
    wiring.type(
        newTypeWiring("Application")
            .dataFetcher(
                "version",
                env ->
                    env.getDataLoader(Loaders.APPLICATION_VERSION)
                        .load(env.<Application>getSource()))
            .dataFetcher(
                "history",
                env ->
                    env.getDataLoader(Loaders.HISTORY_OF_APPLICATION)
                        .load(
                            new ApplicationHistory.Page(
                                env.<Application>getSource().id(),
                                Cursors.decodeLong(env.getArgument("after")),
                                Args.first(env, 100)))));
    wiring.type(
        newTypeWiring("ApplicationVersion")
            .dataFetcher(
                "release",
                env ->
                    env.getDataLoader(Loaders.RELEASE)
                        .load(env.<ApplicationHistory.Entry>getSource().releaseId()))
            .dataFetcher(
                "cursor",
                env -> Cursors.encodeLong(env.<ApplicationHistory.Entry>getSource().releaseId())));
  }

  private void wireFlows(RuntimeWiring.Builder wiring) {
    wiring.type(
        newTypeWiring("Query")
            .dataFetcher(
                "promotionFlows",
                guarded("Query", "promotionFlows", env -> services.flows().list()))
            .dataFetcher(
                "promotionFlow",
                guarded(
                    "Query",
                    "promotionFlow",
                    env -> services.flows().find(env.getArgument("name")))));
    wiring.type(
        newTypeWiring("Mutation")
            .dataFetcher(
                "createPromotionFlow",
                mutation(
                    "createPromotionFlow",
                    (env, audit) ->
                        services.flows().create(FlowInputs.definition(Args.input(env)), audit)))
            .dataFetcher(
                "updatePromotionFlow",
                mutation(
                    "updatePromotionFlow",
                    (env, audit) -> {
                      Map<String, Object> in = Args.input(env);
                      return services
                          .flows()
                          .update(
                              Args.string(in, "name"),
                              current -> FlowInputs.change(current, in),
                              audit);
                    }))
            .dataFetcher(
                "deletePromotionFlow",
                mutation(
                    "deletePromotionFlow",
                    (env, audit) -> services.flows().delete(env.getArgument("name"), audit)))
            .dataFetcher(
                "applyPromotionFlowYaml",
                mutation(
                    "applyPromotionFlowYaml",
                    (env, audit) -> services.flows().applyYaml(env.getArgument("yaml"), audit))));
    // Environments come with the flow (joined when it is read), so none of these fields makes a
    // query.
    wiring.type(
        newTypeWiring("PromotionFlow")
            .dataFetcher("yaml", env -> env.<PromotionFlow>getSource().yaml())
            .dataFetcher("warnings", env -> keptFields(env.getSource())));
    wireGates(wiring);
  }

  /** The vendor's fields the flow keeps but does not carry out, as ConfigWarnings of its yaml. */
  private static List<ConfigWarning> keptFields(PromotionFlow flow) {
    return KeptField.of(flow.definition(), "spec").stream()
        .map(f -> new ConfigWarning(FlowYaml.KIND, flow.name(), f.path(), f.message()))
        .toList();
  }

  /** Gate is a GateSpec: the fields of its kind's part, null for the other kinds. */
  private static void wireGates(RuntimeWiring.Builder wiring) {
    wiring.type(
        newTypeWiring("Gate")
            .dataFetcher("timeout", env -> gate(env).timeout().orElse(null))
            .dataFetcher("interval", env -> gate(env).interval().orElse(null))
            .dataFetcher("duration", env -> gate(env).soak().orElse(null))
            .dataFetcher("method", env -> http(env, GateSpec.Http::method))
            .dataFetcher("url", env -> http(env, GateSpec.Http::url))
            .dataFetcher(
                "headers",
                env ->
                    http(
                        env,
                        h ->
                            h.headers().entrySet().stream()
                                .map(e -> Map.of("name", e.getKey(), "value", e.getValue()))
                                .toList()))
            .dataFetcher("expectStatus", env -> http(env, GateSpec.Http::expectStatus))
            .dataFetcher("expectJsonPath", env -> http(env, h -> h.expectJsonPath().orElse(null)))
            .dataFetcher("expectValue", env -> http(env, h -> h.expectValue().orElse(null)))
            .dataFetcher("approvals", env -> approval(env, GateSpec.Approval::approvals))
            .dataFetcher("approverRole", env -> approval(env, GateSpec.Approval::approverRole))
            .dataFetcher(
                "allowInitiator", env -> approval(env, GateSpec.Approval::allowInitiator)));
  }

  private static GateSpec gate(DataFetchingEnvironment env) {
    return env.getSource();
  }

  private static Object http(DataFetchingEnvironment env, Function<GateSpec.Http, Object> field) {
    GateSpec.Http http = gate(env).http();
    return http == null ? null : field.apply(http);
  }

  private static Object approval(
      DataFetchingEnvironment env, Function<GateSpec.Approval, Object> field) {
    GateSpec.Approval approval = gate(env).approval();
    return approval == null ? null : field.apply(approval);
  }

  /**
   * The whole environment: itself when it was read whole, else by id (an environment joined into a
   * release's step has no gates).
   */
  private static CompletionStage<Environment> complete(DataFetchingEnvironment env) {
    Environment environment = env.getSource();
    return environment.complete()
        ? CompletableFuture.completedFuture(environment)
        : env.<Long, Environment>getDataLoader(Loaders.ENVIRONMENT).load(environment.id());
  }

  private void wireTokens(RuntimeWiring.Builder wiring) {
    wiring.type(
        newTypeWiring("Query")
            .dataFetcher(
                "me", guarded("Query", "me", env -> Future.succeededFuture(principal(env))))
            .dataFetcher(
                "apiTokens", guarded("Query", "apiTokens", env -> services.tokens().list()))
            .dataFetcher(
                "auditLog",
                guarded(
                    "Query",
                    "auditLog",
                    env -> {
                      int first = Args.first(env, 200);
                      Long after = Cursors.decodeLong(env.getArgument("after"));
                      return services
                          .audit()
                          .page(first + 1, after, SettingsWiring.auditFilter(env))
                          .map(
                              entries ->
                                  Connection.of(entries, first, e -> Cursors.encodeLong(e.id())));
                    })));
    wiring.type(
        newTypeWiring("Mutation")
            .dataFetcher(
                "createApiToken",
                mutation(
                    "createApiToken",
                    (env, audit) -> {
                      Map<String, Object> in = Args.input(env);
                      return services
                          .tokens()
                          .create(
                              Args.string(in, "name"),
                              Args.enumValue(Role.class, in, "role"),
                              audit);
                    }))
            .dataFetcher(
                "revokeApiToken",
                mutation(
                    "revokeApiToken",
                    (env, audit) -> services.tokens().revoke(Args.id(env, "API token"), audit))));
  }

  private void wireReleases(RuntimeWiring.Builder wiring) {
    wiring.type(
        newTypeWiring("Query")
            .dataFetcher(
                "releases",
                guarded(
                    "Query",
                    "releases",
                    env -> {
                      int first = Args.first(env, 100);
                      String status = env.getArgument("status");
                      // Steps asked for: read them with the page, one statement instead of a page
                      // and a batch of steps.
                      boolean withSteps =
                          Selections.selects(env, "nodes", "steps")
                              || Selections.selects(env, "edges", "node", "steps");
                      return services
                          .releases()
                          .page(
                              env.getArgument("product"),
                              env.getArgument("promotionFlow"),
                              status == null ? null : ReleaseStatus.valueOf(status),
                              Cursors.decodeLong(env.getArgument("after")),
                              first + 1,
                              withSteps)
                          .map(
                              releases ->
                                  Connection.of(releases, first, r -> Cursors.encodeLong(r.id())));
                    }))
            .dataFetcher(
                "release",
                guarded(
                    "Query",
                    "release",
                    env -> {
                      Long id = releaseId(env.getArgument("id"));
                      if (id == null) {
                        return Future.succeededFuture(null);
                      }
                      // With its steps, in one statement: a step held SUSPENDED is never shown
                      // beside the release's status from before.
                      return Selections.selects(env, "steps")
                          ? services.releases().findWithSteps(id)
                          : services.releases().find(id);
                    })));
    wiring.type(
        newTypeWiring("Mutation")
            .dataFetcher(
                "triggerPromotionFlow",
                mutation(
                    "triggerPromotionFlow",
                    (env, audit) -> {
                      Map<String, Object> in = Args.input(env);
                      return services
                          .releases()
                          .trigger(
                              new ReleaseService.Trigger(
                                  Args.string(in, "flow"),
                                  Args.string(in, "product"),
                                  Args.string(in, "sourceApplication")),
                              principal(env),
                              audit);
                    }))
            .dataFetcher(
                "promote",
                mutation(
                    "promote",
                    (env, audit) -> {
                      Map<String, Object> in = Args.input(env);
                      return services
                          .releases()
                          .promote(
                              new ReleaseService.Promote(
                                  Args.string(in, "product"),
                                  Args.string(in, "sourceEnvironment"),
                                  Args.string(in, "targetEnvironment")),
                              principal(env),
                              audit);
                    }))
            .dataFetcher(
                "terminateRelease",
                mutation(
                    "terminateRelease",
                    (env, audit) ->
                        services
                            .releases()
                            .terminate(Args.id(env, "release"), principal(env), audit)))
            .dataFetcher(
                "retryRelease",
                mutation(
                    "retryRelease",
                    (env, audit) ->
                        services.releases().retry(Args.id(env, "release"), principal(env), audit)))
            .dataFetcher("approveStep", mutation("approveStep", stepAnswer(services, true)))
            .dataFetcher("rejectStep", mutation("rejectStep", stepAnswer(services, false))));
    wiring.type(
        newTypeWiring("Subscription")
            .dataFetcher(
                "releaseEvents",
                guarded(
                    "Subscription",
                    "releaseEvents",
                    env -> {
                      String releaseId = env.getArgument("releaseId");
                      Long id = releaseId == null ? null : releaseId(releaseId);
                      if (releaseId != null && id == null) {
                        return Future.failedFuture(BatonException.notFound("release", releaseId));
                      }
                      return services
                          .releases()
                          .events(env.getArgument("product"), id, env.getArgument("after"))
                          .map(events -> EventTap.tapped(env, events));
                    })));
    wiring.type(
        newTypeWiring("Product")
            .dataFetcher(
                "releases",
                env -> {
                  int first = Args.first(env, 100);
                  return env.<ProductPage, List<Release>>getDataLoader(Loaders.RELEASES_OF_PRODUCT)
                      .load(
                          new ProductPage(
                              env.<Product>getSource().id(),
                              Cursors.decodeLong(env.getArgument("after")),
                              first + 1))
                      .thenApply(
                          releases ->
                              Connection.of(releases, first, r -> Cursors.encodeLong(r.id())));
                }));
    wiring.type(
        newTypeWiring("Release")
            .dataFetcher(
                "product",
                env ->
                    env.getDataLoader(Loaders.PRODUCT).load(env.<Release>getSource().productId()))
            .dataFetcher(
                "promotionFlow",
                env -> loadIfPresent(env, Loaders.FLOW, env.<Release>getSource().flowId()))
            .dataFetcher(
                "sourceApplication",
                env ->
                    loadIfPresent(
                        env, Loaders.APPLICATION, env.<Release>getSource().sourceApplicationId()))
            .dataFetcher(
                "steps",
                env -> {
                  Release release = env.getSource();
                  if (release.steps() != null) {
                    return CompletableFuture.completedFuture(release.steps());
                  }
                  return Loaders.orEmpty(
                      env.<Long, List<ReleaseStep>>getDataLoader(Loaders.STEPS_OF_RELEASE)
                          .load(release.id()));
                }));
    wiring.type(
        newTypeWiring("ReleaseStep")
            .dataFetcher(
                "environment",
                env -> {
                  ReleaseStep step = env.getSource();
                  return step.environment() != null
                      ? CompletableFuture.completedFuture(step.environment())
                      : env.getDataLoader(Loaders.ENVIRONMENT).load(step.environmentId());
                })
            .dataFetcher(
                "application",
                env ->
                    loadIfPresent(
                        env, Loaders.APPLICATION, env.<ReleaseStep>getSource().applicationId()))
            .dataFetcher(
                "dependsOn",
                env ->
                    env.getDataLoader(Loaders.ENVIRONMENT)
                        .loadMany(List.copyOf(env.<ReleaseStep>getSource().dependsOn())))
            .dataFetcher("gates", env -> stepList(env, Loaders.GATES_OF_STEP))
            .dataFetcher("approvals", env -> stepList(env, Loaders.APPROVALS_OF_STEP))
            .dataFetcher("pullRequest", GraphqlFactory::pullRequestOf));
    wiring.type(
        newTypeWiring("ReleaseEvent")
            .dataFetcher("release", env -> env.<EventFeed.ReleaseEvent>getSource().release())
            .dataFetcher(
                "environment", env -> environmentOf(env, env.<EventFeed.ReleaseEvent>getSource())));
  }

  /** A PULL_REQUEST step's newest pull request, batched by DataLoader; null for other steps. */
  private static CompletionStage<Object> pullRequestOf(DataFetchingEnvironment env) {
    ReleaseStep step = env.getSource();
    if (step.action() != StepAction.PULL_REQUEST) {
      return CompletableFuture.completedFuture(null);
    }
    return env.getDataLoader(Loaders.PULL_REQUEST_OF_STEP)
        .load(new PullRequests.StepRef(step.releaseId(), step.environmentId()));
  }

  /** A list of the step's (its gates, its current attempt's approvals), batched by DataLoader. */
  private static CompletionStage<List<Object>> stepList(
      DataFetchingEnvironment env, String loader) {
    return Loaders.orEmpty(
        env.<ReleaseStep.Key, List<Object>>getDataLoader(loader)
            .load(env.<ReleaseStep>getSource().key()));
  }

  /**
   * The event's environment, from the release's steps read with it; by DataLoader only if it is not
   * among them.
   */
  private static CompletionStage<Object> environmentOf(
      DataFetchingEnvironment env, EventFeed.ReleaseEvent event) {
    Long environmentId = event.environmentId();
    if (environmentId != null && event.release() != null && event.release().steps() != null) {
      for (ReleaseStep step : event.release().steps()) {
        if (step.environmentId() == environmentId && step.environment() != null) {
          return CompletableFuture.completedFuture(step.environment());
        }
      }
    }
    return loadIfPresent(env, Loaders.ENVIRONMENT, environmentId);
  }

  private static CompletionStage<Object> loadIfPresent(
      DataFetchingEnvironment env, String loader, Long id) {
    return id == null
        ? CompletableFuture.completedFuture(null)
        : env.getDataLoader(loader).load(id);
  }

  /** approveStep / rejectStep: a person's answer to the approval gate of a release's step. */
  private static BiFunction<DataFetchingEnvironment, Audit, Future<Release>> stepAnswer(
      Services services, boolean approved) {
    return (env, audit) -> {
      Map<String, Object> in = Args.input(env);
      String release = Args.string(in, "releaseId");
      Long id = releaseId(release);
      if (id == null) {
        return Future.failedFuture(BatonException.notFound("release", release));
      }
      String environment = Args.string(in, "environment");
      String comment = Args.string(in, "comment");
      return approved
          ? services.releases().approve(id, environment, principal(env), comment, audit)
          : services.releases().reject(id, environment, principal(env), comment, audit);
    };
  }

  private static Long releaseId(String id) {
    try {
      return id == null ? null : Long.parseLong(id);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The request's budget of remote reads, made by its first field that reads a remote. */
  private RemoteReads remoteReads(DataFetchingEnvironment env) {
    return env.getGraphQlContext()
        .computeIfAbsent(RemoteReads.class, key -> services.promotionPreviews().newRequest());
  }

  static Principal principal(DataFetchingEnvironment env) {
    return env.getGraphQlContext().get(Principal.class);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> template(Map<String, Object> input) {
    return (Map<String, Object>) input.get("promotionTemplate");
  }

  /** A root field: the caller's role is checked before anything runs. */
  <T> DataFetcher<CompletionStage<T>> guarded(
      String type, String field, Function<DataFetchingEnvironment, Future<T>> fetch) {
    return env -> {
      Principal principal = env.getGraphQlContext().get(Principal.class);
      try {
        Permissions.check(principal, type, field);
        return fetch.apply(env).toCompletionStage();
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    };
  }

  /**
   * A mutation: guarded as any root field, and handed the audit entry that records it with its
   * author, for the service to write in the transaction that makes the change.
   */
  <T> DataFetcher<CompletionStage<T>> mutation(
      String field, BiFunction<DataFetchingEnvironment, Audit, Future<T>> change) {
    return guarded(
        "Mutation",
        field,
        env -> change.apply(env, Audit.of(principal(env).name(), field, env.getArguments())));
  }
}
