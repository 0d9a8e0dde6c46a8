package io.baton.git;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource({
    "values.yaml, values.yaml, true",
    "values.yaml, sub/values.yaml, false",
    "*.yaml, values.yaml, true",
    "*.yaml, sub/values.yaml, false",
    "**/*.yaml, values.yaml, true",
    "**/*.yaml, a/b/values.yaml, true",
    "**/*.yaml, a/b/values.json, false",
    "envs/*/values.yaml, envs/qa/values.yaml, true",
    "envs/*/values.yaml, envs/qa/x/values.yaml, false",
    "envs/**, envs/qa/x/values.yaml, true",
    "values-?.yaml, values-a.yaml, true",
    "values-?.yaml, values-ab.yaml, false",
    "'values.{yaml,json}', values.json, true",
    "'values.{yaml,json}', values.yml, false",
    "[vV]alues.yaml, Values.yaml, true",
    "[!v]alues.yaml, values.yaml, false",
    "./values.yaml, values.yaml, true",
    "/values.yaml, values.yaml, true",
    "a+b.yaml, a+b.yaml, true",
    "a+b.yaml, aab.yaml, false",
  })
  void matches_paths_relative_to_the_application(String glob, String path, boolean expected) {
    assertThat(Glob.of(glob).matches(path)).isEqualTo(expected);
  }
}
