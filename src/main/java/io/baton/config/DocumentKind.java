package io.baton.config;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.LinkedHashMap;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * One kind of catalog object in a configuration file: how its document is read and written, what
 * the catalog holds of it, and how one is created, changed or deleted in the apply's transaction.
 * The apply knows this interface, never the kinds.
 *
 * @param <S> the object's spec, defaults explicit, so that two specs that mean the same are written
 *     the same
 */
interface DocumentKind<S> {

  /** The document's {@code kind}: Environment, Product, Application or PromotionFlow. */
  String kind();

  /**
   * The spec of a document of this kind; BAD_USER_INPUT naming the field and line of a problem.
   * {@code lines} is told where the fields {@link #check} looks at were written.
   */
  S read(String name, Node document, Lines lines);

  /** The spec, its references checked against what the catalog will hold. */
  default S check(S spec, Lines lines, Known known) {
    return spec;
  }

  /** Every object of this kind in the catalog, by name, in the order an export writes them. */
  LinkedHashMap<String, S> current(Catalog catalog);

  /** The spec to compare and apply, where the file leaves a field to the object as it is. */
  default S settle(S desired, S current) {
    return desired;
  }

  /** The object's document, as an export writes it. */
  Node document(String name, S spec);

  /** The fields of this object that Baton keeps but does not carry out. */
  default List<ConfigWarning> warnings(String name, S spec) {
    return List.of();
  }

  Future<?> create(SqlConnection conn, String name, S spec, Lines lines);

  Future<?> update(SqlConnection conn, String name, S current, S spec, Lines lines);

  Future<?> delete(SqlConnection conn, String name);
}
