package io.baton.flow;

import io.baton.error.BatonException;
import io.baton.gate.GateSpec;
import io.baton.yaml.BoundedYaml;
import io.baton.yaml.YamlLimitExceeded;
import java.io.StringWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.StreamDataWriter;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The flow's YAML form (docs/api.md, "Flow YAML"). Reads {@code baton/v1} and the vendor's {@code
 * codefresh.io/v1beta1} files unchanged, in the current form and in the older one that wraps the
 * spec in {@code spec.properties}; writes {@code baton/v1}. The vendor's hooks and pre/post-action
 * workflows are kept with the flow ({@link KeptFields}) and written again, never carried out; any
 * other unknown field is refused, so a typo never passes silently.
 */
public final class FlowYaml {
  public static final String API_VERSION = "baton/v1";
  public static final String VENDOR_API_VERSION = "codefresh.io/v1beta1";
  public static final String KIND = "PromotionFlow";

  private static final Set<String> TOP_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec");
  private static final Set<String> TOP_IGNORED = Set.of("status");
  private static final Set<String> OLDER_SPEC = Set.of("properties");
  private static final Set<String> SPEC_FIELDS =
      Set.of("triggerEnvironment", "steps", "promotionTimeoutLimit", "timeout");
  private static final Set<String> STEP_FIELDS =
      Set.of("environment", "dependsOn", "policy", "gates");
  private static final Set<String> POLICY_FIELDS = Set.of("action");
  private static final Set<String> HOOKS = Set.of("hooks");
  private static final Set<String> WORKFLOWS = Set.of("preAction", "postAction");

  private static final LoadSettings LOAD =
      LoadSettings.builder()
          .setLabel("flow YAML")
          .setSchema(new CoreSchema())
          .setCodePointLimit(1_000_000)
          .setMaxAliasesForCollections(20)
          .build();

  /** A flow is a few screens of YAML; these limits leave it ample room and a hostile text none. */
  private static final BoundedYaml.Limits LIMITS = new BoundedYaml.Limits(1_000_000, 50, 1_000);

  private static final DumpSettings DUMP =
      DumpSettings.builder()
          .setSchema(new CoreSchema())
          .setDefaultFlowStyle(FlowStyle.BLOCK)
          .setIndent(2)
          .setIndicatorIndent(2)
          .setIndentWithIndicator(true)
          .setWidth(120)
          .build();

  private FlowYaml() {}

  /**
   * A flow read from YAML, and where each of its fields was written, so a later problem can name
   * the line.
   */
  public record Parsed(FlowDefinition definition, Map<String, Place> places) {

    public Parsed {
      places = Map.copyOf(places);
    }

    /** The same problem, told with the YAML path and line of the field it is about. */
    public BatonException locate(InvalidFlow problem) {
      String field = problem.field();
      Place place = places.get(field);
      String path = place != null ? place.path() : "spec." + field;
      for (String parent = field; place == null && parent.contains("."); ) {
        parent = parent.substring(0, parent.lastIndexOf('.'));
        place = places.get(parent);
      }
      String where = place == null ? path : path + " (line " + place.line() + ")";
      return BatonException.badInput(where + ": " + problem.getMessage());
    }
  }

  /** A field's path in the YAML document and its 1-based line. */
  public record Place(String path, int line) {}

  public static Parsed read(String text) {
    return read(compose(text));
  }

  /** A flow read from one document of a larger YAML text: its lines are the text's. */
  public static Parsed read(Node document) {
    return new Reader().document(document);
  }

  public static String write(FlowDefinition flow) {
    return serialize(document(flow));
  }

