package io.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import-codefresh DIR} against a real Baton, on a directory laid out like the vendor's
 * shared configuration repository: its documents (the published examples) among an Argo CD
 * Application, a README, a Helm template that is not YAML and a .git directory.
 */
class ImportCodefreshTest {
  private static final String ENVIRONMENTS =
      """
      mutation {
        dev: createEnvironment(input: {name: "dev", kind: NON_PROD}) { name }
        qa: createEnvironment(input: {name: "qa", kind: NON_PROD}) { name }
        staging: createEnvironment(input: {name: "staging", kind: NON_PROD}) { name }
        prod: createEnvironment(input: {name: "prod", kind: PROD}) { name }
        production: createEnvironment(input: {name: "production", kind: PROD}) { name }
      }""";

  private static final String ARGO_APPLICATION =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Application
      metadata:
        name: guestbook-dev
      spec:
        project: default
        source:
          repoURL: https://github.com/argoproj/argocd-example-apps.git
          path: guestbook
        destination:
          server: https://kubernetes.default.svc
          namespace: guestbook
      """;

  @TempDir Path repo;
  private TestServer baton;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws IOException {
    baton = TestServer.start();
    baton.data(ENVIRONMENTS);
    write(
        "resources/configurations/promotion-flows/global-parallel-flow.yaml",
        "flows/1-promotion-flow-crd.yaml");
    Files.writeString(
        file("resources/configurations/promotion-flows/older.yml"),
        fixture("flows/5-promotion-flow-crd.yaml").replace("global-parallel-flow", "older-form"));
    String sequential = fixture("flows/2-quick-start-sequential.yaml");
    Files.writeString(
        file("resources/configurations/promotion-flows/product-flows.yaml"),
        sequential.replace("multi-env-sequential-promotion", "to-prod")
            + "---\n"
            + sequential.replace("multi-env-sequential-promotion", "demo"));
    Files.writeString(
        file("resources/configurations/promotion-templates/gs.yaml"),
        fixture("promotion-template.yaml").replace("base-helm", "gs-promotion-template"));
    write("resources/configurations/products/helm-guestbook.yaml", "product.yaml");
    Files.writeString(file("apps/guestbook-dev.yaml"), ARGO_APPLICATION);
    Files.writeString(file("README.md"), "# shared configuration\n");
    Files.writeString(file("charts/templates/deployment.yaml"), "image: [{{ .Values.image }\n");
    write(".git/stray.yaml", "flows/2-quick-start-sequential.yaml");
  }

  @AfterEach
  void stop() {
    baton.close();
  }

  private Path file(String path) throws IOException {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    return file;
  }

  private void write(String path, String fixture) throws IOException {
    Files.writeString(file(path), fixture(fixture));
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = ImportCodefreshTest.class.getResourceAsStream("/codefresh/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private int run(String... args) {
    String token = TestServer.ADMIN_TOKEN;
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--server", "http://localhost:" + baton.port(), "--token", token));
    return Cli.run(
        all,
        Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private List<String> flows() {
    List<String> names = new ArrayList<>();
    baton
        .data("{ promotionFlows { name } }")
        .getJsonArray("promotionFlows")
        .forEach(f -> names.add(((JsonObject) f).getString("name")));
    return names;
  }

  @Test
  void a_dry_run_prints_the_plan_and_warnings_of_the_vendor_documents_only_and_changes_nothing()
      throws IOException {
    assertThat(run("import-codefresh", repo.toString(), "--dry-run")).as(err.toString()).isZero();

    assertThat(stdout())
        .contains("skipped charts/templates/deployment.yaml: not YAML")
        .contains("read 6 documents under " + repo)
        .contains(
            "  1  resources/configurations/products/helm-guestbook.yaml  Product helm-guestbook")
        .contains("CREATE  PromotionTemplate gs-promotion-template")
        .contains("CREATE  Product helm-guestbook")
        .contains("CREATE  PromotionFlow global-parallel-flow")
        .contains(
            "WARNING  PromotionFlow global-parallel-flow spec.steps[0].hooks.onFail: Baton does"
                + " not run promotion hooks")
        .contains("dry run, nothing changed: 6 changes planned")
        .doesNotContain("guestbook-dev")
        .doesNotContain("multi-env-sequential-promotion");
    assertThat(flows()).isEmpty();
  }

  @Test
  void an_import_applies_them_in_one_transaction_and_json_output_carries_plan_and_warnings()
      throws IOException {
    assertThat(run("import-codefresh", repo.toString(), "--output", "json"))
        .as(err.toString())
        .isZero();

    JsonObject plan = new JsonObject(stdout());
    assertThat(plan.getBoolean("applied")).isTrue();
    assertThat(plan.getJsonArray("changes")).hasSize(6);
    assertThat(plan.getJsonArray("documents")).hasSize(6);
    assertThat(plan.getJsonArray("warnings").getJsonObject(1).getString("path"))
        .isEqualTo("spec.hooks.onStart");
    assertThat(flows()).containsExactly("demo", "global-parallel-flow", "older-form", "to-prod");
  }

  @Test
  void one_refused_document_changes_nothing() throws IOException {
    Files.writeString(
        file("resources/configurations/products/broken.yaml"),
        fixture("product.yaml")
            .replace("helm-guestbook", "broken")
            .replace("name: demo", "name: no-such-flow"));

    assertThat(run("import-codefresh", repo.toString())).isEqualTo(2);

    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Product broken")
        .contains("there is no promotion flow \"no-such-flow\"");
    assertThat(flows()).isEmpty();
  }
}
