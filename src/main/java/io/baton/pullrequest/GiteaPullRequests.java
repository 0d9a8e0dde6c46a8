package io.baton.pullrequest;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gitea's and Forgejo's API ({@code /api/v1}): {@code POST /repos/{owner}/{repo}/pulls}, {@code GET
 * /repos/{owner}/{repo}/pulls/{index}}, and {@code GET /repos/{owner}/{repo}/pulls?state=open}
 * (which cannot filter by head: read page by page and matched on {@code head.ref}); the token as
 * {@code Authorization: token ...}. Webhooks: {@code X-Gitea-Event} (or {@code X-Forgejo-Event})
 * {@code pull_request} with {@code action: closed} and {@code pull_request.merged}.
 */
final class GiteaPullRequests implements PullRequestProvider {
  static final String EVENT = "X-Gitea-Event";
  static final String FORGEJO_EVENT = "X-Forgejo-Event";
  static final int PAGE = 50;
  static final int MAX_PAGES = 20;

  private final ProviderHttp http;

  GiteaPullRequests(ProviderHttp http) {
    this.http = http;
  }

  @Override
  public ProviderKind kind() {
    return ProviderKind.GITEA;
  }

  @Override
  public Future<PullRequest> create(ProviderRepository repository, NewPullRequest request) {
    JsonObject body =
        new JsonObject()
            .put("head", request.head())
            .put("base", request.base())
            .put("title", request.title())
            .put("body", request.body());
    return http.object(
            HttpMethod.POST,
            pulls(repository),
            headers(repository),
            body,
            "opening a pull request in " + repository)
        .map(GiteaPullRequests::pullRequest);
  }

  @Override
  public Future<PullRequest> get(ProviderRepository repository, long number) {
    return http.object(
            HttpMethod.GET,
            pulls(repository) + "/" + number,
            headers(repository),
            null,
            "reading pull request #" + number + " of " + repository)
        .map(GiteaPullRequests::pullRequest);
  }

  @Override
  public Future<List<PullRequest>> listOpen(ProviderRepository repository, String branch) {
    return page(repository, branch, 1, new ArrayList<>());
  }

  private Future<List<PullRequest>> page(
      ProviderRepository repository, String branch, int page, List<PullRequest> found) {
    String url = pulls(repository) + "?state=open&limit=" + PAGE + "&page=" + page;
    return http.array(url, headers(repository), "listing pull requests of " + repository)
        .compose(
            array -> {
              for (Object item : array) {
                PullRequest pr = pullRequest((JsonObject) item);
                if (branch.equals(pr.headBranch())) {
                  found.add(pr);
                }
              }
              return array.size() < PAGE || page >= MAX_PAGES
                  ? Future.succeededFuture(found)
                  : page(repository, branch, page + 1, found);
            });
  }

  @Override
  public Optional<PullRequestHook> hook(MultiMap headers, JsonObject payload) {
    String event =
        headers.contains(FORGEJO_EVENT) ? headers.get(FORGEJO_EVENT) : headers.get(EVENT);
    if (!"pull_request".equals(event) || !"closed".equals(payload.getString("action"))) {
      return Optional.empty();
    }
    JsonObject pr = payload.getJsonObject("pull_request", new JsonObject());
    JsonObject repo = payload.getJsonObject("repository", new JsonObject());
    return Optional.of(
        new PullRequestHook(
            kind(),
            Hooks.strings(repo, "full_name", "clone_url", "ssh_url", "html_url"),
            payload.getLong("number", pr.getLong("number", 0L)),
            pr.getBoolean("merged", false) ? PullRequestState.MERGED : PullRequestState.CLOSED));
  }

  static PullRequest pullRequest(JsonObject json) {
    boolean merged = json.getBoolean("merged", false);
    PullRequestState state =
        "open".equals(json.getString("state"))
            ? PullRequestState.OPEN
            : merged ? PullRequestState.MERGED : PullRequestState.CLOSED;
    JsonObject head = json.getJsonObject("head", new JsonObject());
    JsonObject mergedBy = json.getJsonObject("merged_by");
    return new PullRequest(
        json.getLong("number"),
        json.getString("html_url"),
        state,
        head.getString("ref"),
        state == PullRequestState.MERGED ? json.getString("merge_commit_sha") : null,
        mergedBy == null ? null : mergedBy.getString("login"));
  }

  private static String pulls(ProviderRepository repository) {
    return repository.apiUrl() + "/repos/" + repository.path() + "/pulls";
  }

  private static Map<String, String> headers(ProviderRepository repository) {
    return repository
        .token()
        .map(token -> Map.of("Authorization", "token " + Hooks.secretPart(token)))
        .orElse(Map.of());
  }
}
