package io.baton.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HttpGateValidationTest {

  private static GateSpec.Http http(
      String method,
      String url,
      Map<String, String> headers,
      int status,
      String path,
      String value) {
    return new GateSpec.Http(
        method, url, headers, status, Optional.ofNullable(path), Optional.ofNullable(value));
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            "no url", http("GET", " ", Map.of(), 200, null, null), "url must not be empty"),
        Arguments.of(
            "an unknown variable in the url",
            http("GET", "http://qa/{{versoin}}", Map.of(), 200, null, null),
            "url uses {{versoin}}, which is not one of the release's variables"),
        Arguments.of(
            "an unknown variable in a header",
            http("GET", "http://qa/", Map.of("X-Token", "{{token}}"), 200, null, null),
            "header X-Token uses {{token}}"),
        Arguments.of(
            "an unknown variable in the expected value",
            http("GET", "http://qa/", Map.of(), 200, "$.v", "{{tag}}"),
            "expectValue uses {{tag}}"),
        Arguments.of(
            "not http",
            http("GET", "file:///etc/passwd", Map.of(), 200, null, null),
            "must start with http:// or https://"),
        Arguments.of("no host", http("GET", "http:///x", Map.of(), 200, null, null), "has no host"),
        Arguments.of(
            "credentials in the url",
            http("GET", "https://u:p@qa/", Map.of(), 200, null, null),
            "must not carry credentials"),
        Arguments.of(
            "not a URL", http("GET", "http://qa/a b", Map.of(), 200, null, null), "is not a URL"),
        Arguments.of(
            "an unknown method",
            http("TRACE", "http://qa/", Map.of(), 200, null, null),
            "method TRACE is not one of"),
        Arguments.of(
            "a header with a line break",
            http("GET", "http://qa/", Map.of("X-A", "a\r\nHost: evil"), 200, null, null),
            "must not contain a line break"),
        Arguments.of(
            "a header name that is not one",
            http("GET", "http://qa/", Map.of("X A", "a"), 200, null, null),
            "is not valid"),
        Arguments.of(
            "a status that is none",
            http("GET", "http://qa/", Map.of(), 999, null, null),
            "expectStatus 999"),
        Arguments.of(
            "a path without a value",
            http("GET", "http://qa/", Map.of(), 200, "$.v", null),
            "go together"),
        Arguments.of(
            "a path that is not a JSONPath",
            http("GET", "http://qa/", Map.of(), 200, "version", "1"),
            "must start with $"),
        Arguments.of(
            "a path nested too deep",
            http("GET", "http://qa/", Map.of(), 200, "$" + "[".repeat(11) + "]".repeat(11), "1"),
            "nests brackets"),
        Arguments.of(
            "a path too long",
            http("GET", "http://qa/", Map.of(), 200, "$." + "a".repeat(600), "1"),
            "longer than 500"),
        Arguments.of(
            "a path that does not parse",
            http("GET", "http://qa/", Map.of(), 200, "$.[", "1"),
            "is not a valid JSONPath"));
  }

  @ParameterizedTest(name = "{0} is refused")
  @MethodSource("invalid")
  void refuses_a_definition_that_cannot_work(String name, GateSpec.Http http, String problem) {
    assertThat(HttpGate.problems(http)).anySatisfy(p -> assertThat(p).contains(problem));
  }

  @Test
  void accepts_a_templated_version_check_and_fills_in_defaults() {
    assertThat(
            HttpGate.problems(
                http(
                    null,
                    "https://{{environment}}.internal/version?r={{release}}&c={{commit}}",
                    Map.of("X-Product", "{{product}}"),
                    0,
                    "$.version",
                    "{{version}}")))
        .isEmpty();
    assertThat(HttpGate.problems(Facts.get("http://127.0.0.1:8080/health"))).isEmpty();
  }
}
