package io.baton.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.baton.error.ErrorCode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of a flow, each broken and each kept, without a database. */
class FlowValidationTest {
  private static final Set<String> ENVIRONMENTS = Set.of("dev", "qa", "staging", "prod", "perf");

  static Stream<Arguments> invalid_flows() {
    return Stream.of(
        arguments(
            "a name with capitals",
            named("Multi_Env", sequence()),
            "name",
            "\"Multi_Env\" is invalid"),
        arguments("an empty name", named("", sequence()), "name", "must not be empty"),
        arguments(
            "a 64 character name", named("f".repeat(64), sequence()), "name", "64 characters"),
        arguments("a zero timeout", timed(Duration.ZERO), "timeout", "positive duration, not PT0S"),
        arguments(
            "a negative timeout",
            timed(Duration.ofMinutes(-5)),
            "timeout",
            "positive duration, not PT-5M"),
        arguments(
            "a timeout over a year",
            timed(Duration.ofDays(366)),
            "timeout",
            "longer than the 365 days"),
        arguments(
            "a timeout finer than a millisecond",
            timed(Duration.ofNanos(1_500_000)),
            "timeout",
            "finer than a millisecond"),
        arguments(
            "no trigger environment",
            flow(null, step("qa")),
            "triggerEnvironment",
            "triggerEnvironment is required"),
        arguments(
            "a blank trigger environment",
            flow(" ", step("qa")),
            "triggerEnvironment",
            "is required"),
        arguments("no targets", flow("dev"), "steps", "at least one target environment"),
        arguments(
            "steps left out",
            new FlowDefinition("f", null, null, null, "dev", null),
            "steps",
            "at least one target environment"),
        arguments(
            "a step without an environment",
            flow("dev", step("qa"), step(null)),
            "steps[1].environment",
            "steps[1].environment is required"),
        arguments(
            "the trigger environment as a target",
            flow("dev", step("qa"), step("dev", "qa")),
            "steps[1].environment",
            "trigger environment \"dev\" cannot also be a target"),
        arguments(
            "an environment twice",
            flow("dev", step("qa"), step("prod"), step("qa", "dev")),
            "steps[2].environment",
            "\"qa\" is a step twice"),
        arguments(
            "an unknown target",
            flow("dev", step("qa"), step("uat")),
            "steps[1].environment",
            "environment \"uat\" does not exist"),
        arguments(
            "an unknown trigger",
            flow("local", step("qa")),
            "triggerEnvironment",
            "environment \"local\" does not exist"),
        arguments(
            "an unknown dependency",
            flow("dev", step("qa"), step("prod", "qa", "uat")),
            "steps[1].dependsOn",
            "environment \"uat\" does not exist"),
        arguments(
            "two unknown environments",
            flow("dev", step("uat"), step("preprod")),
            "steps[0].environment",
            "environments \"uat\", \"preprod\" do not exist"),
        arguments(
            "an empty dependsOn",
            flow("dev", new FlowStep("qa", List.of(), null)),
            "steps[0].dependsOn",
            "step \"qa\" has an empty dependsOn"),
        arguments(
            "a dependency listed twice",
            flow("dev", step("qa", "dev", "dev")),
            "steps[0].dependsOn",
            "lists \"dev\" twice"),
        arguments(
            "a step depending on itself",
            flow("dev", step("qa", "qa")),
            "steps[0].dependsOn",
            "step \"qa\" depends on itself"),
        arguments(
            "a dependency outside the flow",
            flow("dev", step("qa"), step("prod", "staging")),
            "steps[1].dependsOn",
            "depends on \"staging\", which is neither the trigger environment nor a step"),
        arguments(
            "a cycle of two",
            flow("dev", step("qa", "prod"), step("prod", "qa")),
            "steps[0].dependsOn",
            "cycle: qa -> prod -> qa"),
        arguments(
            "a cycle of three behind a valid step",
            flow(
                "dev",
                step("perf"),
                step("qa", "staging"),
                step("prod", "qa"),
                step("staging", "prod")),
            "steps[1].dependsOn",
            "cycle: qa -> staging -> prod -> qa"));
  }

  @ParameterizedTest(name = "{0} is refused")
  @MethodSource("invalid_flows")
  void an_invalid_flow_is_refused_naming_the_field_and_the_problem(
      String what, FlowDefinition draft, String field, String message) {
    InvalidFlow problem =
        catchThrowableOfType(InvalidFlow.class, () -> FlowValidation.validate(draft, ENVIRONMENTS));

    assertThat(problem).as(what).isNotNull();
    assertThat(problem.code()).isEqualTo(ErrorCode.BAD_USER_INPUT);
    assertThat(problem.field()).isEqualTo(field);
    assertThat(problem.getMessage()).contains(message);
  }

