package io.baton.graphql;

import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.DataFetchingEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a field's selection asks for, read from the document itself. {@code env.getSelectionSet()}
 * answers the same question but first normalizes the whole operation, which costs more than a short
 * list query does. Used only to choose how to read data: a wrong answer costs a query, never
 * changes a result.
 */
@SuppressWarnings("rawtypes")
final class Selections {
  private static final int MAX_FRAGMENT_NESTING = 10;

  private Selections() {}

  /**
   * Whether the current field selects {@code path[0] { path[1] { ... } }}, through fragments too.
   */
  static boolean selects(DataFetchingEnvironment env, String... path) {
    List<Selection> current = new ArrayList<>();
    env.getMergedField()
        .getFields()
        .forEach(field -> addSelections(current, field.getSelectionSet()));
    for (int i = 0; i < path.length; i++) {
      List<Field> matching = fieldsNamed(current, path[i], env.getFragmentsByName(), 0);
      if (matching.isEmpty()) {
        return false;
      }
      if (i == path.length - 1) {
        return true;
      }
      current.clear();
      matching.forEach(field -> addSelections(current, field.getSelectionSet()));
    }
    return false;
  }

  private static void addSelections(List<Selection> into, SelectionSet set) {
    if (set != null) {
      into.addAll(set.getSelections());
    }
  }

  private static List<Field> fieldsNamed(
      List<Selection> selections,
      String name,
      Map<String, FragmentDefinition> fragments,
      int nesting) {
    List<Field> found = new ArrayList<>();
    if (nesting > MAX_FRAGMENT_NESTING) {
      return found;
    }
    for (Selection<?> selection : selections) {
      if (selection instanceof Field field && field.getName().equals(name)) {
        found.add(field);
      } else if (selection instanceof InlineFragment inline && inline.getSelectionSet() != null) {
        found.addAll(
            fieldsNamed(inline.getSelectionSet().getSelections(), name, fragments, nesting + 1));
      } else if (selection instanceof FragmentSpread spread
          && fragments.get(spread.getName()) != null) {
        found.addAll(
            fieldsNamed(
                fragments.get(spread.getName()).getSelectionSet().getSelections(),
                name,
                fragments,
                nesting + 1));
      }
    }
    return found;
  }
}
