package io.baton.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.baton.error.BatonException;
import io.baton.error.ErrorCode;
import io.baton.gate.GateKind;
import io.baton.gate.GateSpec;
import io.baton.gate.GateWhen;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading baton/v1 and the vendor's files, writing baton/v1, and every way a file can be wrong. */
class FlowYamlTest {

  /** A flow with every field the format has, written as docs/api.md's "Flow YAML" describes it. */
  static final String API_SAMPLE =
      """
      apiVersion: baton/v1            # codefresh.io/v1beta1 is accepted too, unchanged
      kind: PromotionFlow
      metadata:
        name: multi-env-sequential-promotion
        annotations:
          description: Sequential promotion through dev, qa and prod
          version: "1.0"
      spec:
        triggerEnvironment: dev
        steps:
          - environment: qa
            dependsOn: [dev]
          - environment: prod
            dependsOn: [qa]
            policy:
              action: commit          # commit (default) | none
        promotionTimeoutLimit: 5      # minutes; or `timeout: PT30S`
      """;

  /** The vendor's flow with staging beside qa and prod after both, with its workflows and hooks. */
  static final String VENDOR_DAG =
      """
      apiVersion: codefresh.io/v1beta1
      kind: PromotionFlow
      metadata:
        name: multi-env-sequential-promotion
        annotations:
          description: Sequential promotion flow with environment dependencies
          version: "3.0"
      spec:
        triggerEnvironment: dev
        steps:
          - environment: qa
            dependsOn:
              - dev
            policy:
              action: commit
              preAction: pre-action
              postAction: post-action
          - environment: prod
            dependsOn:
              - qa
              - staging
            policy:
              action: commit
            hooks:
              onFail: jira-open-bug
          - environment: staging
            dependsOn:
              - dev
            policy:
              action: none
        promotionTimeoutLimit: 5
        hooks:
          onStart: slack-start-hook
      """;

  @Test
  void reads_the_api_sample_with_its_sequence_timeout_and_annotations() {
    FlowDefinition flow = FlowYaml.read(API_SAMPLE).definition();

    assertThat(flow)
        .isEqualTo(
            new FlowDefinition(
                "multi-env-sequential-promotion",
                "Sequential promotion through dev, qa and prod",
                "1.0",
                Duration.ofMinutes(5),
                "dev",
                List.of(
                    new FlowStep("qa", List.of("dev"), null),
                    new FlowStep("prod", List.of("qa"), StepAction.COMMIT))));
  }

