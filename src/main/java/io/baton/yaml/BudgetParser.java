package io.baton.yaml;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * A parser that keeps count, as the composer takes each event, of how deep the document nests and
 * how many nodes it holds with its aliases expanded; it stops the read once either is over its
 * limit. An anchored node's expanded size and depth are remembered, so an alias costs what it
 * stands for.
 */
final class BudgetParser implements Parser {
  private final Parser parser;
  private final BoundedYaml.Limits limits;
  private final Deque<Frame> open = new ArrayDeque<>();
  private final Map<Anchor, Frame> anchored = new HashMap<>();
  private long nodes;
  private long expanded;

  /** An open collection (or a finished node, once anchored): its size and depth expanded. */
  private static final class Frame {
    final Anchor anchor;
    long size = 1;
    int depth = 1;

    Frame(Anchor anchor) {
      this.anchor = anchor;
    }
  }

  BudgetParser(Parser parser, BoundedYaml.Limits limits) {
    this.parser = parser;
    this.limits = limits;
  }

  @Override
  public boolean checkEvent(Event.ID choice) {
    return parser.checkEvent(choice);
  }

  @Override
  public Event peekEvent() {
    return parser.peekEvent();
  }

  @Override
  public boolean hasNext() {
    return parser.hasNext();
  }

  @Override
  public Event next() {
    Event event = parser.next();
    switch (event.getEventId()) {
      case SequenceStart, MappingStart -> start((NodeEvent) event);
      case SequenceEnd, MappingEnd -> end();
      case Scalar -> scalar((NodeEvent) event);
      case Alias -> alias((AliasEvent) event);
      default -> {}
    }
    return event;
  }

  private void start(NodeEvent event) {
    nodes++;
    expanded++;
    open.push(new Frame(event.getAnchor().orElse(null)));
    if (open.size() > limits.maxDepth()) {
      throw tooDeep();
    }
  }

  private void end() {
    Frame done = open.pop();
    addToParent(done.size, done.depth);
    if (done.anchor != null) {
      anchored.put(done.anchor, done);
    }
  }

  private void scalar(NodeEvent event) {
    nodes++;
    expanded++;
    addToParent(1, 0);
    event
        .getAnchor()
        .ifPresent(
            anchor -> {
              Frame scalar = new Frame(anchor);
              scalar.depth = 0;
              anchored.put(anchor, scalar);
            });
  }

  private void alias(AliasEvent event) {
    Frame target = anchored.get(event.getAlias());
    if (target == null) {
      boolean recursive = open.stream().anyMatch(f -> event.getAlias().equals(f.anchor));
      if (recursive) {
        throw new YamlLimitExceeded(
            "holds an alias (*" + event.getAlias() + ") inside the node it names");
      }
      return; // an undefined alias: the composer reports it
    }
    expanded = saturatedSum(expanded, target.size);
    addToParent(target.size, target.depth);
    if (expanded - nodes > limits.maxAliasedNodes()) {
      throw new YamlLimitExceeded(
          "has aliases that expand to more than "
              + limits.maxAliasedNodes()
              + " further values (an alias bomb?)");
    }
    if (open.size() + target.depth > limits.maxDepth()) {
      throw tooDeep();
    }
  }

  private void addToParent(long size, int depth) {
    Frame parent = open.peek();
    if (parent != null) {
      parent.size = saturatedSum(parent.size, size);
      parent.depth = Math.max(parent.depth, depth + 1);
    }
  }

  private static long saturatedSum(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  private YamlLimitExceeded tooDeep() {
    return new YamlLimitExceeded(
        "nests deeper than " + limits.maxDepth() + " levels (counting through aliases)");
  }
}
