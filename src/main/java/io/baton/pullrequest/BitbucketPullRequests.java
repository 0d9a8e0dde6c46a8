package io.baton.pullrequest;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bitbucket Cloud's API ({@code https://api.bitbucket.org/2.0}): {@code POST
 * /repositories/{workspace}/{repo_slug}/pullrequests}, {@code GET .../pullrequests/{id}}, and
 * {@code GET .../pullrequests?q=source.branch.name="..." AND state="OPEN"}; a token given as {@code
 * user:app-password} is sent as Basic, any other as Bearer. States: OPEN, MERGED, and DECLINED or
 * SUPERSEDED (closed). Webhooks: {@code X-Event-Key} {@code pullrequest:fulfilled} (merged) or
 * {@code pullrequest:rejected} (declined).
 */
final class BitbucketPullRequests implements PullRequestProvider {
  static final String EVENT = "X-Event-Key";

  private final ProviderHttp http;

  BitbucketPullRequests(ProviderHttp http) {
    this.http = http;
  }

  @Override
  public ProviderKind kind() {
    return ProviderKind.BITBUCKET;
  }

  @Override
  public Future<PullRequest> create(ProviderRepository repository, NewPullRequest request) {
    JsonObject body =
        new JsonObject()
            .put("title", request.title())
            .put("description", request.body())
            .put("source", branch(request.head()))
            .put("destination", branch(request.base()))
            .put("close_source_branch", false);
    return http.object(
            HttpMethod.POST,
            pullRequests(repository),
            headers(repository),
            body,
            "opening a pull request in " + repository)
        .map(BitbucketPullRequests::pullRequest);
  }

  @Override
  public Future<PullRequest> get(ProviderRepository repository, long number) {
    return http.object(
            HttpMethod.GET,
            pullRequests(repository) + "/" + number,
            headers(repository),
            null,
            "reading pull request #" + number + " of " + repository)
        .map(BitbucketPullRequests::pullRequest);
  }

  @Override
  public Future<List<PullRequest>> listOpen(ProviderRepository repository, String branch) {
    String query = "source.branch.name=\"" + branch + "\" AND state=\"OPEN\"";
    return http.object(
            HttpMethod.GET,
            pullRequests(repository) + "?q=" + ProviderHttp.encode(query),
            headers(repository),
            null,
            "listing pull requests of " + repository)
        .map(page -> values(page.getJsonArray("values", new JsonArray())));
  }

  @Override
  public Optional<PullRequestHook> hook(MultiMap headers, JsonObject payload) {
    String event = headers.get(EVENT);
    if (!"pullrequest:fulfilled".equals(event) && !"pullrequest:rejected".equals(event)) {
      return Optional.empty();
    }
    JsonObject pr = payload.getJsonObject("pullrequest", new JsonObject());
    JsonObject repo = payload.getJsonObject("repository", new JsonObject());
    return Optional.of(
        new PullRequestHook(
            kind(),
            Hooks.strings(repo, "full_name"),
            pr.getLong("id", 0L),
            "pullrequest:fulfilled".equals(event)
                ? PullRequestState.MERGED
                : PullRequestState.CLOSED));
  }

  static PullRequest pullRequest(JsonObject json) {
    String state = json.getString("state");
    PullRequestState mapped =
        switch (state == null ? "" : state) {
          case "OPEN" -> PullRequestState.OPEN;
          case "MERGED" -> PullRequestState.MERGED;
          default -> PullRequestState.CLOSED;
        };
    JsonObject merge = json.getJsonObject("merge_commit");
    JsonObject closedBy = json.getJsonObject("closed_by");
    JsonObject html =
        json.getJsonObject("links", new JsonObject()).getJsonObject("html", new JsonObject());
    JsonObject source =
        json.getJsonObject("source", new JsonObject()).getJsonObject("branch", new JsonObject());
    return new PullRequest(
        json.getLong("id"),
        html.getString("href"),
        mapped,
        source.getString("name"),
        mapped == PullRequestState.MERGED && merge != null ? merge.getString("hash") : null,
        closedBy == null
            ? null
            : closedBy.getString("nickname", closedBy.getString("display_name")));
  }

  private static List<PullRequest> values(JsonArray array) {
    List<PullRequest> list = new ArrayList<>();
    array.forEach(item -> list.add(pullRequest((JsonObject) item)));
    return list;
  }

  private static JsonObject branch(String name) {
    return new JsonObject().put("branch", new JsonObject().put("name", name));
  }

  private static String pullRequests(ProviderRepository repository) {
    return repository.apiUrl() + "/repositories/" + repository.path() + "/pullrequests";
  }

  private static Map<String, String> headers(ProviderRepository repository) {
    return repository
        .token()
        .map(
            token ->
                Map.of(
                    "Authorization",
                    token.contains(":")
                        ? "Basic "
                            + Base64.getEncoder()
                                .encodeToString(token.getBytes(StandardCharsets.UTF_8))
                        : "Bearer " + token))
        .orElse(Map.of());
  }
}
