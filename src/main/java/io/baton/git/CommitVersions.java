package io.baton.git;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The versions read at commits of one cached remote, by (commit, file, JSONPath). A commit never
 * changes, so neither does what a file holds at it: pins of a commit that has not moved (products
 * triggered again and again on one repository) read each version once. Only the most recently used
 * {@code limit} are kept; a read that fails is not remembered. Used from the remote's queue only,
 * one piece of work at a time.
 */
final class CommitVersions {
  private record Key(ObjectId commit, String file, String jsonPath) {}

  private final Map<Key, Optional<String>> versions;

  CommitVersions(int limit) {
    this.versions =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, Optional<String>> eldest) {
            return size() > limit;
          }
        };
  }

  /** The version {@code read} finds in {@code file} at {@code commit}, read once. */
  String at(ObjectId commit, String file, String jsonPath, Supplier<String> read) {
    Key key = new Key(commit.copy(), file, jsonPath);
    Optional<String> known = versions.get(key);
    if (known == null) {
      known = Optional.ofNullable(read.get());
      versions.put(key, known);
    }
    return known.orElse(null);
  }
}
