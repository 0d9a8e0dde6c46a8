package io.baton.pullrequest;

import java.util.Optional;

/**
 * One repository at one provider: its API's base URL ({@code https://api.github.com}, {@code
 * https://gitlab.example.com/api/v4}...), its path there ({@code owner/name}, or GitLab's {@code
 * group/subgroup/name}) and the token Baton sends (from {@code BATON_GIT_TOKENS}).
 */
public record ProviderRepository(String apiUrl, String path, Optional<String> token) {
  @Override
  public String toString() {
    return path + " at " + apiUrl;
  }
}
