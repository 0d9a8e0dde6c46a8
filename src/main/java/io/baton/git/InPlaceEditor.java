package io.baton.git;

import io.baton.git.StructuredFile.Format;
import io.baton.release.PromotionFailure;
import io.baton.yaml.BoundedYaml;
import io.vertx.core.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.CollectionNode;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Copies the values at JSONPaths from a source file into a target file by editing the target's text
 * in place: each changed scalar is rewritten where it stands (in the target's own quoting when that
 * keeps its type), so comments, key order, quoting and formatting everywhere else stay byte for
 * byte.
 *
 * <p>Paths are found in the source with JSONPath; each concrete path is then walked in the target.
 * Where the target's structure differs (a missing key, a list of another length, a scalar where the
 * source has a mapping), the smallest enclosing node is rewritten from the source's text. After
 * editing, the target is parsed again and every promoted path must hold exactly the source's data,
 * or the promotion fails and nothing is written.
 */
final class InPlaceEditor {
  private static final int INDENT = 2;

  /** The edited text, and how many concrete paths the JSONPaths matched in the source. */
  record Outcome(String text, int matched) {
    boolean changed(String original) {
      return !text.equals(original);
    }
  }

  private record Edit(int start, int end, String replacement, int order) {}

  private record Match(int document, List<Object> path) {}

  private InPlaceEditor() {}

  static Outcome promote(StructuredFile source, StructuredFile target, List<String> jsonPaths) {
    List<Match> matches = matches(source, jsonPaths);
    StructuredFile current = target;
    for (Match match : matches) {
      if (match.document() >= current.documents().size()) {
        throw new PromotionFailure(
            target.name()
                + " has no document "
                + (match.document() + 1)
                + " for "
                + JsonPaths.display(match.path()));
      }
      List<Edit> edits =
          new Planner(source, current)
              .plan(
                  source.documents().get(match.document()),
                  current.documents().get(match.document()),
                  match.path());
      if (!edits.isEmpty()) {
        current = reparse(current, apply(current.text(), edits));
      }
    }
    verify(source, current, matches);
    return new Outcome(current.text(), matches.size());
  }

  /** How many concrete paths the JSONPaths match in a file. */
  static int matchCount(StructuredFile source, List<String> jsonPaths) {
    return matches(source, jsonPaths).size();
  }

  private static List<Match> matches(StructuredFile source, List<String> jsonPaths) {
    List<Match> matches = new ArrayList<>();
    for (int d = 0; d < source.documents().size(); d++) {
      Object document = StructuredFile.toJava(source.documents().get(d));
      for (String expression : jsonPaths) {
        for (List<Object> path : JsonPaths.concretePaths(expression, document)) {
          Match match = new Match(d, path);
          if (!matches.contains(match)) {
            matches.add(match);
          }
        }
      }
    }
    return matches;
  }

  private static StructuredFile reparse(StructuredFile file, String text) {
    try {
      return StructuredFile.parse(file.name(), text, file.format());
    } catch (PromotionFailure e) {
      throw new PromotionFailure(
          "could not edit " + file.name() + " in place (" + e.getMessage() + ")");
    }
  }

  private static void verify(StructuredFile source, StructuredFile edited, List<Match> matches) {
    for (Match match : matches) {
      Node want = StructuredFile.at(source.documents().get(match.document()), match.path());
      Node got = StructuredFile.at(edited.documents().get(match.document()), match.path());
      if (got == null || !StructuredFile.sameData(want, got)) {
        throw new PromotionFailure(
            "could not edit "
                + edited.name()
                + " in place at "
                + JsonPaths.display(match.path())
                + ": its structure differs too much from the source's");
      }
    }
    if (edited.format() == Format.JSON && !edited.text().isBlank()) {
      try {
        Json.decodeValue(edited.text());
      } catch (RuntimeException e) {
        throw new PromotionFailure(
            "could not edit " + edited.name() + " in place: the result would not be valid JSON");
      }
    }
  }

