package io.baton.pullrequest;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for GitLab's merge requests API ({@code /api/v4}), as GitLab documents it: {@code POST
 * /projects/:id/merge_requests} ({@code source_branch, target_branch, title, description}; 201, or
 * 409 when an open merge request of the source branch exists), {@code GET
 * /projects/:id/merge_requests/:merge_request_iid}, {@code GET
 * /projects/:id/merge_requests?state=opened&source_branch=...}, the project as its URL-encoded
 * path; {@code PRIVATE-TOKEN} wanted, 401 {@code {"message":"401 Unauthorized"}} without. Its
 * {@code Merge Request Hook} payload has {@code object_attributes.action} {@code merge} or {@code
 * close}.
 */
final class GitLabStandIn extends ProviderStandIn {
  private static final Pattern MRS = Pattern.compile("/api/v4/projects/([^/]+)/merge_requests");
  private static final Pattern MR =
      Pattern.compile("/api/v4/projects/([^/]+)/merge_requests/(\\d+)");

  private GitLabStandIn(Vertx vertx, String token) {
    super(vertx, token);
  }

  static GitLabStandIn start(Vertx vertx, String token) throws Exception {
    return new GitLabStandIn(vertx, token).listen();
  }

  @Override
  String apiUrl() {
    return "http://127.0.0.1:" + port() + "/api/v4";
  }

  @Override
  boolean authorized(HttpServerRequest request) {
    return token.equals(request.getHeader("PRIVATE-TOKEN"));
  }

  @Override
  boolean route(HttpServerRequest request, JsonObject body) {
    Matcher list = MRS.matcher(request.path());
    Matcher one = MR.matcher(request.path());
    if (list.matches() && request.method() == HttpMethod.POST) {
      Opened opened =
          open(
              project(list.group(1)),
              body.getString("source_branch"),
              body.getString("target_branch"),
              body.getString("title"),
              body.getString("description"));
      if (opened.pull() == null) {
        respond(
            request,
            opened.status() == 422 ? 409 : opened.status(),
            new JsonObject()
                .put(
                    "message",
                    new JsonArray()
                        .add("Another open merge request already exists for this source branch")));
      } else {
        respond(request, 201, json(opened.pull()));
      }
    } else if (list.matches() && request.method() == HttpMethod.GET) {
      String state = request.getParam("state", "all");
      String source = request.getParam("source_branch");
      JsonArray found = new JsonArray();
      for (Pull pull : pulls(project(list.group(1)))) {
        if ((source == null || source.equals(pull.head))
            && ("all".equals(state) || state(pull).equals(state))) {
          found.add(json(pull));
        }
      }
      respond(request, 200, found);
    } else if (one.matches() && request.method() == HttpMethod.GET) {
      countGet();
      respond(request, 200, json(pull(project(one.group(1)), Long.parseLong(one.group(2)))));
    } else {
      return false;
    }
    return true;
  }

  private static String project(String encoded) {
    return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
  }

  private static String state(Pull pull) {
    return switch (pull.state) {
      case "open" -> "opened";
      case "merged" -> "merged";
      default -> "closed";
    };
  }

  private JsonObject json(Pull pull) {
    boolean merged = "merged".equals(pull.state);
    JsonObject by = pull.closedBy == null ? null : new JsonObject().put("username", pull.closedBy);
    return new JsonObject()
        .put("id", 5000 + pull.number)
        .put("iid", pull.number)
        .put("project_id", 42)
        .put("title", pull.title)
        .put("description", pull.body)
        .put("state", state(pull))
        .put("source_branch", pull.head)
        .put("target_branch", pull.base)
        .put("sha", headSha(pull))
        .put("merge_commit_sha", pull.mergeCommitSha)
        .put("squash_commit_sha", null)
        .put("merged_by", merged ? by : null)
        .put("closed_by", "closed".equals(pull.state) ? by : null)
        .put(
            "web_url",
            "https://gitlab.example.com/" + pull.repository + "/-/merge_requests/" + pull.number);
  }

  /** The {@code Merge Request Hook} GitLab sends when the merge request was merged or closed. */
  JsonObject closedEvent(String repository, long iid) {
    Pull pull = pull(repository, iid);
    return new JsonObject()
        .put("object_kind", "merge_request")
        .put("event_type", "merge_request")
        .put("user", new JsonObject().put("username", pull.closedBy))
        .put(
            "project",
            new JsonObject()
                .put("path_with_namespace", repository)
                .put("web_url", "https://gitlab.example.com/" + repository)
                .put("git_http_url", "https://gitlab.example.com/" + repository + ".git")
                .put("git_ssh_url", "git@gitlab.example.com:" + repository + ".git"))
        .put(
            "object_attributes",
            new JsonObject()
                .put("iid", iid)
                .put("state", state(pull))
                .put("action", "merged".equals(pull.state) ? "merge" : "close")
                .put("merge_commit_sha", pull.mergeCommitSha));
  }

  static Map<String, String> eventHeaders() {
    return Map.of("X-Gitlab-Event", "Merge Request Hook");
  }
}