  /** The flow's YAML document as nodes, for a writer of many documents. */
  public static Node document(FlowDefinition flow) {
    List<NodeTuple> metadata = new ArrayList<>();
    metadata.add(pair("name", text(flow.name())));
    List<NodeTuple> annotations = new ArrayList<>();
    if (flow.description() != null) {
      ScalarStyle style =
          flow.description().contains("\n") ? ScalarStyle.LITERAL : ScalarStyle.PLAIN;
      annotations.add(pair("description", new ScalarNode(Tag.STR, flow.description(), style)));
    }
    if (flow.version() != null) {
      annotations.add(
          pair("version", new ScalarNode(Tag.STR, flow.version(), ScalarStyle.DOUBLE_QUOTED)));
    }
    if (!annotations.isEmpty()) {
      metadata.add(pair("annotations", mapping(annotations)));
    }
    List<NodeTuple> spec = new ArrayList<>();
    spec.add(pair("triggerEnvironment", text(flow.triggerEnvironment())));
    spec.add(
        pair(
            "steps",
            new SequenceNode(
                Tag.SEQ,
                flow.steps().stream().map(s -> step(s, flow.kept().step(s.environment()))).toList(),
                FlowStyle.BLOCK)));
    spec.add(timeout(flow.timeout() == null ? FlowDefinition.DEFAULT_TIMEOUT : flow.timeout()));
    if (flow.kept().hooks() != null) {
      spec.add(pair("hooks", KeptFields.node(flow.kept().hooks())));
    }
    return mapping(
        List.of(
            pair("apiVersion", text(API_VERSION)),
            pair("kind", text(KIND)),
            pair("metadata", mapping(metadata)),
            pair("spec", mapping(spec))));
  }

  private static Node step(FlowStep step, KeptFields.Step kept) {
    List<NodeTuple> fields = new ArrayList<>();
    fields.add(pair("environment", text(step.environment())));
    if (step.dependsOn() != null) {
      fields.add(
          pair(
              "dependsOn",
              new SequenceNode(
                  Tag.SEQ,
                  step.dependsOn().stream().<Node>map(FlowYaml::text).toList(),
                  FlowStyle.FLOW)));
    }
    List<NodeTuple> policy = new ArrayList<>();
    if (step.action() != null) {
      policy.add(pair("action", text(step.action().yamlName())));
    }
    if (kept.preAction() != null) {
      policy.add(pair("preAction", text(kept.preAction())));
    }
    if (kept.postAction() != null) {
      policy.add(pair("postAction", text(kept.postAction())));
    }
    if (!policy.isEmpty()) {
      fields.add(pair("policy", mapping(policy)));
    }
    if (kept.hooks() != null) {
      fields.add(pair("hooks", KeptFields.node(kept.hooks())));
    }
    if (step.gates() != null && !step.gates().isEmpty()) {
      fields.add(
          pair(
              "gates",
              new SequenceNode(
                  Tag.SEQ, step.gates().stream().map(GateYaml::write).toList(), FlowStyle.BLOCK)));
    }
    return mapping(fields);
  }

  /**
   * Whole minutes are written the vendor's way, so the file also reads there; anything finer as
   * ISO-8601.
   */
  private static NodeTuple timeout(Duration timeout) {
    boolean wholeMinutes = timeout.getNano() == 0 && timeout.getSeconds() % 60 == 0;
    return wholeMinutes
        ? pair(
            "promotionTimeoutLimit",
            new ScalarNode(Tag.INT, Long.toString(timeout.toMinutes()), ScalarStyle.PLAIN))
        : pair("timeout", text(timeout.toString()));
  }

  static NodeTuple pair(String key, Node value) {
    return new NodeTuple(text(key), value);
  }

  static ScalarNode text(String value) {
    return new ScalarNode(Tag.STR, value, ScalarStyle.PLAIN);
  }

  private static MappingNode mapping(List<NodeTuple> fields) {
    return new MappingNode(Tag.MAP, fields, FlowStyle.BLOCK);
  }

  private static String serialize(Node document) {
    StringWriter out = new StringWriter();
    new Dump(DUMP)
        .dumpNode(
            document,
            new StreamDataWriter() {
              @Override
              public void write(String text) {
                out.write(text);
              }

              @Override
              public void write(String text, int offset, int length) {
                out.write(text, offset, length);
              }
            });
    return out.toString();
  }