  private static String apply(String text, List<Edit> edits) {
    List<Edit> sorted = new ArrayList<>(edits);
    sorted.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::order));
    StringBuilder out = new StringBuilder(text.length() + 64);
    int cursor = 0;
    for (Edit edit : sorted) {
      if (edit.start() < cursor) {
        throw new IllegalStateException("overlapping edits at " + edit.start());
      }
      out.append(text, cursor, edit.start()).append(edit.replacement());
      cursor = edit.end();
    }
    return out.append(text, cursor, text.length()).toString();
  }

  /** Plans the edits for one concrete path against one parse of the target. */
  private static final class Planner {
    private final StructuredFile source;
    private final StructuredFile target;
    private final String lineBreak;
    private final List<Edit> edits = new ArrayList<>();

    Planner(StructuredFile source, StructuredFile target) {
      this.source = source;
      this.target = target;
      this.lineBreak = target.text().contains("\r\n") ? "\r\n" : "\n";
    }

    List<Edit> plan(Node sourceRoot, Node targetRoot, List<Object> path) {
      Node s = sourceRoot;
      Node t = targetRoot;
      boolean flow = isFlow(t);
      for (int i = 0; i < path.size(); i++) {
        Object segment = path.get(i);
        Node next = StructuredFile.child(t, segment);
        if (next == null) {
          addMissing(s, t, path.subList(i, path.size()), flow);
          return edits;
        }
        s = StructuredFile.child(s, segment);
        t = next;
        flow = flow || isFlow(t);
      }
      copy(s, t, flow);
      return edits;
    }

    private void addMissing(Node s, Node t, List<Object> rest, boolean flow) {
      boolean insertable =
          t instanceof MappingNode mapping
              && !mapping.getValue().isEmpty()
              && rest.get(0) instanceof String;
      if (insertable) {
        insert((MappingNode) s, (MappingNode) t, rest);
      } else {
        replaceWhole(s, t, flow);
      }
    }

    private void copy(Node s, Node t, boolean flow) {
      if (StructuredFile.sameData(s, t)) {
        return;
      }
      if (s instanceof ScalarNode ss && t instanceof ScalarNode ts) {
        replaceScalar(ss, ts, flow);
      } else if (s instanceof MappingNode sm
          && t instanceof MappingNode tm
          && !tm.getValue().isEmpty()
          && StructuredFile.keys(sm).containsAll(StructuredFile.keys(tm))) {
        copyMapping(sm, tm, flow || isFlow(tm));
      } else if (s instanceof SequenceNode sq
          && t instanceof SequenceNode tq
          && sq.getValue().size() == tq.getValue().size()) {
        for (int i = 0; i < sq.getValue().size(); i++) {
          copy(sq.getValue().get(i), tq.getValue().get(i), flow || isFlow(tq));
        }
      } else {
        replaceWhole(s, t, flow);
      }
    }

    private void copyMapping(MappingNode s, MappingNode t, boolean flow) {
      for (NodeTuple tuple : s.getValue()) {
        String key = StructuredFile.keyOf(tuple.getKeyNode());
        NodeTuple existing = StructuredFile.entry(t, key);
        if (existing == null) {
          insert(s, t, List.of(key));
        } else if (StructuredFile.entry(s, key) == tuple) {
          copy(tuple.getValueNode(), existing.getValueNode(), flow);
        }
      }
    }

    // --- scalars

    private void replaceScalar(ScalarNode s, ScalarNode t, boolean flow) {
      Span targetSpan = span(target, t);
      Span sourceSpan = span(source, s);
      String sourceContent = sourceSpan.content(source.text());
      String replacement;
      if (isMultiLine(source, s) || isMultiLine(target, t)) {
        int delta =
            column(target.text(), targetSpan.contentStart)
                - column(source.text(), sourceSpan.contentStart);
        replacement = reindent(sourceContent, delta);
      } else {
        replacement = chooseScalarText(s, t, sourceContent, targetSpan.props(target.text()), flow);
      }
      replace(targetSpan, replacement);
    }

    private static boolean isMultiLine(StructuredFile file, ScalarNode node) {
      ScalarStyle style = node.getScalarStyle();
      return style == ScalarStyle.LITERAL
          || style == ScalarStyle.FOLDED
          || file.text().substring(file.start(node), file.end(node)).contains("\n");
    }

    /**
     * The text for a single-line scalar (after the target's anchor or tag, which stay): the
     * source's value in the target's quoting when that keeps the source's type, else in the
     * source's quoting, else double-quoted.
     */
    private String chooseScalarText(
        ScalarNode s, ScalarNode t, String sourceContent, String targetProps, boolean flow) {
      if (target.format() == Format.JSON) {
        return s.getTag().equals(Tag.STR) ? Scalars.doubleQuoted(s.getValue()) : sourceContent;
      }
      List<String> candidates = new ArrayList<>();
      Scalars.render(s.getValue(), t.getScalarStyle()).ifPresent(candidates::add);
      Scalars.render(s.getValue(), s.getScalarStyle()).ifPresent(candidates::add);
      candidates.add(sourceContent);
      candidates.add(Scalars.doubleQuoted(s.getValue()));
      for (String candidate : candidates) {
        if (Scalars.readsAs(targetProps + candidate, s, flow)) {
          return candidate;
        }
      }
      String full = span(source, s).whole(source.text());
      if (targetProps.isEmpty() && Scalars.readsAs(full, s, flow)) {
        return full;
      }
      throw new PromotionFailure(
          "could not write " + s.getValue() + " into " + target.name() + " keeping its type");
    }

    /**
     * Replaces a node's value (keeping the target's anchor or tag), minding the edges: {@code key:}
     * followed directly by a value needs a space (an empty value has an empty span), and a block
     * scalar's span owns its final line break, which must survive whatever replaces it.
     */
    private void replace(Span span, String replacement) {
      String text = target.text();
      String old = text.substring(span.contentStart, span.end);
      String value = replacement;
      if (span.contentStart == span.end
          && span.contentStart > 0
          && text.charAt(span.contentStart - 1) == ':') {
        value = " " + value;
      }
      boolean nextIsBreak =
          span.end >= text.length()
              || text.charAt(span.end) == '\n'
              || text.charAt(span.end) == '\r';
      if (old.endsWith("\n") && !value.endsWith("\n")) {
        value = value + lineBreak;
      } else if (!old.endsWith("\n") && value.endsWith("\n") && nextIsBreak) {
        value = value.substring(0, value.length() - (value.endsWith("\r\n") ? 2 : 1));
      }
      add(span.contentStart, span.end, value);
    }

    // --- whole nodes

    private void replaceWhole(Node s, Node t, boolean flow) {
      Span targetSpan = span(target, t);
      Span sourceSpan = span(source, s);
      if (isBlockCollection(s) && (flow || !isBlockCollection(t))) {
        replace(targetSpan, flowText(s));
        return;
      }
      int delta =
          column(target.text(), targetSpan.contentStart)
              - column(source.text(), sourceSpan.contentStart);
      replace(targetSpan, reindent(sourceSpan.content(source.text()), delta));
    }

    // --- inserting keys the target lacks

    /**
     * Adds {@code rest.get(0)} to target mapping {@code t}, with as little of the source as the
     * path needs: the keys along {@code rest}, then the source's value at its end.
     */
    private void insert(MappingNode s, MappingNode t, List<Object> rest) {
      boolean keysOnly = rest.stream().allMatch(segment -> segment instanceof String);
      List<Object> chain = keysOnly ? rest : List.of(rest.get(0));
      List<NodeTuple> tuples = new ArrayList<>();
      Node node = s;
      for (Object segment : chain) {
        NodeTuple tuple = StructuredFile.entry((MappingNode) node, (String) segment);
        tuples.add(tuple);
        node = tuple.getValueNode();
      }
      if (isFlow(t) || target.format() == Format.JSON) {
        insertIntoFlow(t, tuples);
      } else {
        insertIntoBlock(t, tuples);
      }
    }

    private void insertIntoBlock(MappingNode t, List<NodeTuple> tuples) {
      NodeTuple first = t.getValue().get(0);
      int column = column(target.text(), target.start(first.getKeyNode()));
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < tuples.size(); i++) {
        text.append(lineBreak)
            .append(" ".repeat(column + INDENT * i))
            .append(keyText(tuples.get(i).getKeyNode()))
            .append(':');
      }
      NodeTuple leaf = tuples.get(tuples.size() - 1);
      Node value = leaf.getValueNode();
      int keyColumn = column + INDENT * (tuples.size() - 1);
      int delta = keyColumn - column(source.text(), source.start(leaf.getKeyNode()));
      Span valueSpan = span(source, value);
      if (isBlockCollection(value)) {
        int valueColumn = column(source.text(), valueSpan.contentStart) + delta;
        String body = reindent(valueSpan.content(source.text()), delta);
        text.append(lineBreak).append(" ".repeat(valueColumn)).append(body);
      } else {
        String body = reindent(stripFinalBreak(valueSpan.whole(source.text())), delta);
        text.append(' ').append(body);
      }
      int at = lineEndAfter(target.end(t));
      add(at, at, text.toString());
    }

    private void insertIntoFlow(MappingNode t, List<NodeTuple> tuples) {
      NodeTuple last = t.getValue().get(t.getValue().size() - 1);
      int lastKey = target.start(last.getKeyNode());
      boolean multiLine = target.text().substring(target.start(t), lastKey).contains("\n");
      StringBuilder text = new StringBuilder(",");
      text.append(multiLine ? lineBreak + linePrefix(lastKey) : " ");
      for (int i = 0; i < tuples.size() - 1; i++) {
        text.append(keyText(tuples.get(i).getKeyNode())).append(": {");
      }
      NodeTuple leaf = tuples.get(tuples.size() - 1);
      text.append(keyText(leaf.getKeyNode())).append(": ").append(flowText(leaf.getValueNode()));
      text.append("}".repeat(tuples.size() - 1));
      int at = target.end(last.getValueNode());
      add(at, at, text.toString());
    }

    private static String stripFinalBreak(String text) {
      return text.endsWith("\n")
          ? text.substring(0, text.length() - (text.endsWith("\r\n") ? 2 : 1))
          : text;
    }

    private String keyText(Node key) {
      return span(source, key).whole(source.text());
    }

    /**
     * The node as single-line flow YAML (JSON-like), keeping each scalar's own text where flow
     * allows it.
     */
    private String flowText(Node node) {
      if (node instanceof ScalarNode scalar) {
        String content = span(source, scalar).whole(source.text());
        boolean safe =
            !content.contains("\n")
                && (scalar.getScalarStyle() != ScalarStyle.PLAIN
                    || !content.matches(".*([,\\[\\]{}#]|: ).*"));
        return safe ? content : Scalars.doubleQuoted(scalar.getValue());
      }
      if (node instanceof SequenceNode sequence) {
        List<String> items = new ArrayList<>();
        sequence.getValue().forEach(item -> items.add(flowText(item)));
        return "[" + String.join(", ", items) + "]";
      }
      List<String> entries = new ArrayList<>();
      ((MappingNode) node)
          .getValue()
          .forEach(t -> entries.add(flowText(t.getKeyNode()) + ": " + flowText(t.getValueNode())));
      return "{" + String.join(", ", entries) + "}";
    }

    // --- text helpers

    private void add(int start, int end, String replacement) {
      edits.add(new Edit(start, end, replacement, edits.size()));
    }

    /**
     * Where to add a line after a block node: the end of its last line, after any comment, before
     * the line break.
     */
    private int lineEndAfter(int end) {
      String text = target.text();
      int at = end > 0 && text.charAt(end - 1) == '\n' ? end - 1 : text.indexOf('\n', end);
      if (at < 0) {
        return text.length();
      }
      return at > 0 && text.charAt(at - 1) == '\r' ? at - 1 : at;
    }

    private String linePrefix(int position) {
      String text = target.text();
      int lineStart = text.lastIndexOf('\n', position - 1) + 1;
      String prefix = text.substring(lineStart, position);
      return prefix.isBlank() ? prefix : " ".repeat(prefix.length());
    }

    private String reindent(String text, int delta) {
      if (delta == 0 || !text.contains("\n")) {
        return text;
      }
      String[] lines = text.split("\n", -1);
      StringBuilder out = new StringBuilder(lines[0]);
      for (int i = 1; i < lines.length; i++) {
        out.append('\n').append(shift(lines[i], delta));
      }
      return out.toString();
    }

    private static String shift(String line, int delta) {
      if (line.isBlank()) {
        return line;
      }
      if (delta > 0) {
        return " ".repeat(delta) + line;
      }
      int remove = 0;
      while (remove < -delta && remove < line.length() && line.charAt(remove) == ' ') {
        remove++;
      }
      return line.substring(remove);
    }

    private static int column(String text, int position) {
      return position - (text.lastIndexOf('\n', position - 1) + 1);
    }

    private static boolean isFlow(Node node) {
      return node instanceof CollectionNode<?> collection
          && collection.getFlowStyle() == FlowStyle.FLOW;
    }

    private static boolean isBlockCollection(Node node) {
      return node instanceof CollectionNode<?> && !isFlow(node);
    }
  }

  /**
   * A node's place in its file: {@code start} includes any anchor or tag ({@code &a !!str}), {@code
   * contentStart} is where the value itself begins.
   */
  private record Span(int start, int contentStart, int end) {
    String props(String text) {
      return text.substring(start, contentStart);
    }

    String content(String text) {
      return text.substring(contentStart, end);
    }

    String whole(String text) {
      return text.substring(start, end);
    }
  }

  private static Span span(StructuredFile file, Node node) {
    int start = file.start(node);
    int end = Math.max(start, file.end(node));
    String text = file.text();
    int content = start;
    while (content < end && (text.charAt(content) == '&' || text.charAt(content) == '!')) {
      while (content < end && !Character.isWhitespace(text.charAt(content))) {
        content++;
      }
      while (content < end && Character.isWhitespace(text.charAt(content))) {
        content++;
      }
    }
    return new Span(start, content, end);
  }

  /** Rendering a scalar's value in a quoting style, and checking how YAML reads it back. */
  static final class Scalars {
    private Scalars() {}

    static Optional<String> render(String value, ScalarStyle style) {
      if (value.contains("\n") || value.contains("\r")) {
        return style == ScalarStyle.DOUBLE_QUOTED
            ? Optional.of(doubleQuoted(value))
            : Optional.empty();
      }
      return switch (style) {
        case PLAIN ->
            value.isEmpty() || !value.strip().equals(value) ? Optional.empty() : Optional.of(value);
        case SINGLE_QUOTED -> Optional.of("'" + value.replace("'", "''") + "'");
        case DOUBLE_QUOTED, JSON_SCALAR_STYLE -> Optional.of(doubleQuoted(value));
        default -> Optional.empty();
      };
    }

    /** Double-quoted with JSON's escapes, which YAML reads the same way. */
    static String doubleQuoted(String value) {
      StringBuilder out = new StringBuilder("\"");
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          default -> {
            if (c < 0x20) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      return out.append('"').toString();
    }

    /**
     * Whether {@code text}, written as a value in block (or flow) context, reads as the same type
     * and value.
     */
    static boolean readsAs(String text, ScalarNode expected, boolean flow) {
      String document = flow ? "[" + text + "]" : "k: " + text;
      try {
        List<Node> documents =
            new BoundedYaml(StructuredFile.settings(Format.YAML), StructuredFile.LIMITS)
                .composeAll(document);
        Node root = documents.isEmpty() ? null : documents.get(0);
        Node value = flow ? StructuredFile.child(root, 0) : StructuredFile.child(root, "k");
        boolean single =
            flow
                ? ((SequenceNode) root).getValue().size() == 1
                : ((MappingNode) root).getValue().size() == 1;
        return single
            && value instanceof ScalarNode scalar
            && scalar.getTag().equals(expected.getTag())
            && scalar.getValue().equals(expected.getValue());
      } catch (RuntimeException e) {
        return false;
      }
    }
  }
}
