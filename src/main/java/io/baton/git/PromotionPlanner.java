package io.baton.git;

import io.baton.product.PromotionTemplate;
import io.baton.product.PromotionTemplate.Entry;
import io.baton.product.PromotionTemplate.VersionSource;
import io.baton.release.PromotionFailure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Computes what a promotion changes, from the source application's files (at the pinned commit) and
 * the target's (at its branch's head), both keyed by path relative to the application's path. Pure:
 * no Git, no I/O.
 *
 * <p>With a template that has entries, the values at the entries' JSONPaths are copied, in place,
 * into the same files of the target. Without one (or with only a version source), the source's
 * files are mirrored: added, changed and removed under the path, nothing outside it.
 */
final class PromotionPlanner {
  private final String sourceName;
  private final String targetName;

  /**
   * {@code sourceName} and {@code targetName} name the two sides in messages, e.g. environment
   * names.
   */
  PromotionPlanner(String sourceName, String targetName) {
    this.sourceName = sourceName;
    this.targetName = targetName;
  }

  Plan plan(
      Map<String, FileEntry> source, Map<String, FileEntry> target, PromotionTemplate template) {
    if (source.isEmpty()) {
      throw new PromotionFailure(
          sourceName + " has no files under its path, so there is nothing to promote");
    }
    List<FileChange> changes =
        template == null || template.promotion().isEmpty()
            ? mirror(source, target)
            : copyValues(source, target, template.promotion());
    return new Plan(changes, versionAfter(source, target, changes, template));
  }

  private List<FileChange> mirror(Map<String, FileEntry> source, Map<String, FileEntry> target) {
    List<FileChange> changes = new ArrayList<>();
    TreeSet<String> paths = new TreeSet<>(source.keySet());
    paths.addAll(target.keySet());
    for (String path : paths) {
      FileEntry before = target.get(path);
      FileEntry after = source.get(path);
      if (after == null || !after.sameAs(before)) {
        changes.add(FileChange.between(path, before, after));
      }
    }
    return changes;
  }

  private List<FileChange> copyValues(
      Map<String, FileEntry> source, Map<String, FileEntry> target, List<Entry> entries) {
    SortedMap<String, String> edited = new TreeMap<>();
    for (Entry entry : entries) {
      copyEntry(source, target, entry, edited);
    }
    List<FileChange> changes = new ArrayList<>();
    edited.forEach(
        (path, text) -> {
          FileEntry before = target.get(path);
          FileEntry after = FileEntry.blob(before.mode(), text.getBytes(StandardCharsets.UTF_8));
          if (!after.sameAs(before)) {
            changes.add(FileChange.between(path, before, after));
          }
        });
    return changes;
  }

  private void copyEntry(
      Map<String, FileEntry> source,
      Map<String, FileEntry> target,
      Entry entry,
      Map<String, String> edited) {
    Glob glob = Glob.of(entry.file());
    List<String> files = source.keySet().stream().filter(glob::matches).sorted().toList();
    if (files.isEmpty()) {
      throw new PromotionFailure(
          "the promotion template's file " + entry.file() + " matches no file in " + sourceName);
    }
    int matched = 0;
    for (String path : files) {
      StructuredFile from =
          StructuredFile.parse(
              sourceName + " " + path, source.get(path).text(sourceName + " " + path));
      FileEntry existing = target.get(path);
      if (existing == null) {
        if (InPlaceEditor.matchCount(from, entry.jsonPaths()) > 0) {
          throw new PromotionFailure(
              targetName
                  + " has no "
                  + path
                  + " to promote "
                  + String.join(", ", entry.jsonPaths())
                  + " into");
        }
        continue;
      }
      String current =
          edited.containsKey(path) ? edited.get(path) : existing.text(targetName + " " + path);
      InPlaceEditor.Outcome outcome =
          InPlaceEditor.promote(
              from, StructuredFile.parse(targetName + " " + path, current), entry.jsonPaths());
      matched += outcome.matched();
      edited.put(path, outcome.text());
    }
    if (matched == 0) {
      throw new PromotionFailure(
          "the promotion template's JSONPaths "
              + String.join(", ", entry.jsonPaths())
              + " match nothing in "
              + sourceName
              + "'s "
              + String.join(", ", files));
    }
  }

  private String versionAfter(
      Map<String, FileEntry> source,
      Map<String, FileEntry> target,
      List<FileChange> changes,
      PromotionTemplate template) {
    VersionSource versionSource = template == null ? null : template.versionSource();
    if (versionSource == null) {
      return null;
    }
    Map<String, FileEntry> after = new TreeMap<>(target);
    changes.forEach(
        change -> {
          if (change.after() == null) {
            after.remove(change.path());
          } else {
            after.put(change.path(), change.after());
          }
        });
    String version = version(after, versionSource, targetName);
    return version != null ? version : version(source, versionSource, sourceName);
  }

  /**
   * The version a version source reads in a set of files: the scalar at its JSONPath (the first
   * match, across documents); null when the file or the value is missing or not a scalar.
   */
  static String version(Map<String, FileEntry> files, VersionSource versionSource, String where) {
    FileEntry file = versionSource == null ? null : files.get(normalise(versionSource.file()));
    if (file == null) {
      return null;
    }
    return version(
        StructuredFile.parse(
            where + " " + versionSource.file(), file.text(where + " " + versionSource.file())),
        versionSource.jsonPath());
  }

  static String version(StructuredFile file, String jsonPath) {
    for (Node document : file.documents()) {
      for (List<Object> path : JsonPaths.concretePaths(jsonPath, StructuredFile.toJava(document))) {
        Node node = StructuredFile.at(document, path);
        if (node instanceof ScalarNode scalar && !scalar.getValue().isEmpty()) {
          return scalar.getValue();
        }
      }
    }
    return null;
  }

  static String normalise(String relativePath) {
    return relativePath.trim().replace('\\', '/').replaceAll("^\\./", "").replaceAll("^/+", "");
  }
}