  private static Node compose(String text) {
    if (text == null || text.isBlank()) {
      throw BatonException.badInput(
          "the YAML is empty; expected a " + KIND + " with apiVersion, kind, metadata and spec");
    }
    try {
      return new BoundedYaml(LOAD, LIMITS)
          .composeOne(text)
          .orElseThrow(
              () ->
                  BatonException.badInput(
                      "the YAML holds no document; expected a "
                          + KIND
                          + " with apiVersion, kind, metadata and spec"));
    } catch (YamlLimitExceeded e) {
      throw BatonException.badInput("the YAML " + e.getMessage());
    } catch (MarkedYamlEngineException e) {
      String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
      throw BatonException.badInput(
          "the YAML is malformed" + at(e.getProblemMark()) + ": " + e.getProblem() + context);
    } catch (YamlEngineException e) {
      throw BatonException.badInput("the YAML could not be read: " + e.getMessage());
    }
  }

  private static String at(Optional<Mark> mark) {
    return mark.map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
        .orElse("");
  }

  public static int line(Node node) {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  /** Walks the document, remembering where each field of the definition was written. */
  private static final class Reader {
    private final Map<String, Place> places = new LinkedHashMap<>();
    private final Map<String, KeptFields.Step> keptSteps = new LinkedHashMap<>();
    private boolean baton;

    Parsed document(Node root) {
      Fields top = Fields.of(root, "", TOP_FIELDS, TOP_IGNORED);
      if (!top.has("apiVersion")) {
        throw BatonException.badInput(
            "apiVersion is required: " + API_VERSION + " (or " + VENDOR_API_VERSION + ")");
      }
      String apiVersion = top.requiredText("apiVersion");
      if (!API_VERSION.equals(apiVersion) && !VENDOR_API_VERSION.equals(apiVersion)) {
        throw top.invalid(
            "apiVersion",
            "\""
                + apiVersion
                + "\" is not supported; use "
                + API_VERSION
                + " (or "
                + VENDOR_API_VERSION
                + ")");
      }
      baton = API_VERSION.equals(apiVersion);
      String kind = top.requiredText("kind");
      if (!KIND.equals(kind)) {
        throw top.invalid("kind", "\"" + kind + "\" is not supported; expected " + KIND);
      }
      Fields metadata = Fields.of(top.required("metadata"), "metadata", null, Set.of());
      Fields spec = spec(top);
      String name = remember("name", metadata, "name", metadata.requiredText("name"));
      Fields annotations =
          metadata.has("annotations")
              ? Fields.of(metadata.required("annotations"), "metadata.annotations", null, Set.of())
              : Fields.none("metadata.annotations");
      String description =
          remember("description", annotations, "description", annotations.text("description"));
      String version = remember("version", annotations, "version", annotations.text("version"));
      String trigger =
          remember(
              "triggerEnvironment",
              spec,
              "triggerEnvironment",
              spec.requiredText("triggerEnvironment"));
      Duration timeout = timeout(spec);
      List<FlowStep> steps = steps(spec);
      Object hooks = spec.has("hooks") ? KeptFields.value(spec.required("hooks")) : null;
      KeptFields kept = new KeptFields(hooks, keptSteps);
      return new Parsed(
          new FlowDefinition(name, description, version, timeout, trigger, steps, kept), places);
    }

    /** {@code spec}, or in the vendor's older form the {@code spec.properties} it wraps. */
    private static Fields spec(Fields top) {
      Node node = top.required("spec");
      if (node instanceof MappingNode mapping
          && mapping.getValue().size() == 1
          && mapping.getValue().get(0).getKeyNode() instanceof ScalarNode key
          && OLDER_SPEC.contains(key.getValue())) {
        Fields older = Fields.of(node, "spec", OLDER_SPEC, Set.of());
        return Fields.of(older.required("properties"), "spec.properties", SPEC_FIELDS, HOOKS);
      }
      return Fields.of(node, "spec", SPEC_FIELDS, HOOKS);
    }

    private Duration timeout(Fields spec) {
      if (spec.has("timeout") && spec.has("promotionTimeoutLimit")) {
        throw spec.invalid(
            "timeout",
            "give either spec.timeout or spec.promotionTimeoutLimit (line "
                + spec.line("promotionTimeoutLimit")
                + "), not both");
      }
      if (spec.has("timeout")) {
        String iso = remember("timeout", spec, "timeout", spec.text("timeout"));
        try {
          return Duration.parse(iso);
        } catch (DateTimeParseException e) {
          throw spec.invalid(
              "timeout", "\"" + iso + "\" is not an ISO-8601 duration like PT30S, PT5M or PT24H");
        }
      }
      if (spec.has("promotionTimeoutLimit")) {
        String minutes =
            remember("timeout", spec, "promotionTimeoutLimit", spec.text("promotionTimeoutLimit"));
        try {
          return Duration.ofMinutes(Long.parseLong(minutes));
        } catch (NumberFormatException | ArithmeticException e) {
          throw spec.invalid(
              "promotionTimeoutLimit",
              "must be a whole number of minutes, not \"" + minutes + "\"");
        }
      }
      return null;
    }

    private List<FlowStep> steps(Fields spec) {
      Node node = spec.required("steps");
      places.put("steps", new Place(spec.path("steps"), spec.line("steps")));
      if (!(node instanceof SequenceNode sequence)) {
        throw spec.invalid("steps", "must be a list of steps, each with an environment");
      }
      List<FlowStep> steps = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        steps.add(step(item, spec.path("steps"), steps.size()));
      }
      return steps;
    }

    private FlowStep step(Node node, String steps, int index) {
      String path = steps + "[" + index + "]";
      String field = "steps[" + index + "]";
      places.put(field, new Place(path, line(node)));
      Fields step = Fields.of(node, path, STEP_FIELDS, HOOKS);
      String environment =
          remember(field + ".environment", step, "environment", step.requiredText("environment"));
      List<String> dependsOn = step.has("dependsOn") ? dependsOn(step, field) : null;
      Fields policy =
          step.has("policy")
              ? Fields.of(step.required("policy"), path + ".policy", POLICY_FIELDS, WORKFLOWS)
              : Fields.none(path + ".policy");
      StepAction action = action(policy);
      Object hooks = step.has("hooks") ? KeptFields.value(step.required("hooks")) : null;
      keptSteps.put(
          environment,
          new KeptFields.Step(hooks, policy.text("preAction"), policy.text("postAction")));
      List<GateSpec> gates = step.has("gates") ? gates(step, field) : List.of();
      return new FlowStep(environment, dependsOn, action, gates);
    }

    private List<GateSpec> gates(Fields step, String field) {
      if (!baton) {
        throw step.invalid(
            "gates", "gates are a " + API_VERSION + " field: write the flow as " + API_VERSION);
      }
      Node node = step.required("gates");
      places.put(field + ".gates", new Place(step.path("gates"), step.line("gates")));
      if (!(node instanceof SequenceNode sequence)) {
        throw step.invalid("gates", "must be a list of gates, like [{soak: {duration: PT10M}}]");
      }
      List<GateSpec> gates = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        String path = step.path("gates") + "[" + gates.size() + "]";
        places.put(field + ".gates[" + gates.size() + "]", new Place(path, line(item)));
        gates.add(GateYaml.read(item, path));
      }
      return gates;
    }

