package io.baton.db;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * File modes that keep other local users out of what Baton owns. A no-op where the file system has
 * no POSIX permissions.
 */
final class OwnerOnly {
  static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnly() {}

  static boolean supported() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /** Creates the directory if it is missing and makes it owner-only (0700). */
  static void directory(Path dir) throws IOException {
    Files.createDirectories(dir);
    if (supported()) {
      Files.setPosixFilePermissions(dir, DIRECTORY);
    }
  }

  /**
   * Makes {@code root} owner-only (0700) and takes write permission away from group and others
   * everywhere below it, so nobody else can replace a file Baton executes.
   */
  static void tree(Path root) throws IOException {
    if (!supported() || !Files.isDirectory(root)) {
      return;
    }
    Files.setPosixFilePermissions(root, DIRECTORY);
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.filter(path -> !Files.isSymbolicLink(path)).toList();
    }
    for (Path path : paths) {
      Set<PosixFilePermission> permissions =
          Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
      if (permissions.remove(PosixFilePermission.GROUP_WRITE)
          | permissions.remove(PosixFilePermission.OTHERS_WRITE)) {
        Files.setPosixFilePermissions(path, permissions);
      }
    }
  }
}
