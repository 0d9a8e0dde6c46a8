package io.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentsTest {
  private static final Syntax TRIGGER = Syntax.of("FLOW", "PRODUCT").withFlags("--wait");

  @Test
  void options_may_come_before_between_and_after_the_positional_arguments() {
    Arguments args =
        Arguments.parse(
            "trigger",
            List.of("--server", "http://baton:8080", "f", "--wait", "p", "--output=json"),
            TRIGGER);

    assertThat(args.positionals()).containsExactly("f", "p");
    assertThat(args.flag("--wait")).isTrue();
    assertThat(args.value("--server")).hasValue("http://baton:8080");
    assertThat(args.value("--output")).hasValue("json");
    assertThat(args.value("--token")).isEmpty();
  }

  @Test
  void a_flag_is_off_unless_given() {
    assertThat(Arguments.parse("trigger", List.of("f", "p"), TRIGGER).flag("--wait")).isFalse();
  }

  @Test
  void a_double_dash_ends_the_options_so_a_positional_may_start_with_a_dash() {
    Arguments args = Arguments.parse("trigger", List.of("--", "-odd-flow", "p"), TRIGGER);

    assertThat(args.positionals()).containsExactly("-odd-flow", "p");
  }

  @Test
  void a_missing_positional_argument_is_a_usage_error_naming_what_the_command_takes() {
    assertThatThrownBy(() -> Arguments.parse("trigger", List.of("f"), TRIGGER))
        .isInstanceOf(CliException.class)
        .hasMessage("trigger takes FLOW PRODUCT, got f")
        .extracting(e -> ((CliException) e).exit())
        .isEqualTo(Exit.USAGE_OR_CONNECTION);
  }

  @Test
  void an_extra_argument_to_a_command_that_takes_none_is_a_usage_error() {
    assertThatThrownBy(() -> Arguments.parse("export", List.of("now"), Syntax.of()))
        .hasMessage("export takes no arguments, got now");
  }

  @Test
  void an_option_the_command_does_not_have_is_a_usage_error() {
    assertThatThrownBy(() -> Arguments.parse("trigger", List.of("f", "p", "--prune"), TRIGGER))
        .hasMessage("trigger has no option --prune");
  }

  @Test
  void an_option_without_its_value_is_a_usage_error() {
    assertThatThrownBy(() -> Arguments.parse("trigger", List.of("f", "p", "--token"), TRIGGER))
        .hasMessage("--token needs a value");
  }

  @Test
  void a_value_option_of_the_command_takes_the_next_argument() {
    Arguments args =
        Arguments.parse(
            "apply",
            List.of("-f", "catalog.yaml", "--dry-run"),
            Syntax.of().withValueOptions("-f").withFlags("--dry-run", "--prune"));

    assertThat(args.value("-f")).hasValue("catalog.yaml");
    assertThat(args.flag("--dry-run")).isTrue();
    assertThat(args.flag("--prune")).isFalse();
  }
}
