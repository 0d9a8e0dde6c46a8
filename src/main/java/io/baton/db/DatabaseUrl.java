package io.baton.db;

import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL location, from {@code postgresql://user:password@host:5432/db}. Every connection
 * made from it works in Baton's own schema, {@value #SCHEMA} (its search path), so the database may
 * hold other tables.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password) {

  /** The schema that holds every table and function of Baton's. */
  public static final String SCHEMA = "baton";

  public static DatabaseUrl parse(String url) {
    URI uri = URI.create(url.replaceFirst("^postgres(ql)?://", "postgresql://"));
    if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "BATON_DATABASE_URL must look like postgresql://user:password@host:5432/db");
    }
    String[] userInfo =
        uri.getRawUserInfo() == null
            ? new String[] {"postgres"}
            : uri.getRawUserInfo().split(":", 2);
    String database =
        uri.getPath() == null || uri.getPath().length() <= 1
            ? "postgres"
            : uri.getPath().substring(1);
    return new DatabaseUrl(
        uri.getHost(),
        uri.getPort() < 0 ? 5432 : uri.getPort(),
        database,
        decode(userInfo[0]),
        userInfo.length > 1 ? decode(userInfo[1]) : null);
  }

  public DatabaseUrl withDatabase(String other) {
    return new DatabaseUrl(host, port, other, user, password);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?currentSchema=" + SCHEMA;
  }

  public PgConnectOptions connectOptions() {
    PgConnectOptions options =
        new PgConnectOptions()
            .setHost(host)
            .setPort(port)
            .setDatabase(database)
            .setUser(user)
            .setCachePreparedStatements(true)
            .setPipeliningLimit(256)
            .addProperty("search_path", SCHEMA);
    if (password != null) {
      options.setPassword(password);
    }
    return options;
  }

  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
