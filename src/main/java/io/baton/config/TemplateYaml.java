package io.baton.config;

import io.baton.flow.FlowYaml.Fields;
import io.baton.product.PromotionTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * A promotion template's fields (versionSource, promotion), in a product's {@code
 * promotionTemplate} or a standalone PromotionTemplate's spec. {@code promotion} is read in Baton's
 * form, a list of {@code {file, jsonPaths}}, and in the vendor's, a mapping from each file to its
 * {@code jsonPaths}; it is written in Baton's.
 */
final class TemplateYaml {
  private static final Set<String> VERSION_SOURCE = Set.of("file", "jsonPath");
  private static final Set<String> ENTRY = Set.of("file", "jsonPaths");
  private static final Set<String> VENDOR_ENTRY = Set.of("jsonPaths");

  private TemplateYaml() {}

  /** The template in {@code fields}, as GraphQL would give it, for PromotionTemplate to check. */
  static Map<String, Object> input(Fields template) {
    Map<String, Object> input = new HashMap<>();
    if (template.has("versionSource")) {
      Fields source =
          Fields.of(
              template.required("versionSource"),
              template.path("versionSource"),
              VERSION_SOURCE,
              Set.of());
      Map<String, Object> versionSource = new HashMap<>();
      versionSource.put("file", source.text("file"));
      versionSource.put("jsonPath", source.text("jsonPath"));
      input.put("versionSource", versionSource);
    }
    input.put("promotion", promotion(template));
    return input;
  }

  private static List<Map<String, Object>> promotion(Fields template) {
    List<Map<String, Object>> promotion = new ArrayList<>();
    if (template.has("promotion") && template.required("promotion") instanceof MappingNode files) {
      for (NodeTuple file : files.getValue()) {
        String name = Fields.scalar(file.getKeyNode(), template.path("promotion") + " key");
        Fields entry =
            Fields.of(
                file.getValueNode(),
                template.path("promotion") + "." + name,
                VENDOR_ENTRY,
                Set.of());
        promotion.add(entry(name, entry));
      }
      return promotion;
    }
    for (Node item :
        CatalogDocument.list(
            template, "promotion", "[{file: values.yaml, jsonPaths: [$.image.tag]}]")) {
      Fields entry =
          Fields.of(
              item, template.path("promotion") + "[" + promotion.size() + "]", ENTRY, Set.of());
      promotion.add(entry(entry.text("file"), entry));
    }
    return promotion;
  }

  private static Map<String, Object> entry(String file, Fields entry) {
    Map<String, Object> values = new HashMap<>();
    values.put("file", file);
    values.put("jsonPaths", CatalogDocument.texts(entry, "jsonPaths"));
    return values;
  }

  /** The template in Baton's form. */
  static Node write(PromotionTemplate template, YamlNodes.MappingBuilder fields) {
    PromotionTemplate.VersionSource source = template.versionSource();
    if (source != null) {
      fields.put(
          "versionSource",
          YamlNodes.mapping().put("file", source.file()).put("jsonPath", source.jsonPath()).flow());
    }
    List<Node> entries =
        template.promotion().stream()
            .<Node>map(
                e ->
                    YamlNodes.mapping()
                        .put("file", e.file())
                        .put("jsonPaths", YamlNodes.texts(e.jsonPaths()))
                        .block())
            .toList();
    fields.put("promotion", YamlNodes.blockList(entries));
    return fields.block();
  }
}
