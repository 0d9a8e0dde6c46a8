package io.baton.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command's arguments, checked against its {@link Syntax} and the global options: options come
 * anywhere, as {@code --name value} or {@code --name=value}; {@code --} ends them.
 */
record Arguments(List<String> positionals, Map<String, String> values, Set<String> flags) {
  /** The options every command takes. */
  static final Set<String> GLOBAL_OPTIONS = Set.of("--server", "--token", "--output");

  static Arguments parse(String command, List<String> args, Syntax syntax) {
    List<String> positionals = new ArrayList<>();
    Map<String, String> values = new LinkedHashMap<>();
    Set<String> flags = new HashSet<>();
    boolean optionsEnded = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
        positionals.add(arg);
        continue;
      }
      if (arg.equals("--")) {
        optionsEnded = true;
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq > 0 ? arg.substring(0, eq) : arg;
      if (syntax.flags().contains(name) && eq < 0) {
        flags.add(name);
      } else if (GLOBAL_OPTIONS.contains(name) || syntax.valueOptions().contains(name)) {
        if (eq < 0 && i + 1 >= args.size()) {
          throw CliException.usage(name + " needs a value");
        }
        values.put(name, eq > 0 ? arg.substring(eq + 1) : args.get(++i));
      } else {
        throw CliException.usage(command + " has no option " + name);
      }
    }
    if (positionals.size() != syntax.positionals().size()) {
      throw CliException.usage(
          command
              + (syntax.positionals().isEmpty()
                  ? " takes no arguments"
                  : " takes " + String.join(" ", syntax.positionals()))
              + ", got "
              + (positionals.isEmpty() ? "none" : String.join(" ", positionals)));
    }
    return new Arguments(List.copyOf(positionals), Map.copyOf(values), Set.copyOf(flags));
  }

  String positional(int index) {
    return positionals.get(index);
  }

  Optional<String> value(String option) {
    return Optional.ofNullable(values.get(option));
  }

  boolean flag(String name) {
    return flags.contains(name);
  }
}