  @Test
  void reads_a_vendor_file_unchanged_ignoring_its_workflows_and_hooks() {
    FlowDefinition flow = FlowYaml.read(VENDOR_DAG).definition();

    assertThat(flow.version()).isEqualTo("3.0");
    assertThat(flow.timeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(flow.steps())
        .containsExactly(
            new FlowStep("qa", List.of("dev"), StepAction.COMMIT),
            new FlowStep("prod", List.of("qa", "staging"), StepAction.COMMIT),
            new FlowStep("staging", List.of("dev"), StepAction.NONE));
  }

  @Test
  void reads_the_vendor_pr_action_as_pull_request_and_writes_it_back_as_pr() {
    FlowDefinition flow =
        FlowYaml.read(
                """
        apiVersion: codefresh.io/v1beta1
        kind: PromotionFlow
        metadata:
          name: by-pr
        spec:
          triggerEnvironment: dev
          steps:
            - environment: prod
              dependsOn: [dev]
              policy:
                action: pr
        """)
            .definition();

    assertThat(flow.steps())
        .containsExactly(new FlowStep("prod", List.of("dev"), StepAction.PULL_REQUEST));
    assertThat(FlowYaml.write(flow)).contains("action: pr");
    assertThat(FlowYaml.read(FlowYaml.write(flow)).definition().steps()).isEqualTo(flow.steps());
  }

  @Test
  void reads_an_iso_timeout_an_omitted_dependsOn_and_an_unquoted_version_as_written() {
    FlowDefinition flow =
        FlowYaml.read(
                """
        apiVersion: baton/v1
        kind: PromotionFlow
        metadata:
          name: quick
          annotations: {version: 1.10}
        spec:
          triggerEnvironment: dev
          steps:
            - environment: qa
          timeout: PT30S
        """)
            .definition();

    assertThat(flow.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(flow.version()).isEqualTo("1.10");
    assertThat(flow.description()).isNull();
    assertThat(flow.steps()).containsExactly(new FlowStep("qa", null, null));
  }

  @Test
  void writes_baton_v1_naming_the_trigger_environment_and_the_sequence() {
    FlowDefinition flow =
        new FlowDefinition(
            "multi-env-sequential-promotion",
            "Sequential promotion",
            "1.0",
            Duration.ofMinutes(5),
            "dev",
            List.of(
                new FlowStep("qa", List.of("dev"), StepAction.COMMIT),
                new FlowStep("prod", List.of("qa"), StepAction.COMMIT)));

    assertThat(FlowYaml.write(flow))
        .isEqualTo(
            """
        apiVersion: baton/v1
        kind: PromotionFlow
        metadata:
          name: multi-env-sequential-promotion
          annotations:
            description: Sequential promotion
            version: "1.0"
        spec:
          triggerEnvironment: dev
          steps:
            - environment: qa
              dependsOn: [dev]
              policy:
                action: commit
            - environment: prod
              dependsOn: [qa]
              policy:
                action: commit
          promotionTimeoutLimit: 5
        """);
  }

  static Stream<Arguments> flows_to_write() {
    List<FlowStep> dag =
        List.of(
            new FlowStep("qa", List.of("dev"), StepAction.COMMIT),
            new FlowStep("staging", List.of("dev"), StepAction.NONE),
            new FlowStep("prod", List.of("qa", "staging"), StepAction.COMMIT));
    return Stream.of(
        arguments(
            "a DAG in whole minutes",
            new FlowDefinition("dag", "Parallel", "3.0", Duration.ofMinutes(5), "dev", dag)),
        arguments(
            "the default timeout",
            new FlowDefinition("dag", null, null, Duration.ofHours(24), "dev", dag)),
        arguments(
            "seconds and milliseconds",
            new FlowDefinition("dag", null, null, Duration.ofMillis(90_500), "dev", dag)),
        arguments(
            "a multi-line description",
            new FlowDefinition(
                "dag", "First line: dev\n  then qa\n", "v2", Duration.ofMinutes(1), "dev", dag)),
        arguments(
            "values that look like other types",
            new FlowDefinition(
                "123",
                "null",
                "true",
                Duration.ofMinutes(1),
                "1",
                List.of(new FlowStep("yes", List.of("1"), StepAction.COMMIT)))),
        arguments(
            "quotes and colons",
            new FlowDefinition(
                "q",
                "say \"hi\": 'now' # not a comment",
                "1.0 (beta)",
                Duration.ofMinutes(1),
                "dev",
                dag)));
  }

  @Test
  void gates_of_every_kind_read_back_as_the_same_flow_once_validated() {
    Set<String> environments = Set.of("dev", "qa", "prod");
    GateSpec http =
        new GateSpec(
            GateKind.HTTP,
            GateWhen.BEFORE,
            Optional.of(Duration.ofMinutes(3)),
            Optional.of(Duration.ofSeconds(5)),
            new GateSpec.Http(
                "POST",
                "https://qa.internal/check?v={{version}}&c={{commit}}",
                Map.of("X-Flag", "true", "X-Empty", "null"),
                204,
                Optional.of("$.build['id']"),
                Optional.of("1.0")),
            null,
            null);
    FlowDefinition flow =
        FlowValidation.validate(
            new FlowDefinition(
                "gated",
                null,
                null,
                null,
                "dev",
                List.of(
                    new FlowStep(
                        "qa",
                        null,
                        null,
                        List.of(
                            new GateSpec(GateKind.ARGOCD, null, null, null, null, null, null),
                            http,
                            new GateSpec(
                                GateKind.SOAK,
                                null,
                                null,
                                null,
                                null,
                                null,
                                Optional.of(Duration.ofSeconds(90))))),
                    new FlowStep(
                        "prod",
                        null,
                        null,
                        List.of(
                            new GateSpec(
                                GateKind.APPROVAL,
                                GateWhen.AFTER,
                                null,
                                null,
                                null,
                                new GateSpec.Approval(2, "ADMIN", false),
                                null))))),
            environments);

    String yaml = FlowYaml.write(flow);
    FlowDefinition again = FlowValidation.validate(FlowYaml.read(yaml).definition(), environments);

    assertThat(again).isEqualTo(flow);
    assertThat(FlowYaml.write(again)).isEqualTo(yaml);
  }

  @ParameterizedTest(name = "{0} reads back the same")
  @MethodSource("flows_to_write")
  void what_is_written_reads_back_as_the_same_flow(String what, FlowDefinition flow) {
    assertThat(FlowYaml.read(FlowYaml.write(flow)).definition()).isEqualTo(flow);
  }

  static Stream<Arguments> malformed_yaml() {
    return Stream.of(
        arguments(
            "an unclosed flow list",
            "apiVersion: baton/v1\nkind: [PromotionFlow\n",
            "at line 3, column 1"),
        arguments(
            "a bad indentation",
            "apiVersion: baton/v1\nkind: PromotionFlow\n  spec: x\n",
            "at line 3, column 7"),
        arguments(
            "a tab for indentation",
            "apiVersion: baton/v1\nspec:\n\tsteps: []\n",
            "at line 3, column 1"),
        arguments(
            "two documents",
            "apiVersion: baton/v1\n---\napiVersion: baton/v1\n",
            "at line 2, column 1"),
        arguments("an unknown alias", "apiVersion: *nowhere\n", "at line 1, column 13"));
  }

  @ParameterizedTest(name = "{0} is refused with its line and column")
  @MethodSource("malformed_yaml")
  void malformed_yaml_is_refused_with_its_line_and_column(String what, String yaml, String where) {
    BatonException problem = refusal(yaml);

    assertThat(problem.getMessage()).startsWith("the YAML is malformed " + where + ": ");
  }

  static Stream<Arguments> wrong_files() {
    return Stream.of(
        arguments("nothing", "", "the YAML is empty"),
        arguments("only a comment", "# nothing here\n", "the YAML holds no document"),
        arguments(
            "a list", "- apiVersion: baton/v1\n", "the YAML (line 1) must be a mapping of fields"),
        arguments("no apiVersion", "kind: PromotionFlow\n", "apiVersion is required: baton/v1"),
        arguments(
            "another apiVersion",
            "apiVersion: argoproj.io/v1alpha1\n",
            "apiVersion (line 1): \"argoproj.io/v1alpha1\" is not supported"),
        arguments("no kind", "apiVersion: baton/v1\n", "kind is required"),
        arguments(
            "another kind",
            "apiVersion: baton/v1\nkind: Product\n",
            "kind (line 2): \"Product\" is not supported"),
        arguments(
            "no metadata",
            "apiVersion: baton/v1\nkind: PromotionFlow\nspec: {}\n",
            "metadata is required"),
        arguments(
            "no spec",
            "apiVersion: baton/v1\nkind: PromotionFlow\nmetadata: {name: f}\n",
            "spec is required"),
        arguments(
            "no name",
            file(
                "metadata: {annotations: {version: '1'}}",
                "triggerEnvironment: dev\n  steps: [{environment: qa}]"),
            "metadata.name is required (in metadata at line 3)"),
        arguments(
            "no trigger environment",
            file("metadata: {name: f}", "steps: [{environment: qa}]"),
            "spec.triggerEnvironment is required (in spec at line 5)"),
        arguments(
            "no steps",
            file("metadata: {name: f}", "triggerEnvironment: dev"),
            "spec.steps is required"),
        arguments(
            "steps as a mapping",
            file("metadata: {name: f}", "triggerEnvironment: dev\n  steps: {qa: dev}"),
            "spec.steps (line 6): must be a list of steps"),
        arguments(
            "a step without an environment",
            file("metadata: {name: f}", "triggerEnvironment: dev\n  steps: [{dependsOn: [dev]}]"),
            "spec.steps[0].environment is required"),
        arguments(
            "an environment given as a list",
            file("metadata: {name: f}", "triggerEnvironment: dev\n  steps: [{environment: [qa]}]"),
            "spec.steps[0].environment (line 6) must be a single value, not a list"),
        arguments(
            "dependsOn as a single name",
            file(
                "metadata: {name: f}",
                "triggerEnvironment: dev\n  steps: [{environment: qa, dependsOn: dev}]"),
            "spec.steps[0].dependsOn (line 6): must be a list of environment names"),
        arguments(
            "a policy action Baton has not",
            file(
                "metadata: {name: f}",
                "triggerEnvironment: dev\n  steps: [{environment: qa, policy: {action: merge}}]"),
            "spec.steps[0].policy.action (line 6): \"merge\" is not supported; use commit, none or"
                + " pr"),
        arguments(
            "a misspelt field",
            file(
                "metadata: {name: f}",
                "triggerEnvironment: dev\n  steps:\n    - environment: qa\n      dependson: [dev]"),
            "spec.steps[0].dependson (line 8) is not a field Baton knows"),
        arguments(
            "a field given twice",
            file(
                "metadata: {name: f}",
                "triggerEnvironment: dev\n  triggerEnvironment: qa\n  steps: [{environment: qa}]"),
            "spec.triggerEnvironment is given twice (lines 5 and 6)"),
        arguments(
            "minutes that are not whole",
            file(
                "metadata: {name: f}",
                "triggerEnvironment: dev\n  steps: [{environment: qa}]\n  promotionTimeoutLimit: 2.5"),
            "spec.promotionTimeoutLimit (line 7): must be a whole number of minutes, not \"2.5\""),
        arguments(
            "a timeout that is not ISO-8601",
            file(
                "metadata: {name: f}",
                "triggerEnvironment: dev\n  steps: [{environment: qa}]\n  timeout: 5m"),
            "spec.timeout (line 7): \"5m\" is not an ISO-8601 duration"),
        arguments(
            "both timeouts",
            file(
                "metadata: {name: f}",
                "triggerEnvironment: dev\n  steps: [{environment: qa}]\n  timeout: PT5M\n  promotionTimeoutLimit: 5"),
            "spec.timeout (line 7): give either spec.timeout or spec.promotionTimeoutLimit (line 8), not both"));
  }

  @ParameterizedTest(name = "{0} is refused naming the field")
  @MethodSource("wrong_files")
  void a_missing_or_wrong_field_is_refused_naming_it(String what, String yaml, String message) {
    assertThat(refusal(yaml).getMessage()).startsWith(message);
  }

  static Stream<Arguments> flow_problems() {
    return Stream.of(
        arguments(
            new InvalidFlow("steps[1].dependsOn", "step \"prod\" depends on \"uat\""),
            "spec.steps[1].dependsOn (line 19): step \"prod\" depends on \"uat\""),
        arguments(
            new InvalidFlow("steps[2].environment", "environment \"staging\" does not exist"),
            "spec.steps[2].environment (line 26): environment \"staging\" does not exist"),
        arguments(
            new InvalidFlow("name", "promotion flow name is invalid"),
            "metadata.name (line 4): promotion flow name is invalid"),
        arguments(
            new InvalidFlow("timeout", "timeout must be a positive duration, not PT0S"),
            "spec.promotionTimeoutLimit (line 31): timeout must be a positive duration, not PT0S"),
        arguments(
            new InvalidFlow("steps", "steps must name at least one target environment"),
            "spec.steps (line 10): steps must name at least one target environment"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("flow_problems")
  void a_problem_with_the_flow_is_told_with_the_yaml_path_and_line(
      InvalidFlow problem, String message) {
    BatonException located = FlowYaml.read(VENDOR_DAG).locate(problem);

    assertThat(located.code()).isEqualTo(ErrorCode.BAD_USER_INPUT);
    assertThat(located.getMessage()).isEqualTo(message);
  }

  @Test
  void a_problem_with_an_omitted_dependsOn_points_at_its_step() {
    FlowYaml.Parsed parsed = FlowYaml.read(API_SAMPLE.replace("      dependsOn: [dev]\n", ""));

    assertThat(
            parsed
                .locate(new InvalidFlow("steps[0].dependsOn", "step \"qa\" depends on itself"))
                .getMessage())
        .isEqualTo("spec.steps[0].dependsOn (line 11): step \"qa\" depends on itself");
  }

  @Test
  void yaml_nested_thousands_deep_is_refused_as_bad_input() {
    String yaml =
        file(
            "metadata:\n  name: deep",
            "triggerEnvironment: " + "[".repeat(5_000) + "]".repeat(5_000));

    assertThat(refusal(yaml).getMessage())
        .isEqualTo("the YAML nests deeper than 50 levels (counting through aliases)");
  }

  @Test
  void an_alias_bomb_in_a_flow_is_refused_as_bad_input() {
    String bomb =
        """
        metadata:
          name: bomb
          annotations:
            a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol,lol]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]""";

    assertThat(refusal(file(bomb, "triggerEnvironment: dev")).getMessage())
        .isEqualTo(
            "the YAML has aliases that expand to more than 1000 further values (an alias bomb?)");
  }

  private static String file(String metadata, String spec) {
    return "apiVersion: baton/v1\nkind: PromotionFlow\n" + metadata + "\nspec:\n  " + spec + "\n";
  }

  private static BatonException refusal(String yaml) {
    BatonException problem = catchThrowableOfType(BatonException.class, () -> FlowYaml.read(yaml));
    assertThat(problem).as("refusal of:\n" + yaml).isNotNull();
    assertThat(problem.code()).isEqualTo(ErrorCode.BAD_USER_INPUT);
    return problem;
  }
}
