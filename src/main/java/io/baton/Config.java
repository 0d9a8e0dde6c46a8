package io.baton;

import io.baton.retention.RetentionPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Baton reads from its environment, in one record. Names are the public contract (the
 * README's Configuration table).
 */
public record Config(
    int port,
    Path dataDir,
    Optional<String> databaseUrl,
    Optional<String> adminToken,
    boolean demo,
    List<String> allowedOrigins,
    Duration gitTimeout,
    Git git,
    Http http,
    ArgoCd argocd,
    Duration gitPollInterval,
    PushWebhooks pushWebhooks,
    Optional<String> publicUrl,
    RetentionPolicy retention,
    int databasePoolSize,
    PullRequests pullRequests) {

  public static final int DEFAULT_PORT = 8080;

  /**
   * How many connections an instance's pool holds at most: {@code BATON_DATABASE_POOL_SIZE}. Each
   * instance also keeps two {@code LISTEN} connections outside it (docs/scaling.md).
   */
  public static final int DEFAULT_DATABASE_POOL_SIZE = 16;

  /**
   * How often the Git watcher asks each remote for new commits: {@code BATON_GIT_POLL_INTERVAL}.
   */
  public static final Duration DEFAULT_GIT_POLL_INTERVAL = Duration.ofMinutes(1);

  public static final int MIN_ADMIN_TOKEN_LENGTH = 20;

  public Config {
    if (adminToken.isPresent() && adminToken.get().length() < MIN_ADMIN_TOKEN_LENGTH) {
      throw new IllegalArgumentException(
          "BATON_ADMIN_TOKEN is too short to be safe: use at least "
              + MIN_ADMIN_TOKEN_LENGTH
              + " characters (a random one: openssl rand -base64 32), or leave it unset and"
              + " Baton generates one");
    }
    if (gitPollInterval.toMillis() < 100) {
      throw new IllegalArgumentException("BATON_GIT_POLL_INTERVAL must be at least PT0.1S");
    }
    publicUrl = publicUrl.map(Config::validPublicUrl);
    if (databasePoolSize < 1) {
      throw new IllegalArgumentException("BATON_DATABASE_POOL_SIZE must be at least 1");
    }
  }

  /** With the default pool size and without pull request providers. */
  public Config(
      int port,
      Path dataDir,
      Optional<String> databaseUrl,
      Optional<String> adminToken,
      boolean demo,
      List<String> allowedOrigins,
      Duration gitTimeout,
      Git git,
      Http http,
      ArgoCd argocd,
      Duration gitPollInterval,
      PushWebhooks pushWebhooks,
      Optional<String> publicUrl,
      RetentionPolicy retention) {
    this(
        port,
        dataDir,
        databaseUrl,
        adminToken,
        demo,
        allowedOrigins,
        gitTimeout,
        git,
        http,
        argocd,
        gitPollInterval,
        pushWebhooks,
        publicUrl,
        retention,
        DEFAULT_DATABASE_POOL_SIZE,
        PullRequests.OFF);
  }

  /** {@code BATON_DATABASE_POOL_SIZE}: a whole number, at least 1. */
  static int databasePoolSize(Optional<String> value) {
    try {
      return value.map(Integer::parseInt).orElse(DEFAULT_DATABASE_POOL_SIZE);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "BATON_DATABASE_POOL_SIZE must be a whole number of connections, e.g. 16");
    }
  }

  /**
   * {@code BATON_PUBLIC_URL}: where people reach this Baton (links in webhook deliveries); unset:
   * {@code http://localhost:<port>}.
   */
  static String validPublicUrl(String url) {
    String trimmed = url.trim().replaceAll("/+$", "");
    if (!trimmed.matches("(?i)https?://[^/?#@\\s]+(/[^?#\\s]*)?")) {
      throw new IllegalArgumentException(
          "BATON_PUBLIC_URL must be an http:// or https:// URL without credentials, query or"
              + " fragment, e.g. https://baton.example.com");
    }
    return trimmed;
  }

  /**
   * Pull request promotion: {@code BATON_GIT_PROVIDERS}, which provider serves the pull requests of
   * which host's repositories ({@code host=kind} or {@code host=kind:apiUrl}, comma-separated; kind
   * {@code github}, {@code gitlab}, {@code gitea}, {@code forgejo} or {@code bitbucket}; tokens
   * from {@code BATON_GIT_TOKENS}), and {@code BATON_PULL_REQUEST_POLL_INTERVAL}, how often an open
   * pull request a step waits for is asked about (webhooks at {@code POST /hooks/git} tell at
   * once).
   */
  public record PullRequests(String providers, Duration pollInterval) {
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(1);
    public static final PullRequests OFF = new PullRequests("", DEFAULT_POLL_INTERVAL);

    public PullRequests {
      if (pollInterval.toMillis() < 100) {
        throw new IllegalArgumentException(
            "BATON_PULL_REQUEST_POLL_INTERVAL must be at least PT0.1S");
      }
    }

    static PullRequests fromEnvironment(Map<String, String> env) {
      return new PullRequests(
          nonBlank(env.get("BATON_GIT_PROVIDERS")).orElse(""),
          nonBlank(env.get("BATON_PULL_REQUEST_POLL_INTERVAL"))
              .map(Duration::parse)
              .orElse(DEFAULT_POLL_INTERVAL));
    }
  }

  /** Polling Git at the default interval, without push webhooks or a public URL. */
  public Config(
      int port,
      Path dataDir,
      Optional<String> databaseUrl,
      Optional<String> adminToken,
      boolean demo,
      List<String> allowedOrigins,
      Duration gitTimeout,
      Git git,
      Http http,
      ArgoCd argocd) {
    this(
        port,
        dataDir,
        databaseUrl,
        adminToken,
        demo,
        allowedOrigins,
        gitTimeout,
        git,
        http,
        argocd,
        DEFAULT_GIT_POLL_INTERVAL,
        PushWebhooks.OFF,
        Optional.empty(),
        RetentionPolicy.OFF);
  }

  /**
   * How long the HTTP server waits for clients: {@code BATON_HTTP_HEADER_TIMEOUT}, for a request's
   * head and body to arrive (and for the next request on an idle connection); {@code
   * BATON_HTTP_IDLE_TIMEOUT}, for a connection on which nothing at all is read or written (longer
   * than any request takes to answer; WebSockets are pinged well within it).
   */
  public record Http(Duration idleTimeout, Duration headerTimeout) {
    public static final Http DEFAULTS = new Http(Duration.ofMinutes(5), Duration.ofSeconds(20));

    public Http {
      if (idleTimeout.toMillis() < 1000 || headerTimeout.toMillis() < 100) {
        throw new IllegalArgumentException(
            "BATON_HTTP_IDLE_TIMEOUT must be at least PT1S and BATON_HTTP_HEADER_TIMEOUT at"
                + " least PT0.1S");
      }
    }

    static Http fromEnvironment(Map<String, String> env) {
      return new Http(
          nonBlank(env.get("BATON_HTTP_IDLE_TIMEOUT"))
              .map(Duration::parse)
              .orElse(DEFAULTS.idleTimeout()),
          nonBlank(env.get("BATON_HTTP_HEADER_TIMEOUT"))
              .map(Duration::parse)
              .orElse(DEFAULTS.headerTimeout()));
    }
  }

  /**
   * How Baton reaches Git remotes and signs its commits: {@code BATON_GIT_TOKENS} ({@code
   * host=token} or {@code host=user:token}, comma-separated), {@code BATON_GIT_SSH_KEY}, {@code
   * BATON_GIT_SSH_KNOWN_HOSTS}, {@code BATON_GIT_AUTHOR} ({@code Name <email>}), {@code
   * BATON_GIT_FILE_ROOTS} (the directories, colon-separated, besides the data directory whose
   * repositories may be read by path or {@code file://}).
   */
  public record Git(
      Map<String, String> tokens,
      Optional<Path> sshKey,
      Optional<Path> sshKnownHosts,
      String author,
      List<Path> fileRoots) {
    public static final String DEFAULT_AUTHOR = "Baton <baton@localhost>";
    public static final Git DEFAULTS =
        new Git(Map.of(), Optional.empty(), Optional.empty(), DEFAULT_AUTHOR, List.of());

    public Git {
      tokens = Map.copyOf(tokens);
      fileRoots = List.copyOf(fileRoots);
    }

    /** The same settings, with repositories under {@code roots} readable too. */
    public Git withFileRoots(List<Path> roots) {
      return new Git(tokens, sshKey, sshKnownHosts, author, roots);
    }

    static Git fromEnvironment(Map<String, String> env) {
      return new Git(
          Config.tokens("BATON_GIT_TOKENS", nonBlank(env.get("BATON_GIT_TOKENS")).orElse("")),
          nonBlank(env.get("BATON_GIT_SSH_KEY")).map(Path::of),
          nonBlank(env.get("BATON_GIT_SSH_KNOWN_HOSTS")).map(Path::of),
          nonBlank(env.get("BATON_GIT_AUTHOR")).orElse(DEFAULT_AUTHOR),
          fileRoots(nonBlank(env.get("BATON_GIT_FILE_ROOTS")).orElse("")));
    }

    static List<Path> fileRoots(String spec) {
      return Arrays.stream(spec.split(":"))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .map(s -> Path.of(s).toAbsolutePath().normalize())
          .toList();
    }

    @Override
    public String toString() {
      return "Git[hosts with tokens="
          + tokens.keySet()
          + ", sshKey="
          + sshKey
          + ", sshKnownHosts="
          + sshKnownHosts
          + ", author="
          + author
          + ", fileRoots="
          + fileRoots
          + "]";
    }
  }

  /**
   * How Baton reads Argo CD: {@code BATON_ARGOCD_TOKENS}, a bearer token per Argo CD server host
   * ({@code host=token} or {@code host:port=token}, comma-separated, as {@code BATON_GIT_TOKENS}).
   */
  public record ArgoCd(Map<String, String> tokens) {
    public static final ArgoCd DEFAULTS = new ArgoCd(Map.of());

    public ArgoCd {
      tokens = Map.copyOf(tokens);
    }

    static ArgoCd fromEnvironment(Map<String, String> env) {
      return new ArgoCd(
          Config.tokens(
              "BATON_ARGOCD_TOKENS", nonBlank(env.get("BATON_ARGOCD_TOKENS")).orElse("")));
    }

    @Override
    public String toString() {
      return "ArgoCd[hosts with tokens=" + tokens.keySet() + "]";
    }
  }

  /**
   * The push-webhook receiver at {@code POST /hooks/git}: {@code BATON_WEBHOOK_SECRET}, the secret
   * every provider's webhook is given (GitHub, Gitea, Forgejo and Bitbucket sign their deliveries
   * with it; GitLab sends it as its token). Unset: the receiver is off and answers 404.
   */
  public record PushWebhooks(Optional<String> secret) {
    public static final int MIN_SECRET_LENGTH = 20;
    public static final PushWebhooks OFF = new PushWebhooks(Optional.empty());

    public PushWebhooks {
      if (secret.isPresent() && secret.get().length() < MIN_SECRET_LENGTH) {
        throw new IllegalArgumentException(
            "BATON_WEBHOOK_SECRET is too short to be safe: use at least "
                + MIN_SECRET_LENGTH
                + " characters (a random one: openssl rand -hex 32)");
      }
    }

    static PushWebhooks fromEnvironment(Map<String, String> env) {
      return new PushWebhooks(nonBlank(env.get("BATON_WEBHOOK_SECRET")));
    }

    @Override
    public String toString() {
      return "PushWebhooks[secret " + (secret.isPresent() ? "set" : "unset") + "]";
    }
  }

  /** Without Argo CD tokens. */
  public Config(
      int port,
      Path dataDir,
      Optional<String> databaseUrl,
      Optional<String> adminToken,
      boolean demo,
      List<String> allowedOrigins,
      Duration gitTimeout,
      Git git,
      Http http) {
    this(
        port,
        dataDir,
        databaseUrl,
        adminToken,
        demo,
        allowedOrigins,
        gitTimeout,
        git,
        http,
        ArgoCd.DEFAULTS);
  }

  /** Without Git settings: public and local remotes only, the default author. */
  public Config(
      int port,
      Path dataDir,
      Optional<String> databaseUrl,
      Optional<String> adminToken,
      boolean demo,
      List<String> allowedOrigins,
      Duration gitTimeout) {
    this(
        port,
        dataDir,
        databaseUrl,
        adminToken,
        demo,
        allowedOrigins,
        gitTimeout,
        Git.DEFAULTS,
        Http.DEFAULTS);
  }

  public static Config fromEnvironment(Map<String, String> env, List<String> args) {
    return new Config(
        Integer.parseInt(env.getOrDefault("BATON_PORT", String.valueOf(DEFAULT_PORT))),
        Path.of(env.getOrDefault("BATON_DATA_DIR", "./baton-data")).toAbsolutePath().normalize(),
        nonBlank(env.get("BATON_DATABASE_URL")),
        nonBlank(env.get("BATON_ADMIN_TOKEN")),
        args.contains("--demo") || "true".equalsIgnoreCase(env.get("BATON_DEMO")),
        nonBlank(env.get("BATON_ALLOWED_ORIGINS"))
            .map(s -> List.of(s.split("\\s*,\\s*")))
            .orElse(List.of()),
        nonBlank(env.get("BATON_GIT_TIMEOUT")).map(Duration::parse).orElse(Duration.ofSeconds(60)),
        Git.fromEnvironment(env),
        Http.fromEnvironment(env),
        ArgoCd.fromEnvironment(env),
        nonBlank(env.get("BATON_GIT_POLL_INTERVAL"))
            .map(Duration::parse)
            .orElse(DEFAULT_GIT_POLL_INTERVAL),
        PushWebhooks.fromEnvironment(env),
        nonBlank(env.get("BATON_PUBLIC_URL")),
        RetentionPolicy.fromEnvironment(env),
        databasePoolSize(nonBlank(env.get("BATON_DATABASE_POOL_SIZE"))),
        PullRequests.fromEnvironment(env));
  }

  public Config withPort(int port) {
    return new Config(
        port,
        dataDir,
        databaseUrl,
        adminToken,
        demo,
        allowedOrigins,
        gitTimeout,
        git,
        http,
        argocd,
        gitPollInterval,
        pushWebhooks,
        publicUrl,
        retention,
        databasePoolSize,
        pullRequests);
  }

  /**
   * The directories whose repositories may be read by path or {@code file://}: the data directory
   * (where the demo's live) and {@code BATON_GIT_FILE_ROOTS}.
   */
  public List<Path> gitFileRoots() {
    List<Path> roots = new ArrayList<>();
    roots.add(dataDir);
    roots.addAll(git.fileRoots());
    return roots;
  }

  /** {@code host=token} pairs, comma-separated; hosts lower-cased. */
  static Map<String, String> tokens(String variable, String spec) {
    Map<String, String> tokens = new LinkedHashMap<>();
    for (String pair : spec.split(",")) {
      int eq = pair.indexOf('=');
      if (pair.isBlank()) {
        continue;
      }
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new IllegalArgumentException(
            variable + " takes host=token pairs separated by commas");
      }
      tokens.put(
          pair.substring(0, eq).trim().toLowerCase(Locale.ROOT), pair.substring(eq + 1).trim());
    }
    return tokens;
  }

  private static Optional<String> nonBlank(String value) {
    return Optional.ofNullable(value).map(String::trim).filter(s -> !s.isEmpty());
  }
}