    private List<String> dependsOn(Fields step, String field) {
      Node node = step.required("dependsOn");
      places.put(field + ".dependsOn", new Place(step.path("dependsOn"), step.line("dependsOn")));
      if (!(node instanceof SequenceNode sequence)) {
        throw step.invalid("dependsOn", "must be a list of environment names, like [dev]");
      }
      List<String> names = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        names.add(Fields.scalar(item, step.path("dependsOn") + "[" + names.size() + "]"));
      }
      return names;
    }

    private static StepAction action(Fields policy) {
      String action = policy.text("action");
      if (action == null) {
        return null;
      }
      return switch (action.toLowerCase(Locale.ROOT)) {
        case "commit" -> StepAction.COMMIT;
        case "none" -> StepAction.NONE;
        case "pr", "pull_request" -> StepAction.PULL_REQUEST;
        default ->
            throw policy.invalid(
                "action", "\"" + action + "\" is not supported; use commit, none or pr");
      };
    }

    private String remember(String field, Fields fields, String key, String value) {
      if (fields.has(key)) {
        places.put(field, new Place(fields.path(key), fields.line(key)));
      }
      return value;
    }
  }

  /**
   * One mapping of the document: its fields by key, checked for duplicates and for fields Baton
   * does not know.
   */
  public static final class Fields {
    private final String path;
    private final int line;
    private final Map<String, NodeTuple> fields;

    private Fields(String path, int line, Map<String, NodeTuple> fields) {
      this.path = path;
      this.line = line;
      this.fields = fields;
    }

    /**
     * {@code known} null accepts any field (metadata, annotations); {@code ignored} are accepted
     * and not read.
     */
    public static Fields of(Node node, String path, Set<String> known, Set<String> ignored) {
      String name = path.isEmpty() ? "the YAML" : path;
      if (!(node instanceof MappingNode mapping)) {
        throw BatonException.badInput(
            name
                + " (line "
                + FlowYaml.line(node)
                + ") must be a mapping of fields"
                + (path.isEmpty() ? " with apiVersion, kind, metadata and spec" : ""));
      }
      Map<String, NodeTuple> fields = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        String key = scalar(tuple.getKeyNode(), name + " key");
        String child = path.isEmpty() ? key : path + "." + key;
        if (fields.containsKey(key)) {
          throw BatonException.badInput(
              child
                  + " is given twice (lines "
                  + FlowYaml.line(fields.get(key).getKeyNode())
                  + " and "
                  + FlowYaml.line(tuple.getKeyNode())
                  + ")");
        }
        if (known != null && !known.contains(key) && !ignored.contains(key)) {
          throw BatonException.badInput(
              child
                  + " (line "
                  + FlowYaml.line(tuple.getKeyNode())
                  + ") is not a field Baton knows; expected "
                  + String.join(", ", known.stream().sorted().toList()));
        }
        fields.put(key, tuple);
      }
      return new Fields(path, FlowYaml.line(node), fields);
    }

    public static Fields none(String path) {
      return new Fields(path, 0, Map.of());
    }

    public static String scalar(Node node, String path) {
      if (node instanceof ScalarNode scalar) {
        return scalar.getValue();
      }
      String kind = node instanceof SequenceNode ? "a list" : "a mapping";
      throw BatonException.badInput(
          path + " (line " + FlowYaml.line(node) + ") must be a single value, not " + kind);
    }

    /** The keys, in the order written. */
    public List<String> keys() {
      return List.copyOf(fields.keySet());
    }

    public String path(String key) {
      return path.isEmpty() ? key : path + "." + key;
    }

    /** The line of the field's key: where a person reading the file finds it. */
    public int line(String key) {
      return FlowYaml.line(fields.get(key).getKeyNode());
    }

    /** Present and not YAML null. */
    public boolean has(String key) {
      NodeTuple field = fields.get(key);
      return field != null && !Tag.NULL.equals(field.getValueNode().getTag());
    }

    public Node required(String key) {
      if (!has(key)) {
        String in = path.isEmpty() ? "" : " (in " + path + " at line " + line + ")";
        throw BatonException.badInput(path(key) + " is required" + in);
      }
      return fields.get(key).getValueNode();
    }

    public String text(String key) {
      return has(key) ? scalar(fields.get(key).getValueNode(), path(key)) : null;
    }

    public String requiredText(String key) {
      return scalar(required(key), path(key));
    }

    public BatonException invalid(String key, String problem) {
      String where = fields.containsKey(key) ? path(key) + " (line " + line(key) + ")" : path(key);
      return BatonException.badInput(where + ": " + problem);
    }
  }
}
