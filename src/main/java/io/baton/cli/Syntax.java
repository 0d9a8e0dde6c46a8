package io.baton.cli;

import java.util.List;
import java.util.Set;

/**
 * What a command accepts besides the global options: its positional arguments (by name, for the
 * usage line), the options that take a value and the flags that take none.
 */
record Syntax(List<String> positionals, Set<String> valueOptions, Set<String> flags) {
  Syntax {
    positionals = List.copyOf(positionals);
    valueOptions = Set.copyOf(valueOptions);
    flags = Set.copyOf(flags);
  }

  static Syntax of(String... positionals) {
    return new Syntax(List.of(positionals), Set.of(), Set.of());
  }

  Syntax withFlags(String... names) {
    return new Syntax(positionals, valueOptions, Set.of(names));
  }

  Syntax withValueOptions(String... names) {
    return new Syntax(positionals, Set.of(names), flags);
  }
}
