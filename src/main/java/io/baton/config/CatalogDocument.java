package io.baton.config;

import io.baton.flow.FlowYaml.Fields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reading the documents of environments, products and applications: every field known, or refused
 * with its line, so a typo never passes silently.
 */
final class CatalogDocument {
  private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "spec");
  private static final Set<String> METADATA = Set.of("name");

  private CatalogDocument() {}

  /** The document's spec, whose fields must be among {@code known}. */
  static Fields spec(Node document, Set<String> known) {
    Fields top = Fields.of(document, "", TOP, Set.of());
    Fields.of(top.required("metadata"), "metadata", METADATA, Set.of());
    return Fields.of(top.required("spec"), "spec", known, Set.of());
  }

  /**
   * The field's value, one of {@code type}'s constants in any case, or in the vendor's camel case
   * ({@code commitMessage} for COMMIT_MESSAGE); {@code fallback} when not given.
   */
  static <E extends Enum<E>> E enumValue(Fields fields, String key, Class<E> type, E fallback) {
    String text = fields.text(key);
    if (text == null) {
      return fallback;
    }
    try {
      return Enum.valueOf(
          type, text.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> names = List.of(type.getEnumConstants()).stream().map(Enum::name).toList();
      throw fields.invalid(key, "\"" + text + "\" is not one of " + String.join(", ", names));
    }
  }

  static Integer integer(Fields fields, String key) {
    String text = fields.text(key);
    if (text == null) {
      return null;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw fields.invalid(key, "must be a whole number, not \"" + text + "\"");
    }
  }

  /** The field's list; BAD_USER_INPUT when it is given and is not a list. */
  static List<Node> list(Fields fields, String key, String example) {
    if (!fields.has(key)) {
      return List.of();
    }
    if (!(fields.required(key) instanceof SequenceNode sequence)) {
      throw fields.invalid(key, "must be a list, like " + example);
    }
    return sequence.getValue();
  }

  /** The field's list of single values. */
  static List<String> texts(Fields fields, String key) {
    List<String> texts = new ArrayList<>();
    for (Node item : list(fields, key, "[a, b]")) {
      texts.add(Fields.scalar(item, fields.path(key) + "[" + texts.size() + "]"));
    }
    return texts;
  }
}
