package io.baton;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Baton reads from its environment, in one record. Names are the public contract (API.md).
 */
public record Config(
    int port,
    Path dataDir,
    Optional<String> databaseUrl,
    Optional<String> adminToken,
    boolean demo,
    List<String> allowedOrigins,
    Duration gitTimeout) {

  public static final int DEFAULT_PORT = 8080;

  public static Config fromEnvironment(Map<String, String> env, List<String> args) {
    return new Config(
        Integer.parseInt(env.getOrDefault("BATON_PORT", String.valueOf(DEFAULT_PORT))),
        Path.of(env.getOrDefault("BATON_DATA_DIR", "./baton-data")).toAbsolutePath().normalize(),
        nonBlank(env.get("BATON_DATABASE_URL")),
        nonBlank(env.get("BATON_ADMIN_TOKEN")),
        args.contains("--demo") || "true".equalsIgnoreCase(env.get("BATON_DEMO")),
        nonBlank(env.get("BATON_ALLOWED_ORIGINS")).map(s -> List.of(s.split("\\s*,\\s*"))).orElse(List.of()),
        nonBlank(env.get("BATON_GIT_TIMEOUT")).map(Duration::parse).orElse(Duration.ofSeconds(60)));
  }

  public Config withPort(int port) {
    return new Config(port, dataDir, databaseUrl, adminToken, demo, allowedOrigins, gitTimeout);
  }

  public Config withDemo(boolean demo) {
    return new Config(port, dataDir, databaseUrl, adminToken, demo, allowedOrigins, gitTimeout);
  }

  private static Optional<String> nonBlank(String value) {
    return Optional.ofNullable(value).map(String::trim).filter(s -> !s.isEmpty());
  }
}
