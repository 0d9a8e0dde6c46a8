package io.baton.pullrequest;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Gitea's (and Forgejo's) API ({@code /api/v1}), as its swagger documents it: {@code
 * POST /repos/{owner}/{repo}/pulls} ({@code head, base, title, body}; 201, or 409 when a pull
 * request for these branches is open), {@code GET /repos/{owner}/{repo}/pulls/{index}}, and {@code
 * GET /repos/{owner}/{repo}/pulls?state=open&limit=&page=} (no filter by head); {@code
 * Authorization: token ...} wanted. Its {@code pull_request} webhook ({@code X-Gitea-Event}) has
 * {@code action: closed} and {@code pull_request.merged}.
 */
final class GiteaStandIn extends ProviderStandIn {
  private static final Pattern PULLS = Pattern.compile("/api/v1/repos/([^/]+/[^/]+)/pulls");
  private static final Pattern PULL = Pattern.compile("/api/v1/repos/([^/]+/[^/]+)/pulls/(\\d+)");

  private GiteaStandIn(Vertx vertx, String token) {
    super(vertx, token);
  }

  static GiteaStandIn start(Vertx vertx, String token) throws Exception {
    return new GiteaStandIn(vertx, token).listen();
  }

  @Override
  String apiUrl() {
    return "http://127.0.0.1:" + port() + "/api/v1";
  }

  @Override
  boolean authorized(HttpServerRequest request) {
    return ("token " + token).equals(request.getHeader("Authorization"));
  }

  @Override
  boolean route(HttpServerRequest request, JsonObject body) {
    Matcher list = PULLS.matcher(request.path());
    Matcher one = PULL.matcher(request.path());
    if (list.matches() && request.method() == HttpMethod.POST) {
      Opened opened =
          open(
              list.group(1),
              body.getString("head"),
              body.getString("base"),
              body.getString("title"),
              body.getString("body"));
      if (opened.pull() == null) {
        respond(
            request,
            opened.status() == 422 ? 409 : opened.status(),
            new JsonObject().put("message", "pull request already exists for these targets"));
      } else {
        respond(request, 201, json(opened.pull()));
      }
    } else if (list.matches() && request.method() == HttpMethod.GET) {
      int limit = Integer.parseInt(request.getParam("limit", "30"));
      int page = Integer.parseInt(request.getParam("page", "1"));
      boolean open = "open".equals(request.getParam("state", "open"));
      List<Pull> matching = pulls(list.group(1)).stream().filter(p -> !open || p.isOpen()).toList();
      JsonArray found = new JsonArray();
      matching.stream()
          .skip((long) (page - 1) * limit)
          .limit(limit)
          .forEach(p -> found.add(json(p)));
      respond(request, 200, found);
    } else if (one.matches() && request.method() == HttpMethod.GET) {
      countGet();
      respond(request, 200, json(pull(one.group(1), Long.parseLong(one.group(2)))));
    } else {
      return false;
    }
    return true;
  }

  private JsonObject json(Pull pull) {
    boolean merged = "merged".equals(pull.state);
    return new JsonObject()
        .put("id", 7000 + pull.number)
        .put("number", pull.number)
        .put("state", pull.isOpen() ? "open" : "closed")
        .put("title", pull.title)
        .put("body", pull.body)
        .put("html_url", "https://gitea.example.com/" + pull.repository + "/pulls/" + pull.number)
        .put(
            "head",
            new JsonObject()
                .put("ref", pull.head)
                .put("label", pull.head)
                .put("sha", headSha(pull)))
        .put("base", new JsonObject().put("ref", pull.base).put("label", pull.base))
        .put("merged", merged)
        .put("merged_at", merged ? "2026-12-01T07:00:00Z" : null)
        .put("merge_commit_sha", pull.mergeCommitSha)
        .put("merged_by", merged ? new JsonObject().put("login", pull.closedBy) : null);
  }

  /** The {@code pull_request} webhook Gitea sends when the pull request was merged or closed. */
  JsonObject closedEvent(String repository, long number) {
    Pull pull = pull(repository, number);
    return new JsonObject()
        .put("action", "closed")
        .put("number", number)
        .put("pull_request", json(pull))
        .put(
            "repository",
            new JsonObject()
                .put("full_name", repository)
                .put("clone_url", "https://gitea.example.com/" + repository + ".git")
                .put("html_url", "https://gitea.example.com/" + repository))
        .put("sender", new JsonObject().put("login", pull.closedBy));
  }

  /** Gitea sends GitHub's event header too; Forgejo sends X-Forgejo-Event as well. */
  static Map<String, String> eventHeaders() {
    return Map.of("X-Gitea-Event", "pull_request", "X-GitHub-Event", "pull_request");
  }
}
