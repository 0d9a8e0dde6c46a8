package io.baton.git;

import io.baton.product.PromotionTemplate;
import io.baton.rollback.PromotedValueChange;
import io.vertx.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * The promoted values a promotion's plan changes, value by value: for each template entry, each
 * concrete path its JSONPaths match in the source's files whose data differs in the target's.
 * Without promotion entries whole files are mirrored, and each changed file is one change without a
 * path. Pure: no Git, no I/O.
 */
final class ValueChanges {
  private final String appPath;

  /** {@code appPath}: the application's path, which the files' paths are relative to. */
  ValueChanges(String appPath) {
    this.appPath = appPath;
  }

  private record Key(String file, int document, List<Object> path) {}

  List<PromotedValueChange> of(
      Map<String, FileEntry> source,
      Map<String, FileEntry> target,
      PromotionTemplate template,
      Plan plan) {
    if (template == null || template.promotion().isEmpty()) {
      return plan.changes().stream()
          .map(change -> new PromotedValueChange(fullPath(change.path()), null, null, null))
          .toList();
    }
    Map<Key, PromotedValueChange> changes = new LinkedHashMap<>();
    for (PromotionTemplate.Entry entry : template.promotion()) {
      Glob glob = Glob.of(entry.file());
      source.keySet().stream()
          .filter(glob::matches)
          .sorted()
          .filter(target::containsKey)
          .forEach(path -> compare(path, source.get(path), target.get(path), entry, changes));
    }
    return new ArrayList<>(changes.values());
  }

  private void compare(
      String path,
      FileEntry source,
      FileEntry target,
      PromotionTemplate.Entry entry,
      Map<Key, PromotedValueChange> changes) {
    StructuredFile from = StructuredFile.parse(path, source.text(path));
    StructuredFile to = StructuredFile.parse(path, target.text(path));
    for (int d = 0; d < from.documents().size(); d++) {
      Node document = from.documents().get(d);
      Node current = d < to.documents().size() ? to.documents().get(d) : null;
      for (String expression : entry.jsonPaths()) {
        for (List<Object> concrete :
            JsonPaths.concretePaths(expression, StructuredFile.toJava(document))) {
          Node want = StructuredFile.at(document, concrete);
          Node got = current == null ? null : StructuredFile.at(current, concrete);
          if (got == null || !StructuredFile.sameData(want, got)) {
            changes.putIfAbsent(
                new Key(path, d, concrete),
                new PromotedValueChange(
                    fullPath(path), JsonPaths.display(concrete), text(got), text(want)));
          }
        }
      }
    }
  }

  private String fullPath(String relative) {
    return CachedRepository.join(appPath, relative);
  }

  /** A scalar as written; a mapping or a list as JSON; null when absent. */
  private static String text(Node node) {
    if (node == null) {
      return null;
    }
    if (node instanceof ScalarNode scalar) {
      return scalar.getValue();
    }
    return Json.encode(StructuredFile.toJava(node));
  }
}
