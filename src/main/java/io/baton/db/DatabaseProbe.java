package io.baton.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Whether the database is up: it accepts a new connection and answers {@code SELECT 1} on it.
 *
 * <p>A pooled connection is no proof: a PostgreSQL stopping in smart mode (SIGTERM, as systemd
 * stops it) refuses every new connection but keeps serving the sessions it already has, so a probe
 * through the pool answers "up" whenever it finds one of them idle. Probes are coalesced: one runs
 * at a time, and every request that arrives while it runs is answered by the next one, which starts
 * after it arrived; a burst of health checks opens one connection at a time.
 */
public final class DatabaseProbe {
  private static final int TIMEOUT_SECONDS = 3;
  private static final int MAX_WAITING = 10_000;

  private final Vertx vertx;
  private final PgConnectOptions options;
  private final Coalescer<Void, Boolean> probes;

  public DatabaseProbe(Vertx vertx, DatabaseUrl url) {
    this.vertx = vertx;
    this.options = url.connectOptions();
    this.probes = new Coalescer<>(MAX_WAITING, 1, this::answer);
  }

  /** Succeeds with true if the database answered, false if it did not; never fails. */
  public Future<Boolean> isUp() {
    return probes.submit(null);
  }

  private Future<Void> answer(List<Coalescer.Request<Void, Boolean>> waiting) {
    return probe().map(up -> answerAll(waiting, up));
  }

  private static Void answerAll(List<Coalescer.Request<Void, Boolean>> waiting, boolean up) {
    waiting.forEach(request -> request.complete(up));
    return null;
  }

  private Future<Boolean> probe() {
    Future<PgConnection> connecting = PgConnection.connect(vertx, options);
    return connecting
        .compose(DatabaseProbe::selectOne)
        .timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .map(true)
        .recover(failure -> closeWhenConnected(connecting));
  }

  private static Future<RowSet<Row>> selectOne(PgConnection connection) {
    return connection.query("SELECT 1").execute().eventually(connection::close);
  }

  /** A connection that arrives after the timeout is not left open. */
  private static Future<Boolean> closeWhenConnected(Future<PgConnection> connecting) {
    connecting.onSuccess(PgConnection::close);
    return Future.succeededFuture(false);
  }
}
