package io.baton.graphql;

import graphql.schema.DataFetchingEnvironment;
import io.baton.error.BatonException;
import java.util.Map;

/** Reading arguments and input objects out of a DataFetchingEnvironment. */
final class Args {
  private Args() {}

  static Map<String, Object> input(DataFetchingEnvironment env) {
    return env.getArgument("input");
  }

  static String string(Map<String, Object> map, String key) {
    Object value = map.get(key);
    return value == null ? null : value.toString();
  }

  static Integer integer(Map<String, Object> map, String key) {
    Object value = map.get(key);
    return value == null ? null : ((Number) value).intValue();
  }

  static <E extends Enum<E>> E enumValue(Class<E> type, Map<String, Object> map, String key) {
    Object value = map.get(key);
    return value == null ? null : Enum.valueOf(type, value.toString());
  }

  static long id(DataFetchingEnvironment env, String what) {
    String id = env.getArgument("id");
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw BatonException.notFound(what, id);
    }
  }

  static int first(DataFetchingEnvironment env, int max) {
    Integer first = env.getArgument("first");
    if (first == null) {
      return Math.min(20, max);
    }
    if (first < 0 || first > max) {
      throw BatonException.badInput("first must be between 0 and " + max);
    }
    return first;
  }
}
