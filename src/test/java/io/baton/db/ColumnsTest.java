package io.baton.db;

import static io.baton.db.Columns.column;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnsTest {
  private record Row(long id, String name) {}

  @Test
  void rows_become_one_typed_array_per_column_after_the_leading_values() {
    Columns<Row> columns = Columns.of(column(Long.class, Row::id), column(String.class, Row::name));
    Tuple tuple = columns.of(List.of(new Row(1, "a"), new Row(2, null)), "shared");
    assertThat(tuple.size()).isEqualTo(3);
    assertThat(tuple.getValue(0)).isEqualTo("shared");
    // The driver encodes an array by its element type: Long[] as bigint[], String[] as text[];
    // nulls stay null.
    assertThat(tuple.getValue(1)).isInstanceOf(Long[].class).isEqualTo(new Long[] {1L, 2L});
    assertThat(tuple.getValue(2)).isInstanceOf(String[].class).isEqualTo(new String[] {"a", null});
  }

  @Test
  void no_rows_give_empty_arrays() {
    Tuple tuple = Columns.of(column(Long.class, Row::id)).of(List.of());
    assertThat(tuple.getValue(0)).isEqualTo(new Long[0]);
  }
}
