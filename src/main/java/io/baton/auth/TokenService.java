package io.baton.auth;

import io.baton.audit.Audit;
import io.baton.db.PgErrors;
import io.baton.error.BatonException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API tokens: 256 random bits, shown once, stored as a SHA-256. Lookups are cached briefly so that
 * a busy client does not cost a query per request; revocation reaches every instance within {@link
 * #CACHE_TTL}.
 */
public final class TokenService {
  public static final String BOOTSTRAP_NAME = "admin";
  static final Duration CACHE_TTL = Duration.ofSeconds(2);

  /**
   * How many lookups the cache keeps, known tokens and unknown ones alike: beyond it, the least
   * recently used goes. Unknown tokens cost a caller nothing to invent, so the bound is what keeps
   * a flood of them from filling the heap.
   */
  static final int MAX_CACHED = 10_000;

  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Pool pool;
  private final Clock clock;
  private final LookupCache cache = new LookupCache(MAX_CACHED);
  private final Map<Long, Instant> touched = new ConcurrentHashMap<>();

  private record Cached(Principal principal, Instant until) {}

  /** Least recently used first; shared by every event loop, so each access is synchronized. */
  private static final class LookupCache {
    private final Map<String, Cached> entries;

    LookupCache(int max) {
      this.entries =
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
              return size() > max;
            }
          };
    }

    synchronized Cached get(String key) {
      return entries.get(key);
    }

    synchronized void put(String key, Cached value) {
      entries.put(key, value);
    }

    synchronized void clear() {
      entries.clear();
    }

    synchronized int size() {
      return entries.size();
    }
  }

  public TokenService(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /**
   * The caller behind a bearer token; fails with UNAUTHENTICATED for a missing, unknown or revoked
   * one.
   */
  public Future<Principal> authenticate(String token) {
    if (token == null || token.isBlank()) {
      return Future.failedFuture(
          BatonException.unauthenticated(
              "an API token is required: send Authorization: Bearer <token>"));
    }
    String key = hex(hash(token));
    Cached cached = cache.get(key);
    Instant now = clock.instant();
    if (cached != null && cached.until().isAfter(now)) {
      return cached.principal() == null
          ? Future.failedFuture(invalid())
          : Future.succeededFuture(cached.principal());
    }
    return pool.preparedQuery(TokenSql.BY_HASH)
        .execute(Tuple.of(Buffer.buffer(hash(token))))
        .map(
            rows -> {
              ApiToken found = rows.size() == 0 ? null : ApiToken.from(rows.iterator().next());
              Principal principal =
                  found == null || found.revokedAt() != null
                      ? null
                      : new Principal(found.id(), found.name(), found.role());
              cache.put(key, new Cached(principal, now.plus(CACHE_TTL)));
              if (principal == null) {
                throw invalid();
              }
              touch(principal, now);
              return principal;
            });
  }

  /** How many lookups the cache holds. */
  int cached() {
    return cache.size();
  }

  public Future<List<ApiToken>> list() {
    return pool.query(TokenSql.LIST).execute().map(TokenService::all);
  }

  public Future<ApiTokenSecret> create(String name, Role role, Audit audit) {
    if (name == null || name.isBlank() || name.length() > 100) {
      return Future.failedFuture(
          BatonException.badInput("name", "a token needs a name of 1 to 100 characters"));
    }
    String secret = newSecret();
    Tuple args = Tuple.of(name.trim(), role.name(), Buffer.buffer(hash(secret)));
    return audit
        .withTransaction(pool, conn -> conn.preparedQuery(TokenSql.INSERT).execute(args))
        .map(rows -> new ApiTokenSecret(secret, ApiToken.from(rows.iterator().next())))
        .recover(
            failure ->
                Future.failedFuture(
                    PgErrors.is(failure, PgErrors.UNIQUE_VIOLATION)
                        ? BatonException.conflict(
                            "name", "a token named \"" + name.trim() + "\" already exists")
                        : failure));
  }

  public Future<ApiToken> revoke(long id, Audit audit) {
    return audit
        .withTransaction(
            pool,
            conn ->
                conn.preparedQuery(TokenSql.REVOKE)
                    .execute(Tuple.of(id))
                    .map(
                        rows -> {
                          if (rows.size() == 0) {
                            throw BatonException.notFound("API token", Long.toString(id));
                          }
                          return ApiToken.from(rows.iterator().next());
                        }))
        .onSuccess(revoked -> cache.clear());
  }

  /** Of the given token ids, those not revoked: open WebSockets check theirs with this. */
  public Future<Set<Long>> stillValid(Collection<Long> tokenIds) {
    return pool.preparedQuery(TokenSql.STILL_VALID)
        .execute(Tuple.of(tokenIds.toArray(Long[]::new)))
        .map(
            rows -> {
              Set<Long> valid = new HashSet<>();
              rows.forEach(row -> valid.add(row.getLong("id")));
              return valid;
            });
  }

  /** Makes {@code token} the bootstrap administrator's secret. */
  public Future<Void> installBootstrapToken(String token) {
    return pool.preparedQuery(TokenSql.UPSERT_BOOTSTRAP)
        .execute(Tuple.of(BOOTSTRAP_NAME, Buffer.buffer(hash(token))))
        .mapEmpty();
  }

  public Future<Boolean> bootstrapTokenExists() {
    return pool.preparedQuery(TokenSql.EXISTS)
        .execute(Tuple.of(BOOTSTRAP_NAME))
        .map(rows -> rows.size() > 0);
  }

  public static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "baton_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private void touch(Principal principal, Instant now) {
    Instant last = touched.get(principal.tokenId());
    if (last != null && last.plus(TOUCH_EVERY).isAfter(now)) {
      return;
    }
    touched.put(principal.tokenId(), now);
    pool.preparedQuery(TokenSql.TOUCH).execute(Tuple.of(principal.tokenId()));
  }

  private static BatonException invalid() {
    return BatonException.unauthenticated("the API token is not valid (unknown or revoked)");
  }

  private static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return sb.toString();
  }

  private static List<ApiToken> all(RowSet<Row> rows) {
    List<ApiToken> list = new ArrayList<>(rows.size());
    rows.forEach(row -> list.add(ApiToken.from(row)));
    return list;
  }
}
