package io.baton.pullrequest;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * One Git host's pull requests through its REST API, and its pull request webhooks. The action and
 * the watcher know this interface only; each provider is one class. Failures are {@link
 * PullRequestException}s.
 */
public interface PullRequestProvider {
  ProviderKind kind();

  Future<PullRequest> create(ProviderRepository repository, NewPullRequest request);

  Future<PullRequest> get(ProviderRepository repository, long number);

  /** The open pull requests whose head is {@code branch} (of this repository). */
  Future<List<PullRequest>> listOpen(ProviderRepository repository, String branch);

  /**
   * What a delivery of this provider's webhook says about a pull request that was merged or closed;
   * empty for a delivery of another provider, another event, or another action (opened, edited...).
   * The delivery's signature is checked before (by the receiver of {@code POST /hooks/git}).
   */
  Optional<PullRequestHook> hook(MultiMap headers, JsonObject payload);
}
