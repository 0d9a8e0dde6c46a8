package io.baton.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.error.BatonException;
import io.baton.error.ErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a configuration file's documents, and the field diff of an UPDATE: no database. */
class ConfigFileTest {
  private static final List<String> KINDS =
      List.of("Environment", "Product", "Application", "PromotionFlow");

  private static String environment(String name) {
    return "apiVersion: baton/v1\nkind: Environment\nmetadata:\n  name: " + name + "\nspec: {}\n";
  }

  private static String problem(String yaml) {
    try {
      ConfigFile.read(yaml, KINDS);
    } catch (BatonException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.BAD_USER_INPUT);
      return e.getMessage();
    }
    throw new AssertionError("accepted: " + yaml);
  }

  @Test
  void reads_each_document_with_its_index_kind_and_name_and_skips_empty_ones() {
    List<ConfigFile.Document> documents =
        ConfigFile.read("---\n" + environment("dev") + "---\n---\n" + environment("qa"), KINDS);
    assertThat(documents)
        .extracting(ConfigFile.Document::label)
        .containsExactly("document 1 (Environment dev)", "document 2 (Environment qa)");
  }

  @Test
  void an_object_defined_twice_names_both_documents_and_the_line() {
    assertThat(problem(environment("dev") + "---\n" + environment("dev")))
        .isEqualTo(
            "document 2 (Environment dev) (line 7): document 1 (Environment dev) already defines"
                + " it; each object is defined once");
  }

  @Test
  void an_unknown_kind_a_wrong_api_version_or_a_missing_name_is_refused_with_its_line() {
    assertThat(
            problem(
                environment("dev") + "---\n" + environment("qa").replace("Environment", "Stage")))
        .isEqualTo(
            "document 2 (line 7): kind \"Stage\" is not known; use one of Environment, Product,"
                + " Application, PromotionFlow");
    assertThat(problem(environment("dev").replace("baton/v1", "baton/v2")))
        .isEqualTo(
            "document 1 (line 1): apiVersion must be baton/v1, not \"baton/v2\""
                + " (codefresh.io/v1beta1 for the vendor's kinds)");
    assertThat(problem(environment("dev").replace("baton/v1", "codefresh.io/v1beta1")))
        .isEqualTo(
            "document 1 (line 1): Environment is a baton/v1 kind; write its apiVersion as"
                + " baton/v1");
    assertThat(problem("apiVersion: baton/v1\nkind: Product\nspec: {}\n"))
        .isEqualTo("document 1 (Product, line 1): metadata.name is required");
  }

  @Test
  void malformed_or_empty_yaml_is_refused_readably() {
    assertThat(problem("apiVersion: baton/v1\nkind: [Environment\n"))
        .startsWith("the YAML is malformed at line 3");
    assertThat(problem("  \n")).startsWith("the YAML is empty");
    assertThat(problem("---\n---\n")).startsWith("the YAML holds no document");
  }

  @Test
  void a_diff_lists_each_changed_field_old_to_new_in_order() {
    Map<String, String> before = new LinkedHashMap<>();
    before.put("kind", "NON_PROD");
    before.put("position", "1");
    before.put("argocdServer", "https://a.example.com");
    Map<String, String> after = new LinkedHashMap<>();
    after.put("kind", "PROD");
    after.put("position", "1");
    after.put("gates", "[{soak: {duration: PT1M}}]");
    assertThat(KindPlan.diff(before, after))
        .containsExactly(
            "kind: NON_PROD → PROD",
            "argocdServer: https://a.example.com → (none)",
            "gates: (none) → [{soak: {duration: PT1M}}]");
    assertThat(KindPlan.diff(before, before)).isEmpty();
  }
}
