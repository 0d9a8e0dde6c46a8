package io.baton.auth;

import io.baton.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bootstrap administrator: {@code BATON_ADMIN_TOKEN} when set; otherwise a token generated on
 * first start, printed once and written to {@code <data dir>/admin-token}, readable by its owner
 * only.
 */
public final class AdminToken {
  private static final Logger LOG = LoggerFactory.getLogger(AdminToken.class);
  public static final String FILE_NAME = "admin-token";

  private AdminToken() {}

  public static Future<Void> install(Vertx vertx, Config config, TokenService tokens) {
    if (config.adminToken().isPresent()) {
      return tokens.installBootstrapToken(config.adminToken().get());
    }
    return tokens
        .bootstrapTokenExists()
        .compose(
            exists -> {
              if (exists) {
                return Future.succeededFuture();
              }
              String secret = TokenService.newSecret();
              return vertx
                  .executeBlocking(() -> write(config.dataDir().resolve(FILE_NAME), secret))
                  .compose(
                      file ->
                          tokens
                              .installBootstrapToken(secret)
                              .onSuccess(v -> announce(secret, file)));
            });
  }

  private static Path write(Path file, String secret) {
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, secret + "\n");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the admin token to " + file, e);
    }
  }

  private static void announce(String secret, Path file) {
    // Printed once, to the console only (not through the logger), so it does not end up in log
    // files.
    System.out.println();
    System.out.println("  Baton generated an admin token (saved in " + file + "):");
    System.out.println("  " + secret);
    System.out.println();
    LOG.info("admin token written to {}", file);
  }
}
