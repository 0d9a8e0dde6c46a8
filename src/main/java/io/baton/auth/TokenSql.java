package io.baton.auth;

final class TokenSql {
  private TokenSql() {}

  static final String COLUMNS = "id, name, role, created_at, last_used_at, revoked_at";

  static final String BY_HASH = "SELECT " + COLUMNS + " FROM api_token WHERE secret_hash = $1";

  static final String LIST = "SELECT " + COLUMNS + " FROM api_token ORDER BY created_at, id";

  static final String INSERT =
      "INSERT INTO api_token (name, role, secret_hash) VALUES ($1, $2, $3) RETURNING " + COLUMNS;

  static final String UPSERT_BOOTSTRAP =
      """
      INSERT INTO api_token (name, role, secret_hash) VALUES ($1, 'ADMIN', $2)
      ON CONFLICT (name) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, role = 'ADMIN', revoked_at = NULL""";

  static final String EXISTS = "SELECT 1 FROM api_token WHERE name = $1";

  static final String REVOKE =
      "UPDATE api_token SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 RETURNING "
          + COLUMNS;

  static final String TOUCH = "UPDATE api_token SET last_used_at = now() WHERE id = $1";

  static final String STILL_VALID =
      "SELECT id FROM api_token WHERE id = ANY($1) AND revoked_at IS NULL";
}
