package io.baton.db;

import io.vertx.sqlclient.Tuple;
import java.lang.reflect.Array;
import java.util.List;
import java.util.function.Function;

/**
 * Rows turned into one array per column, for statements that write many rows at once with {@code
 * unnest($1, $2, ...)}: one statement, one plan and one executor run for the whole batch, instead
 * of one per row.
 *
 * @param <T> what a row is made from
 */
public final class Columns<T> {

  /**
   * One column: the Java type of its array's elements (what the driver encodes), and how a row
   * gives its value.
   */
  public record Column<T>(Class<?> type, Function<T, ?> value) {}

  private final List<Column<T>> columns;

  private Columns(List<Column<T>> columns) {
    this.columns = columns;
  }

  @SafeVarargs
  public static <T> Columns<T> of(Column<T>... columns) {
    return new Columns<>(List.of(columns));
  }

  public static <T> Column<T> column(Class<?> type, Function<T, ?> value) {
    return new Column<>(type, value);
  }

  /**
   * The arrays, in the columns' order, after the leading parameters given (for values shared by
   * every row).
   */
  public Tuple of(List<? extends T> rows, Object... leading) {
    Tuple tuple = Tuple.tuple();
    for (Object value : leading) {
      tuple.addValue(value);
    }
    for (Column<T> column : columns) {
      Object[] values = (Object[]) Array.newInstance(column.type(), rows.size());
      for (int i = 0; i < values.length; i++) {
        values[i] = column.value().apply(rows.get(i));
      }
      tuple.addValue(values);
    }
    return tuple;
  }
}
