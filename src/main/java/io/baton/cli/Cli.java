package io.baton.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line in Baton's jar: {@code java -jar baton.jar <command> [--server URL] [--token T]
 * [--output text|json]}. Each command talks to a running Baton over its GraphQL API.
 */
public final class Cli {
  private static final List<Command> COMMANDS =
      List.of(
          new TriggerCommand(),
          new PromoteCommand(),
          new ReleasesCommand(),
          new WatchCommand(),
          new ApproveCommand(),
          new ApplyCommand(),
          new ExportCommand(),
          new ImportCodefreshCommand());

  /** The arguments the server itself takes: with nothing else, the jar starts the server. */
  private static final Set<String> SERVER_ARGUMENTS = Set.of("--demo");

  private static final Set<String> HELP = Set.of("--help", "-h", "help");

  private Cli() {}

  /** Whether the arguments ask for a command or for help, rather than for the server. */
  public static boolean wants(List<String> args) {
    return args.stream().anyMatch(arg -> !SERVER_ARGUMENTS.contains(arg));
  }

  /**
   * Runs the command the arguments name on the process's stdout and stderr, in UTF-8 whatever the
   * locale (an exported file is YAML, which is UTF-8); returns the process's exit code.
   */
  public static int run(List<String> args, Map<String, String> env) {
    return run(
        args,
        env,
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8),
        new PrintStream(new FileOutputStream(FileDescriptor.err), false, StandardCharsets.UTF_8));
  }

  /** Runs the command the arguments name; returns the process's exit code. */
  public static int run(
      List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    try {
      return dispatch(args, env, out).code;
    } catch (CliException e) {
      err.println("baton: " + e.getMessage());
      if (e.kind() == CliException.Kind.USAGE) {
        err.println("Run with --help for usage.");
      }
      return e.exit().code;
    } catch (RuntimeException e) {
      err.println(
          "baton: the command failed unexpectedly"
              + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      return Exit.USAGE_OR_CONNECTION.code;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static Exit dispatch(List<String> args, Map<String, String> env, PrintStream out) {
    Optional<Integer> at = commandIndex(args);
    Optional<Command> command = at.map(i -> args.get(i)).flatMap(Cli::command);
    if (args.stream().anyMatch(HELP::contains)) {
      out.println(command.map(c -> "Usage: java -jar baton.jar " + c.usage()).orElse(usage()));
      return Exit.SUCCESS;
    }
    if (at.isEmpty()) {
      throw CliException.usage("no command given");
    }
    String name = args.get(at.get());
    Command chosen =
        command.orElseThrow(
            () ->
                CliException.usage(
                    "unknown command " + name + "; the commands are " + commandNames()));
    List<String> rest = new ArrayList<>(args);
    rest.remove((int) at.get());
    Arguments arguments = Arguments.parse(name, rest, chosen.syntax());
    Output output = new Output(out, Output.Format.of(arguments.value("--output").orElse("text")));
    return chosen.run(new Invocation(arguments, output, env));
  }

  /** Where the command's name is: the first argument that is neither an option nor its value. */
  private static Optional<Integer> commandIndex(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (Arguments.GLOBAL_OPTIONS.contains(arg)) {
        i++;
      } else if (!arg.startsWith("-")) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  private static Optional<Command> command(String name) {
    return COMMANDS.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  private static String commandNames() {
    return String.join(", ", COMMANDS.stream().map(Command::name).toList());
  }

  static String usage() {
    List<List<String>> commands = new ArrayList<>();
    for (Command command : COMMANDS) {
      String[] parts = command.usage().split("  ", 2);
      commands.add(List.of("  " + parts[0], parts.length > 1 ? parts[1] : ""));
    }
    return String.join(
        "\n",
        "Usage: java -jar baton.jar [COMMAND] [--server URL] [--token T] [--output text|json]",
        "",
        "With no command, starts the Baton server (--demo: with the demo world).",
        "",
        "Commands:",
        String.join("\n", Columns.aligned(commands)),
        "",
        "Options:",
        "  --server URL   Baton's address (BATON_SERVER; default "
            + Connection.DEFAULT_SERVER
            + ")",
        "  --token T      an API token (BATON_TOKEN)",
        "  --output F     text (default) or json",
        "  --wait         follow the release: exit 0 when it succeeds, 1 when it fails or is"
            + " terminated",
        "",
        "Exit codes: 0 done; 1 the release failed or was terminated, or Baton refused the"
            + " operation as things are; 2 a usage or connection error, a refused token, or a name"
            + " or input Baton does not accept.");
  }
}
