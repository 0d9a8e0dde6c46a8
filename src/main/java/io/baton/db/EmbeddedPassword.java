package io.baton.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The password of the embedded PostgreSQL's superuser: generated on first start and kept, owner
 * only (0600), in a file of the data directory.
 *
 * @param value the password, letters, digits, '-' and '_' only
 * @param created whether this start generated it, so the database does not know it yet unless it is
 *     being created with it
 */
record EmbeddedPassword(Path file, String value, boolean created) {
  private static final SecureRandom RANDOM = new SecureRandom();

  static EmbeddedPassword readOrCreate(Path file) throws IOException {
    if (Files.exists(file)) {
      if (OwnerOnly.supported()) {
        Files.setPosixFilePermissions(file, OwnerOnly.FILE);
      }
      return new EmbeddedPassword(file, Files.readString(file).trim(), false);
    }
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    write(file, value);
    return new EmbeddedPassword(file, value, true);
  }

  /** Written whole or not at all, never readable by others, not even for a moment. */
  private static void write(Path file, String value) throws IOException {
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    if (OwnerOnly.supported()) {
      Files.createFile(partial, PosixFilePermissions.asFileAttribute(OwnerOnly.FILE));
    }
    Files.writeString(partial, value + "\n", StandardCharsets.UTF_8);
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public String toString() {
    return "EmbeddedPassword[" + file + "]";
  }
}
