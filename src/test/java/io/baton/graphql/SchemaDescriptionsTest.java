package io.baton.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.Description;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.TypeDefinition;
import graphql.schema.idl.ScalarInfo;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schema is the API's reference for users: every part of it says what it is. */
class SchemaDescriptionsTest {
  private final TypeDefinitionRegistry schema = GraphqlFactory.typeRegistry();

  @Test
  void every_type_field_argument_and_enum_value_has_a_description() {
    List<String> undescribed = new ArrayList<>();
    for (TypeDefinition<?> type : schema.types().values()) {
      check(type.getName(), descriptionOf(type), undescribed);
      if (type instanceof ObjectTypeDefinition object) {
        object.getFieldDefinitions().forEach(f -> checkField(object.getName(), f, undescribed));
      }
      if (type instanceof InputObjectTypeDefinition input) {
        input
            .getInputValueDefinitions()
            .forEach(
                v -> check(input.getName() + "." + v.getName(), v.getDescription(), undescribed));
      }
      if (type instanceof EnumTypeDefinition enumType) {
        enumType
            .getEnumValueDefinitions()
            .forEach(
                v ->
                    check(enumType.getName() + "." + v.getName(), v.getDescription(), undescribed));
      }
    }
    schema.scalars().values().stream()
        .filter(s -> !ScalarInfo.isGraphqlSpecifiedScalar(s.getName()))
        .forEach(s -> check(s.getName(), s.getDescription(), undescribed));
    assertThat(undescribed).isEmpty();
  }

  @Test
  void the_schema_points_users_at_the_projects_own_api_page() {
    String description = schema.schemaDefinition().orElseThrow().getDescription().getContent();
    assertThat(description).contains("docs/api.md");
    assertThat(description.replace("docs/api.md", "")).doesNotContain("API.md");
  }

  private static void checkField(String type, FieldDefinition field, List<String> undescribed) {
    String path = type + "." + field.getName();
    check(path, field.getDescription(), undescribed);
    for (InputValueDefinition argument : field.getInputValueDefinitions()) {
      check(path + "(" + argument.getName() + ")", argument.getDescription(), undescribed);
    }
  }

  private static void check(String path, Description description, List<String> undescribed) {
    if (description == null || description.getContent().isBlank()) {
      undescribed.add(path);
    }
  }

  private static Description descriptionOf(TypeDefinition<?> type) {
    if (type instanceof ObjectTypeDefinition object) {
      return object.getDescription();
    }
    if (type instanceof InputObjectTypeDefinition input) {
      return input.getDescription();
    }
    if (type instanceof EnumTypeDefinition enumType) {
      return enumType.getDescription();
    }
    return null;
  }
}
