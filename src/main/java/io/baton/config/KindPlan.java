package io.baton.config;

import io.baton.error.BatonException;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What applying a file does to the objects of one kind: each document compared with the catalog
 * (CREATE, UPDATE with the fields that change, UNCHANGED), and, when the apply prunes, each object
 * the file lacks (DELETE); then those changes made, on the apply's connection.
 */
final class KindPlan<S> {
  private final DocumentKind<S> kind;
  private final List<Step<S>> steps;

  /**
   * One object's change.
   *
   * @param document null for a DELETE
   */
  private record Step<S>(
      ConfigFile.Document document, Lines lines, ConfigChange change, S current, S desired) {}

  private KindPlan(DocumentKind<S> kind, List<Step<S>> steps) {
    this.kind = kind;
    this.steps = List.copyOf(steps);
  }

  /**
   * The documents of this kind read, checked against {@code known} and compared with the catalog.
   */
  static <S> KindPlan<S> of(
      DocumentKind<S> kind,
      List<ConfigFile.Document> documents,
      Catalog catalog,
      Known known,
      boolean prune) {
    LinkedHashMap<String, S> current = kind.current(catalog);
    List<Step<S>> steps = new ArrayList<>();
    Set<String> inFile = new LinkedHashSet<>();
    for (ConfigFile.Document document : documents) {
      if (!document.kind().equals(kind.kind())) {
        continue;
      }
      inFile.add(document.name());
      steps.add(step(kind, document, current.get(document.name()), known));
    }
    if (prune && !inFile.isEmpty()) {
      current.forEach(
          (name, spec) -> {
            if (!inFile.contains(name)) {
              steps.add(
                  new Step<>(
                      null,
                      new Lines(),
                      new ConfigChange(kind.kind(), name, ConfigAction.DELETE, List.of()),
                      spec,
                      null));
            }
          });
    }
    return new KindPlan<>(kind, steps);
  }

  private static <S> Step<S> step(
      DocumentKind<S> kind, ConfigFile.Document document, S current, Known known) {
    Lines lines = new Lines();
    try {
      S desired = kind.check(kind.read(document.name(), document.node(), lines), lines, known);
      if (current == null) {
        return new Step<>(
            document, lines, change(kind, document, ConfigAction.CREATE, List.of()), null, desired);
      }
      S settled = kind.settle(desired, current);
      List<String> diff =
          diff(
              YamlNodes.fields(kind.document(document.name(), current)),
              YamlNodes.fields(kind.document(document.name(), settled)));
      ConfigAction action = diff.isEmpty() ? ConfigAction.UNCHANGED : ConfigAction.UPDATE;
      return new Step<>(document, lines, change(kind, document, action, diff), current, settled);
    } catch (BatonException problem) {
      throw document.locate(problem);
    }
  }

  private static ConfigChange change(
      DocumentKind<?> kind, ConfigFile.Document document, ConfigAction action, List<String> diff) {
    return new ConfigChange(kind.kind(), document.name(), action, diff);
  }

  /** Each field whose value differs: {@code field: old → new}, a missing one shown as (none). */
  static List<String> diff(Map<String, String> before, Map<String, String> after) {
    Set<String> fields = new LinkedHashSet<>(before.keySet());
    fields.addAll(after.keySet());
    List<String> diff = new ArrayList<>();
    for (String field : fields) {
      String old = before.get(field);
      String now = after.get(field);
      if (!Objects.equals(old, now)) {
        diff.add(
            field + ": " + (old == null ? "(none)" : old) + " → " + (now == null ? "(none)" : now));
      }
    }
    return diff;
  }

  List<ConfigChange> changes() {
    return steps.stream().map(Step::change).toList();
  }

  /** What the file's objects of this kind keep without carrying it out, in the file's order. */
  List<ConfigWarning> warnings() {
    List<ConfigWarning> warnings = new ArrayList<>();
    for (Step<S> step : steps) {
      if (step.desired() != null) {
        warnings.addAll(kind.warnings(step.change().name(), step.desired()));
      }
    }
    return warnings;
  }

  /** Creates and changes this kind's objects, one after another, in the file's order. */
  Future<Void> upsert(SqlConnection conn) {
    Future<Void> done = Future.succeededFuture();
    for (Step<S> step : steps) {
      ConfigAction action = step.change().action();
      if (action == ConfigAction.CREATE || action == ConfigAction.UPDATE) {
        done = done.compose(v -> write(conn, step));
      }
    }
    return done;
  }

  private Future<Void> write(SqlConnection conn, Step<S> step) {
    String name = step.change().name();
    Future<?> written =
        step.change().action() == ConfigAction.CREATE
            ? kind.create(conn, name, step.desired(), step.lines())
            : kind.update(conn, name, step.current(), step.desired(), step.lines());
    return written
        .<Void>mapEmpty()
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof BatonException problem
                        ? step.document().locate(problem)
                        : failure));
  }

  /** Deletes this kind's objects the file lacks (only when the apply prunes). */
  Future<Void> delete(SqlConnection conn) {
    Future<Void> done = Future.succeededFuture();
    for (Step<S> step : steps) {
      if (step.change().action() == ConfigAction.DELETE) {
        done = done.compose(v -> pruned(conn, step.change()));
      }
    }
    return done;
  }

  private Future<Void> pruned(SqlConnection conn, ConfigChange change) {
    return kind.delete(conn, change.name())
        .<Void>mapEmpty()
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof BatonException problem
                        ? new BatonException(
                            problem.code(),
                            "prune: "
                                + change.kind()
                                + " "
                                + change.name()
                                + " is not in the file, but "
                                + problem.getMessage())
                        : failure));
  }
}
