package io.baton.release;

import static io.baton.testing.TestServer.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.Baton;
import io.baton.db.DatabaseUrl;
import io.baton.release.ScriptedAction.Behaviour;
import io.baton.testing.Poll;
import io.baton.testing.QuickStartCatalog;
import io.baton.testing.TestPostgres;
import io.baton.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mutation's change and its audit entry commit in one transaction: when the entry cannot be
 * written (a database trigger refuses it), the change is not made either, and a change that is made
 * has its entry written by the same transaction (the rows' {@code xmin} is that transaction).
 */
class AuditedChangesTest {
  private static final String FLOW = "multi-env-sequential-promotion";
  private static final int BURST = 12;

  private static final ScriptedAction action = new ScriptedAction();
  private static TestServer server;
  private static final Map<String, String> ids = new ConcurrentHashMap<>();

  @BeforeAll
  static void catalog() {
    server =
        TestServer.start(
            TestPostgres.newDatabase(),
            Clock.systemUTC(),
            false,
            new Baton.Parts(action, action, ReleaseEngineTest.FAST));
    action.on("qa", Behaviour.HANG);
    QuickStartCatalog.create(server::data);
    QuickStartCatalog.createFlow(server::data, "PT5M");
    for (String product :
        List.of("p-trigger", "p-promote", "p-terminate", "p-retry", "p-burst", "p-refused")) {
      product(product);
    }
    server.data("mutation { createEnvironment(input: {name: \"spare\"}) { name } }");
    server.data("mutation { createProduct(input: {name: \"spare-product\"}) { name } }");
    server.data("mutation { createProduct(input: {name: \"no-applications\"}) { name } }");
    server.data(
        """
        mutation { createApplication(input: {name: "spare-app", product: "spare-product",
          environment: "dev", repoUrl: "file:///srv/git/spare.git"}) { name } }""");
    server.data(
        """
        mutation { createPromotionFlow(input: {name: "spare-flow", triggerEnvironment: "dev",
          steps: [{environment: "qa"}]}) { name } }""");
    String terminate = trigger("p-terminate");
    ids.put("p-terminate", terminate);
    String retry = trigger("p-retry");
    server.data("mutation($id: ID!) { terminateRelease(id: $id) { status } }", Map.of("id", retry));
    ids.put("p-retry", retry);
    ids.put(
        "spare-token",
        server
            .data(
                "mutation { createApiToken(input: {name: \"spare-token\", role: VIEWER}) { apiToken { id } } }")
            .getJsonObject("createApiToken")
            .getJsonObject("apiToken")
            .getString("id"));
  }

  @AfterAll
  static void stop() {
    action.releaseHanging();
    server.close();
  }

  private static void product(String name) {
    server.data(
        "mutation($n: String!) { createProduct(input: {name: $n}) { name } }", Map.of("n", name));
    for (String env : QuickStartCatalog.ENVIRONMENTS) {
      server.data(
          """
          mutation($n: String!, $p: String!, $e: String!) {
            createApplication(input: {name: $n, product: $p, environment: $e,
                                      repoUrl: "file:///srv/git/demo.git", path: $e}) { name } }""",
          Map.of("n", name + "-" + env, "p", name, "e", env));
    }
  }

  private static String trigger(String product) {
    return server
        .data(
            "mutation($p: String!) { triggerPromotionFlow(input: {flow: \""
                + FLOW
                + "\", product: $p}) { id } }",
            Map.of("p", product))
        .getJsonObject("triggerPromotionFlow")
        .getString("id");
  }

  /**
   * A mutation (its $id may be that of a release or token set up before), and a query whose data
   * must read the same after the mutation failed as before it.
   */
  record Case(String mutation, String check, String idOf) {
    Map<String, Object> variables() {
      return idOf == null ? Map.of() : Map.of("id", ids.get(idOf));
    }

    @Override
    public String toString() {
      return mutation.substring(0, mutation.indexOf('('));
    }
  }

  static Stream<Arguments> mutations() {
    return Stream.of(
            new Case(
                "createEnvironment(input: {name: \"staging\"}) { name }",
                "{ environments { name } }",
                null),
            new Case(
                "updateEnvironment(input: {name: \"dev\", position: 42}) { name }",
                "{ environments { name position } }",
                null),
            new Case(
                "deleteEnvironment(name: \"spare\") { name }", "{ environments { name } }", null),
            new Case(
                "createProduct(input: {name: \"other\"}) { name }", "{ products { name } }", null),
            new Case(
                "updateProduct(input: {name: \"demo-trioapp\", concurrency: TERMINATE}) { name }",
                "{ products { name concurrency } }",
                null),
            new Case(
                "deleteProduct(name: \"no-applications\") { name }", "{ products { name } }", null),
            new Case(
                """
                createApplication(input: {name: "other-dev", product: "spare-product",
                  environment: "qa", repoUrl: "file:///srv/git/other.git"}) { name }""",
                "{ applications { name } }",
                null),
            new Case(
                "updateApplication(input: {name: \"spare-app\", branch: \"next\"}) { name }",
                "{ applications { name branch } }",
                null),
            new Case(
                "deleteApplication(name: \"spare-app\") { name }",
                "{ applications { name } }",
                null),
            new Case(
                """
                createPromotionFlow(input: {name: "other-flow", triggerEnvironment: "dev",
                  steps: [{environment: "qa"}]}) { name }""",
                "{ promotionFlows { name } }",
                null),
            new Case(
                "updatePromotionFlow(input: {name: \"spare-flow\", description: \"changed\"}) { name }",
                "{ promotionFlows { name description } }",
                null),
            new Case(
                "deletePromotionFlow(name: \"spare-flow\") { name }",
                "{ promotionFlows { name } }",
                null),
            new Case(
                "applyPromotionFlowYaml(yaml: \"apiVersion: baton/v1\\nkind: PromotionFlow\\nmetadata:\\n  name: yaml-flow\\nspec:\\n  triggerEnvironment: dev\\n  steps:\\n    - environment: qa\\n      dependsOn: [dev]\\n\") { name }",
                "{ promotionFlows { name } }",
                null),
            new Case(
                "createApiToken(input: {name: \"other-token\", role: VIEWER}) { token }",
                "{ apiTokens { name revokedAt } }",
                null),
            new Case(
                "revokeApiToken(id: $id) { id }",
                "{ apiTokens { name revokedAt } }",
                "spare-token"),
            new Case(
                "triggerPromotionFlow(input: {flow: \""
                    + FLOW
                    + "\", product: \"p-trigger\"}) { id }",
                "{ releases(product: \"p-trigger\") { nodes { id } } }",
                null),
            new Case(
                "promote(input: {product: \"p-promote\", sourceEnvironment: \"dev\", targetEnvironment: \"qa\"}) { id }",
                "{ releases(product: \"p-promote\") { nodes { id } } }",
                null),
            new Case(
                "terminateRelease(id: $id) { id }",
                "{ releases(product: \"p-terminate\") { nodes { id status } } }",
                "p-terminate"),
            new Case(
                "retryRelease(id: $id) { id }",
                "{ releases(product: \"p-retry\") { nodes { id status } } }",
                "p-retry"))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutations")
  void a_mutation_whose_audit_entry_cannot_be_written_changes_nothing_and_fails_with_a_stable_code(
      Case mutation) {
    JsonObject before = server.data(mutation.check());
    JsonObject response;
    try (AuditFault fault = refuseAuditEntries()) {
      response =
          server.graphql(
              (mutation.idOf() == null ? "mutation " : "mutation($id: ID!) ")
                  + "{ "
                  + mutation.mutation()
                  + " }",
              mutation.variables());
    }
    assertThat(codeOf(response)).as(response.encode()).isEqualTo("INTERNAL");
    assertThat(TestServer.firstError(response).getString("message"))
        .doesNotContain("audit", "Exception");
    assertThat(server.data(mutation.check())).isEqualTo(before);
  }

  @Test
  void a_mutation_and_its_audit_entry_commit_in_the_same_transaction() {
    server.data("mutation { createEnvironment(input: {name: \"audited\"}) { name } }");

    List<List<String>> rows =
        sql(
            """
            SELECT a.actor, (a.xmin = e.xmin)::text FROM environment e, audit_entry a
            WHERE e.name = 'audited' AND a.operation = 'createEnvironment'
              AND a.input -> 'input' ->> 'name' = 'audited'""");
    assertThat(rows).containsExactly(List.of("admin", "true"));
  }

  @Test
  void
      concurrent_triggers_each_write_their_audit_entry_in_the_transaction_creating_their_release() {
    List<JsonObject> responses = burst("p-burst");
    assertThat(responses).allSatisfy(r -> assertThat(r.containsKey("errors")).isFalse());

    assertThat(
            sql(
                """
                SELECT count(*)::text FROM audit_entry
                WHERE operation = 'triggerPromotionFlow' AND input -> 'input' ->> 'product' = 'p-burst'"""))
        .containsExactly(List.of(Integer.toString(BURST)));
    // The transaction that wrote a release's first event created it: it wrote one entry per
    // release it created.
    List<List<String>> transactions =
        sql(
            """
            WITH created AS (
              SELECT (SELECT ev.xmin::text FROM release_event ev WHERE ev.release_id = r.id ORDER BY ev.id LIMIT 1)
                     AS tx
              FROM release r JOIN product p ON p.id = r.product_id WHERE p.name = 'p-burst'),
            entries AS (
              SELECT xmin::text AS tx FROM audit_entry
              WHERE operation = 'triggerPromotionFlow' AND input -> 'input' ->> 'product' = 'p-burst')
            SELECT c.tx, count(*)::text, (SELECT count(*) FROM entries e WHERE e.tx = c.tx)::text
            FROM created c GROUP BY c.tx""");
    assertThat(transactions.stream().mapToInt(row -> Integer.parseInt(row.get(1))).sum())
        .isEqualTo(BURST);
    assertThat(transactions)
        .allSatisfy(
            row ->
                assertThat(row.get(2))
                    .as("audit entries written by transaction " + row.get(0))
                    .isEqualTo(row.get(1)));
  }

  @Test
  void concurrent_triggers_whose_audit_entries_cannot_be_written_create_no_release() {
    List<JsonObject> responses;
    try (AuditFault fault = refuseAuditEntries()) {
      responses = burst("p-refused");
    }

    assertThat(responses).allSatisfy(r -> assertThat(codeOf(r)).isEqualTo("INTERNAL"));
    assertThat(
            server
                .data("{ releases(product: \"p-refused\") { nodes { id } } }")
                .getJsonObject("releases")
                .getJsonArray("nodes"))
        .isEmpty();
  }

  /**
   * {@link #BURST} triggers of one product at once: their pins are held until all have arrived, so
   * that they are created in shared batches.
   */
  private static List<JsonObject> burst(String product) {
    Promise<Void> gate = Promise.promise();
    int pinsBefore = action.pins.get();
    action.pinGate = gate.future();
    ExecutorService clients = Executors.newFixedThreadPool(BURST);
    try {
      List<CompletableFuture<JsonObject>> sent = new ArrayList<>();
      IntStream.range(0, BURST)
          .forEach(
              i ->
                  sent.add(
                      CompletableFuture.supplyAsync(
                          () ->
                              server.graphql(
                                  "mutation($p: String!) { triggerPromotionFlow(input: {flow: \""
                                      + FLOW
                                      + "\", product: $p}) { id } }",
                                  Map.of("p", product)),
                          clients)));
      Poll.until(
          () -> action.pins.get() - pinsBefore,
          n -> n == BURST,
          Duration.ofSeconds(20),
          "every trigger to wait at its pin");
      action.pinGate = Future.succeededFuture();
      gate.complete();
      return sent.stream().map(f -> f.orTimeout(30, TimeUnit.SECONDS).join()).toList();
    } finally {
      clients.shutdownNow();
    }
  }

  /** While open, every insert into audit_entry fails, as a broken disk or a full table would. */
  private interface AuditFault extends AutoCloseable {
    @Override
    void close();
  }

  private static AuditFault refuseAuditEntries() {
    execute(
        """
        CREATE OR REPLACE FUNCTION refuse_audit_entry() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the audit log refuses writes'; END $$;
        CREATE TRIGGER refuse_audit_entry BEFORE INSERT ON audit_entry
          FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_entry();""");
    return () -> execute("DROP TRIGGER refuse_audit_entry ON audit_entry");
  }

  private static Connection connect() throws SQLException {
    DatabaseUrl url = server.database();
    return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
  }

  private static void execute(String statement) {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<List<String>> sql(String query) {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(query)) {
      List<List<String>> result = new ArrayList<>();
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rows.getString(i));
        }
        result.add(row);
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
