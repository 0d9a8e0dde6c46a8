package io.baton.product;

import io.baton.Names;
import io.baton.error.BatonException;
import io.baton.flow.KeptFields;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Standalone promotion templates, read and written in the caller's transaction. */
public final class TemplateService {

  public Future<List<StandaloneTemplate>> list(SqlClient sql) {
    return sql.preparedQuery(TemplateSql.LIST)
        .execute()
        .map(
            rows -> {
              List<StandaloneTemplate> all = new ArrayList<>();
              rows.forEach(row -> all.add(StandaloneTemplate.from(row)));
              return all;
            });
  }

  /** Creates the template or replaces it by name. */
  public Future<Void> save(SqlConnection conn, StandaloneTemplate template) {
    Names.require("promotion template", template.name());
    Object selector = template.selector() == null ? new JsonObject() : template.selector();
    return conn.preparedQuery(TemplateSql.UPSERT)
        .execute(
            Tuple.of(
                template.name(),
                template.priority(),
                KeptFields.json(selector),
                template.template().toJson()))
        .mapEmpty();
  }

  /** Deletes the template; CONFLICT while a product names it. */
  public Future<Void> delete(SqlConnection conn, String name) {
    return conn.preparedQuery(TemplateSql.PRODUCTS_NAMING)
        .execute(Tuple.of(name))
        .compose(products -> deleteUnused(conn, name, products));
  }

  private static Future<Void> deleteUnused(SqlConnection conn, String name, RowSet<Row> products) {
    if (products.size() > 0) {
      List<String> names = new ArrayList<>();
      products.forEach(row -> names.add("\"" + row.getString("name") + "\""));
      return Future.failedFuture(
          BatonException.conflict(
              "promotion template \""
                  + name
                  + "\" is still named by products "
                  + String.join(", ", names)
                  + " (promotionTemplateRef); change those first"));
    }
    return conn.preparedQuery(TemplateSql.DELETE).execute(Tuple.of(name)).mapEmpty();
  }
}
