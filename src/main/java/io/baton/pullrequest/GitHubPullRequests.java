package io.baton.pullrequest;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub's REST API (and GitHub Enterprise Server's, at {@code https://host/api/v3}): {@code POST
 * /repos/{owner}/{repo}/pulls}, {@code GET /repos/{owner}/{repo}/pulls/{number}}, {@code GET
 * /repos/{owner}/{repo}/pulls?state=open&head={owner}:{branch}}, and, for who closed a pull request
 * unmerged, {@code GET /repos/{owner}/{repo}/issues/{number}} ({@code closed_by}). Webhooks: {@code
 * X-GitHub-Event: pull_request} with {@code action: closed} and {@code pull_request.merged}.
 */
final class GitHubPullRequests implements PullRequestProvider {
  static final String EVENT = "X-GitHub-Event";

  private final ProviderHttp http;

  GitHubPullRequests(ProviderHttp http) {
    this.http = http;
  }

  @Override
  public ProviderKind kind() {
    return ProviderKind.GITHUB;
  }

  @Override
  public Future<PullRequest> create(ProviderRepository repository, NewPullRequest request) {
    JsonObject body =
        new JsonObject()
            .put("title", request.title())
            .put("head", request.head())
            .put("base", request.base())
            .put("body", request.body());
    return http.object(
            HttpMethod.POST,
            pulls(repository),
            headers(repository),
            body,
            "opening a pull request in " + repository)
        .map(GitHubPullRequests::pullRequest);
  }

  @Override
  public Future<PullRequest> get(ProviderRepository repository, long number) {
    String what = "reading pull request #" + number + " of " + repository;
    return http.object(
            HttpMethod.GET, pulls(repository) + "/" + number, headers(repository), null, what)
        .map(GitHubPullRequests::pullRequest)
        .compose(pr -> pr.state() == PullRequestState.CLOSED ? closedBy(repository, pr) : ok(pr));
  }

  @Override
  public Future<List<PullRequest>> listOpen(ProviderRepository repository, String branch) {
    String owner = repository.path().substring(0, repository.path().indexOf('/'));
    String url =
        pulls(repository) + "?state=open&head=" + ProviderHttp.encode(owner + ":" + branch);
    return http.array(url, headers(repository), "listing pull requests of " + repository)
        .map(GitHubPullRequests::pullRequests);
  }

  @Override
  public Optional<PullRequestHook> hook(MultiMap headers, JsonObject payload) {
    if (!"pull_request".equals(headers.get(EVENT))
        || !"closed".equals(payload.getString("action"))) {
      return Optional.empty();
    }
    JsonObject pr = payload.getJsonObject("pull_request", new JsonObject());
    JsonObject repo = payload.getJsonObject("repository", new JsonObject());
    return Optional.of(
        new PullRequestHook(
            kind(),
            Hooks.strings(repo, "clone_url", "ssh_url", "html_url", "full_name"),
            payload.getLong("number", pr.getLong("number", 0L)),
            pr.getBoolean("merged", false) ? PullRequestState.MERGED : PullRequestState.CLOSED));
  }

  private Future<PullRequest> closedBy(ProviderRepository repository, PullRequest pr) {
    String url = base(repository) + "/issues/" + pr.number();
    return http.object(
            HttpMethod.GET,
            url,
            headers(repository),
            null,
            "reading issue #" + pr.number() + " of " + repository)
        .map(
            issue -> {
              JsonObject by = issue.getJsonObject("closed_by");
              String login = by == null ? null : by.getString("login");
              return new PullRequest(
                  pr.number(), pr.url(), pr.state(), pr.headBranch(), null, login);
            });
  }

  private static Future<PullRequest> ok(PullRequest pr) {
    return Future.succeededFuture(pr);
  }

  static PullRequest pullRequest(JsonObject json) {
    boolean merged = json.getBoolean("merged", false) || json.getString("merged_at") != null;
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

  private static List<PullRequest> pullRequests(JsonArray array) {
    List<PullRequest> list = new ArrayList<>();
    for (Object item : array) {
      list.add(pullRequest((JsonObject) item));
    }
    return list;
  }

  private static String base(ProviderRepository repository) {
    return repository.apiUrl() + "/repos/" + repository.path();
  }

  private static String pulls(ProviderRepository repository) {
    return base(repository) + "/pulls";
  }

  private static Map<String, String> headers(ProviderRepository repository) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Accept", "application/vnd.github+json");
    headers.put("X-GitHub-Api-Version", "2022-11-28");
    repository
        .token()
        .ifPresent(token -> headers.put("Authorization", "Bearer " + Hooks.secretPart(token)));
    return headers;
  }
}
