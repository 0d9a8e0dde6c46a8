package io.baton.environment;

import io.baton.gate.GateSpec;
import io.baton.gate.GateSpecJson;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import java.util.List;

/**
 * A place a product runs.
 *
 * @param gates the gates of every step into this environment, before the flow step's own; null when
 *     they were not read with it (an environment joined into a release's step)
 * @param argocdServer the base URL of the Argo CD server that deploys it; null: none
 */
public record Environment(
    long id,
    String name,
    EnvironmentKind kind,
    int position,
    List<GateSpec> gates,
    String argocdServer) {

  public Environment {
    gates = gates == null ? null : List.copyOf(gates);
  }

  /** An environment as another row joins it in: its gates and Argo CD server are not read. */
  public Environment(long id, String name, EnvironmentKind kind, int position) {
    this(id, name, kind, position, null, null);
  }

  /** Whether this is the whole environment, gates and Argo CD server included. */
  public boolean complete() {
    return gates != null;
  }

  /**
   * The environment from {@code row}'s columns, each name prefixed with {@code prefix}: {@code id,
   * name, kind, position, gates, argocd_server}.
   */
  public static Environment from(Row row, String prefix) {
    return new Environment(
        row.getLong(prefix + "id"),
        row.getString(prefix + "name"),
        EnvironmentKind.valueOf(row.getString(prefix + "kind")),
        row.getInteger(prefix + "position"),
        gates(row.getValue(prefix + "gates")),
        row.getString(prefix + "argocd_server"));
  }

  private static List<GateSpec> gates(Object json) {
    return json instanceof JsonArray array ? GateSpecJson.read(array) : List.of();
  }

  static Environment from(Row row) {
    return from(row, "");
  }
}