  static Stream<Arguments> valid_flows() {
    return Stream.of(
        arguments("a one character name", named("f", sequence())),
        arguments("a 63 character name", named("f".repeat(63), sequence())),
        arguments("a one second timeout", timed(Duration.ofSeconds(1))),
        arguments("a one millisecond timeout", timed(Duration.ofMillis(1))),
        arguments("a timeout of exactly a year", timed(Duration.ofDays(365))),
        arguments("a single target", flow("dev", step("prod"))),
        arguments(
            "the trigger named only by dependsOn",
            flow("dev", step("qa", "dev"), step("prod", "dev"))),
        arguments(
            "parallel targets joined by a later one",
            flow("dev", step("qa", "dev"), step("staging", "dev"), step("prod", "qa", "staging"))),
        arguments(
            "a dependency on a step written after it",
            flow("dev", step("qa", "dev"), step("prod", "qa", "staging"), step("staging", "dev"))),
        arguments(
            "a diamond with a tail",
            flow(
                "dev",
                step("qa"),
                step("perf", "dev"),
                step("staging", "qa", "perf"),
                step("prod", "staging"))));
  }

  @ParameterizedTest(name = "{0} is accepted")
  @MethodSource("valid_flows")
  void a_valid_flow_is_accepted_as_written(String what, FlowDefinition draft) {
    FlowDefinition valid = FlowValidation.validate(draft, ENVIRONMENTS);

    assertThat(valid.name()).isEqualTo(draft.name());
    assertThat(valid.steps())
        .extracting(FlowStep::environment)
        .containsExactlyElementsOf(draft.steps().stream().map(FlowStep::environment).toList());
  }

  @Test
  void an_omitted_dependsOn_means_the_step_before_and_the_first_step_depends_on_the_trigger() {
    FlowDefinition valid =
        FlowValidation.validate(flow("dev", step("qa"), step("prod")), ENVIRONMENTS);

    assertThat(valid.steps())
        .containsExactly(
            new FlowStep("qa", List.of("dev"), null), new FlowStep("prod", List.of("qa"), null));
  }

  @Test
  void an_omitted_dependsOn_follows_the_step_written_before_even_after_a_branch() {
    FlowDefinition valid =
        FlowValidation.validate(
            flow("dev", step("qa"), step("staging", "dev"), step("prod")), ENVIRONMENTS);

    assertThat(valid.steps().get(2).dependsOn()).containsExactly("staging");
  }

  @Test
  void an_omitted_timeout_is_24_hours_and_a_given_one_is_kept() {
    assertThat(FlowValidation.validate(sequence(), ENVIRONMENTS).timeout())
        .isEqualTo(Duration.ofHours(24));
    assertThat(FlowValidation.validate(timed(Duration.ofMinutes(5)), ENVIRONMENTS).timeout())
        .isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void an_omitted_action_stays_unset_for_the_policies_and_none_is_kept() {
    FlowDefinition valid =
        FlowValidation.validate(
            flow("dev", step("qa"), new FlowStep("prod", null, StepAction.NONE)), ENVIRONMENTS);

    assertThat(valid.steps()).extracting(FlowStep::action).containsExactly(null, StepAction.NONE);
  }

  @Test
  void description_and_version_are_kept_and_blank_ones_are_dropped() {
    FlowDefinition written =
        new FlowDefinition("f", "Sequential", "1.0", null, "dev", List.of(step("qa")));
    FlowDefinition blank = new FlowDefinition("f", " ", "", null, "dev", List.of(step("qa")));

    assertThat(FlowValidation.validate(written, ENVIRONMENTS))
        .extracting(FlowDefinition::description, FlowDefinition::version)
        .containsExactly("Sequential", "1.0");
    assertThat(FlowValidation.validate(blank, ENVIRONMENTS))
        .extracting(FlowDefinition::description, FlowDefinition::version)
        .containsExactly(null, null);
  }

  @Test
  void an_unknown_environment_is_reported_before_a_dependency_outside_the_flow() {
    assertThatThrownBy(() -> FlowValidation.validate(flow("dev", step("qa", "uat")), ENVIRONMENTS))
        .hasMessage("environment \"uat\" does not exist");
  }

  private static FlowDefinition sequence() {
    return flow("dev", step("qa"), step("prod"));
  }

  private static FlowDefinition named(String name, FlowDefinition flow) {
    return new FlowDefinition(
        name,
        flow.description(),
        flow.version(),
        flow.timeout(),
        flow.triggerEnvironment(),
        flow.steps());
  }

  private static FlowDefinition timed(Duration timeout) {
    FlowDefinition flow = sequence();
    return new FlowDefinition(
        flow.name(), null, null, timeout, flow.triggerEnvironment(), flow.steps());
  }

  private static FlowDefinition flow(String trigger, FlowStep... steps) {
    return new FlowDefinition("multi-env", null, null, null, trigger, Arrays.asList(steps));
  }

  /** A step; with no dependencies given, dependsOn is omitted. */
  private static FlowStep step(String environment, String... dependsOn) {
    return new FlowStep(environment, dependsOn.length == 0 ? null : List.of(dependsOn), null);
  }
}
