package io.baton.git;

/**
 * A change to one file under the target application's path; {@code path} is relative to that path.
 */
record FileChange(String path, Kind kind, FileEntry before, FileEntry after) {

  enum Kind {
    ADDED,
    MODIFIED,
    REMOVED
  }

  static FileChange between(String path, FileEntry before, FileEntry after) {
    Kind kind = before == null ? Kind.ADDED : after == null ? Kind.REMOVED : Kind.MODIFIED;
    return new FileChange(path, kind, before, after);
  }
}
