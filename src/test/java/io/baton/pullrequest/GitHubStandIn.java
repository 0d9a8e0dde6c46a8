package io.baton.pullrequest;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for GitHub's REST API (GitHub cannot run here), serving exactly what GitHub documents
 * for pull requests: {@code POST /repos/{owner}/{repo}/pulls} ({@code title, head, base, body}; 201
 * with the pull request; 422 "Validation Failed" when the head branch is missing or a pull request
 * for it is already open), {@code GET /repos/{owner}/{repo}/pulls/{pull_number}}, {@code GET
 * /repos/{owner}/{repo}/pulls?state=open&head=owner:branch}, and {@code GET
 * /repos/{owner}/{repo}/issues/{issue_number}} (its {@code closed_by}); 401 "Bad credentials"
 * without {@code Authorization: Bearer <token>}. Its {@code pull_request} webhook payload ({@code
 * action: closed}, {@code pull_request.merged}) is what GitHub sends when a pull request is merged
 * or closed.
 */
final class GitHubStandIn extends ProviderStandIn {
  private static final Pattern PULLS = Pattern.compile("/repos/([^/]+/[^/]+)/pulls");
  private static final Pattern PULL = Pattern.compile("/repos/([^/]+/[^/]+)/pulls/(\\d+)");
  private static final Pattern ISSUE = Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)");

  /** While set, an opened pull request is kept but never answered: the client sees no reply. */
  private volatile boolean answerCreates = true;

  private GitHubStandIn(Vertx vertx, String token) {
    super(vertx, token);
  }

  /**
   * From now on a pull request is opened as asked but the answer never sent, as when the asking
   * process dies between GitHub opening it and hearing so.
   */
  void stopAnsweringCreates() {
    answerCreates = false;
  }

  static GitHubStandIn start(Vertx vertx, String token) throws Exception {
    return new GitHubStandIn(vertx, token).listen();
  }

  @Override
  String apiUrl() {
    return "http://127.0.0.1:" + port();
  }

  @Override
  boolean authorized(HttpServerRequest request) {
    String auth = request.getHeader("Authorization");
    return ("Bearer " + token).equals(auth) || ("token " + token).equals(auth);
  }

  @Override
  boolean route(HttpServerRequest request, JsonObject body) {
    String path = request.path();
    Matcher pulls = PULLS.matcher(path);
    Matcher pull = PULL.matcher(path);
    Matcher issue = ISSUE.matcher(path);
    if (pulls.matches() && request.method() == HttpMethod.POST) {
      create(request, pulls.group(1), body);
    } else if (pulls.matches() && request.method() == HttpMethod.GET) {
      list(request, pulls.group(1));
    } else if (pull.matches() && request.method() == HttpMethod.GET) {
      countGet();
      respond(request, 200, json(pull(pull.group(1), Long.parseLong(pull.group(2)))));
    } else if (issue.matches() && request.method() == HttpMethod.GET) {
      respond(request, 200, issue(pull(issue.group(1), Long.parseLong(issue.group(2)))));
    } else {
      return false;
    }
    return true;
  }

  private void create(HttpServerRequest request, String repository, JsonObject body) {
    Opened opened =
        open(
            repository,
            body.getString("head"),
            body.getString("base"),
            body.getString("title"),
            body.getString("body"));
    if (opened.pull() == null) {
      respond(
          request,
          opened.status(),
          new JsonObject()
              .put("message", "Validation Failed")
              .put(
                  "errors",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("resource", "PullRequest")
                              .put("code", "custom")
                              .put("message", opened.refusal())))
              .put(
                  "documentation_url",
                  "https://docs.github.com/rest/pulls/pulls#create-a-pull-request"));
      return;
    }
    if (answerCreates) {
      respond(request, 201, json(opened.pull()));
    }
  }

  private void list(HttpServerRequest request, String repository) {
    String state = request.getParam("state", "open");
    String head = request.getParam("head");
    JsonArray list = new JsonArray();
    for (Pull pull : pulls(repository)) {
      boolean stateMatches =
          "all".equals(state) || (pull.isOpen() ? "open".equals(state) : "closed".equals(state));
      if (stateMatches && (head == null || head.equals(owner(pull) + ":" + pull.head))) {
        JsonObject item = json(pull);
        item.remove("merged");
        list.add(item);
      }
    }
    respond(request, 200, list);
  }

  /** A pull request in GitHub's shape. */
  private JsonObject json(Pull pull) {
    boolean merged = "merged".equals(pull.state);
    String owner = owner(pull);
    return new JsonObject()
        .put("url", apiUrl() + "/repos/" + pull.repository + "/pulls/" + pull.number)
        .put("id", 1_000_000L + pull.number)
        .put("html_url", "https://github.com/" + pull.repository + "/pull/" + pull.number)
        .put("number", pull.number)
        .put("state", pull.isOpen() ? "open" : "closed")
        .put("title", pull.title)
        .put("body", pull.body)
        .put("user", new JsonObject().put("login", "baton-bot"))
        .put(
            "head",
            new JsonObject()
                .put("label", owner + ":" + pull.head)
                .put("ref", pull.head)
                .put("sha", headSha(pull)))
        .put("base", new JsonObject().put("label", owner + ":" + pull.base).put("ref", pull.base))
        .put("merged", merged)
        .put("merged_at", merged ? "2026-12-01T07:00:00Z" : null)
        .put("closed_at", pull.isOpen() ? null : "2026-12-01T07:00:00Z")
        .put("merge_commit_sha", pull.mergeCommitSha)
        .put("merged_by", merged ? new JsonObject().put("login", pull.closedBy) : null);
  }

  private static JsonObject issue(Pull pull) {
    return new JsonObject()
        .put("number", pull.number)
        .put("state", pull.isOpen() ? "open" : "closed")
        .put("title", pull.title)
        .put("closed_by", pull.isOpen() ? null : new JsonObject().put("login", pull.closedBy))
        .put("pull_request", new JsonObject().put("merged_at", null));
  }

  /** The {@code pull_request} webhook GitHub sends when the pull request was merged or closed. */
  JsonObject closedEvent(String repository, long number, String cloneUrl) {
    Pull pull = pull(repository, number);
    return new JsonObject()
        .put("action", "closed")
        .put("number", number)
        .put("pull_request", json(pull))
        .put(
            "repository",
            new JsonObject()
                .put("full_name", repository)
                .put("clone_url", cloneUrl)
                .put("html_url", "https://github.com/" + repository))
        .put("sender", new JsonObject().put("login", pull.closedBy));
  }

  static Map<String, String> eventHeaders() {
    return Map.of(
        "X-GitHub-Event",
        "pull_request",
        "X-GitHub-Delivery",
        "d9b1a9c2-0f2c-11ef-9262-0242ac120002");
  }

  private static String owner(Pull pull) {
    return pull.repository.substring(0, pull.repository.indexOf('/'));
  }
}
