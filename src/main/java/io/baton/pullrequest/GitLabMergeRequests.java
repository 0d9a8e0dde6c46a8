package io.baton.pullrequest;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitLab's merge requests ({@code /api/v4}): {@code POST /projects/:id/merge_requests}, {@code GET
 * /projects/:id/merge_requests/:iid}, {@code GET
 * /projects/:id/merge_requests?state=opened&source_branch=...}, the project given by its
 * URL-encoded path; the token in {@code PRIVATE-TOKEN}. Webhooks: {@code X-Gitlab-Event: Merge
 * Request Hook} with {@code object_attributes.action} {@code merge} or {@code close}.
 */
final class GitLabMergeRequests implements PullRequestProvider {
  static final String EVENT = "X-Gitlab-Event";

  private final ProviderHttp http;

  GitLabMergeRequests(ProviderHttp http) {
    this.http = http;
  }

  @Override
  public ProviderKind kind() {
    return ProviderKind.GITLAB;
  }

  @Override
  public Future<PullRequest> create(ProviderRepository repository, NewPullRequest request) {
    JsonObject body =
        new JsonObject()
            .put("source_branch", request.head())
            .put("target_branch", request.base())
            .put("title", request.title())
            .put("description", request.body());
    return http.object(
            HttpMethod.POST,
            mergeRequests(repository),
            headers(repository),
            body,
            "opening a merge request in " + repository)
        .map(GitLabMergeRequests::mergeRequest);
  }

  @Override
  public Future<PullRequest> get(ProviderRepository repository, long number) {
    return http.object(
            HttpMethod.GET,
            mergeRequests(repository) + "/" + number,
            headers(repository),
            null,
            "reading merge request !" + number + " of " + repository)
        .map(GitLabMergeRequests::mergeRequest);
  }

  @Override
  public Future<List<PullRequest>> listOpen(ProviderRepository repository, String branch) {
    String url =
        mergeRequests(repository) + "?state=opened&source_branch=" + ProviderHttp.encode(branch);
    return http.array(url, headers(repository), "listing merge requests of " + repository)
        .map(GitLabMergeRequests::mergeRequests);
  }

  @Override
  public Optional<PullRequestHook> hook(MultiMap headers, JsonObject payload) {
    if (!"Merge Request Hook".equals(headers.get(EVENT))) {
      return Optional.empty();
    }
    JsonObject attributes = payload.getJsonObject("object_attributes", new JsonObject());
    String action = attributes.getString("action");
    if (!"merge".equals(action) && !"close".equals(action)) {
      return Optional.empty();
    }
    JsonObject project = payload.getJsonObject("project", new JsonObject());
    return Optional.of(
        new PullRequestHook(
            kind(),
            Hooks.strings(project, "path_with_namespace", "git_http_url", "git_ssh_url", "web_url"),
            attributes.getLong("iid", 0L),
            "merge".equals(action) ? PullRequestState.MERGED : PullRequestState.CLOSED));
  }

  static PullRequest mergeRequest(JsonObject json) {
    String state = json.getString("state");
    PullRequestState mapped =
        switch (state == null ? "" : state) {
          case "merged" -> PullRequestState.MERGED;
          case "closed" -> PullRequestState.CLOSED;
          default -> PullRequestState.OPEN;
        };
    JsonObject by =
        mapped == PullRequestState.MERGED
            ? json.getJsonObject("merged_by")
            : json.getJsonObject("closed_by");
    String sha = json.getString("merge_commit_sha");
    if (sha == null) {
      sha = json.getString("squash_commit_sha");
    }
    return new PullRequest(
        json.getLong("iid"),
        json.getString("web_url"),
        mapped,
        json.getString("source_branch"),
        mapped == PullRequestState.MERGED ? sha : null,
        by == null ? null : by.getString("username"));
  }

  private static List<PullRequest> mergeRequests(JsonArray array) {
    List<PullRequest> list = new ArrayList<>();
    for (Object item : array) {
      list.add(mergeRequest((JsonObject) item));
    }
    return list;
  }

  private static String mergeRequests(ProviderRepository repository) {
    return repository.apiUrl()
        + "/projects/"
        + ProviderHttp.encode(repository.path())
        + "/merge_requests";
  }

  private static Map<String, String> headers(ProviderRepository repository) {
    return repository
        .token()
        .map(token -> Map.of("PRIVATE-TOKEN", Hooks.secretPart(token)))
        .orElse(Map.of());
  }
}
