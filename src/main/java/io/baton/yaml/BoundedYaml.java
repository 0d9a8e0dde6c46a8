package io.baton.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * YAML read into nodes within limits a hostile file cannot get past: its size, how deep it nests
 * and how much its aliases add once expanded (a few hundred bytes of nested aliases stand for
 * billions of values). The parser reads events without recursion, so these are checked before the
 * composer (which recurses) or any reader of the nodes expands anything.
 */
public final class BoundedYaml {
  private final LoadSettings settings;
  private final Limits limits;

  /**
   * @param maxChars the longest text read
   * @param maxDepth how deep collections may nest, counting through aliases
   * @param maxAliasedNodes how many nodes aliases may add to the document once expanded
   */
  public record Limits(int maxChars, int maxDepth, long maxAliasedNodes) {}

  public BoundedYaml(LoadSettings settings, Limits limits) {
    this.settings = settings;
    this.limits = limits;
  }

  /**
   * Every document of {@code text}.
   *
   * @throws YamlLimitExceeded when the text is over a limit
   * @throws org.snakeyaml.engine.v2.exceptions.YamlEngineException when it is not YAML
   */
  public List<Node> composeAll(String text) {
    List<Node> documents = new ArrayList<>();
    composer(text).forEachRemaining(documents::add);
    return documents;
  }

  /** The one document of {@code text}, if any; a second document is a YAML error. */
  public Optional<Node> composeOne(String text) {
    return composer(text).getSingleNode();
  }

  private Composer composer(String text) {
    if (text.length() > limits.maxChars()) {
      throw new YamlLimitExceeded(
          "is longer than " + limits.maxChars() + " characters, the most Baton reads");
    }
    StreamReader reader = new StreamReader(settings, text);
    return new Composer(settings, new BudgetParser(new ParserImpl(settings, reader), limits));
  }
}
