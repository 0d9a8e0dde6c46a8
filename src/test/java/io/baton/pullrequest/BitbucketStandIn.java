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
 * A stand-in for Bitbucket Cloud's API ({@code /2.0}), as Atlassian documents it: {@code POST
 * /repositories/{workspace}/{repo_slug}/pullrequests} ({@code title, description,
 * source.branch.name, destination.branch.name}; 201; asked again for a source branch with an open
 * pull request, it answers with that one), {@code GET .../pullrequests/{pull_request_id}}, and
 * {@code GET .../pullrequests?q=source.branch.name="..." AND state="OPEN"} (a page: {@code
 * values}); {@code Authorization: Bearer ...} wanted. States OPEN, MERGED, DECLINED; {@code
 * merge_commit.hash} is abbreviated to 12 characters, as Bitbucket gives it. Webhooks: {@code
 * X-Event-Key: pullrequest:fulfilled} or {@code pullrequest:rejected}.
 */
final class BitbucketStandIn extends ProviderStandIn {
  private static final Pattern PULLS =
      Pattern.compile("/2\\.0/repositories/([^/]+/[^/]+)/pullrequests");
  private static final Pattern PULL =
      Pattern.compile("/2\\.0/repositories/([^/]+/[^/]+)/pullrequests/(\\d+)");
  private static final Pattern BY_SOURCE =
      Pattern.compile("source\\.branch\\.name=\"([^\"]+)\" AND state=\"OPEN\"");

  private BitbucketStandIn(Vertx vertx, String token) {
    super(vertx, token);
  }

  static BitbucketStandIn start(Vertx vertx, String token) throws Exception {
    return new BitbucketStandIn(vertx, token).listen();
  }

  @Override
  String apiUrl() {
    return "http://127.0.0.1:" + port() + "/2.0";
  }

  @Override
  boolean authorized(HttpServerRequest request) {
    return ("Bearer " + token).equals(request.getHeader("Authorization"));
  }

  @Override
  boolean route(HttpServerRequest request, JsonObject body) {
    Matcher list = PULLS.matcher(request.path());
    Matcher one = PULL.matcher(request.path());
    if (list.matches() && request.method() == HttpMethod.POST) {
      String source = body.getJsonObject("source").getJsonObject("branch").getString("name");
      String destination =
          body.getJsonObject("destination").getJsonObject("branch").getString("name");
      Opened opened =
          open(
              list.group(1),
              source,
              destination,
              body.getString("title"),
              body.getString("description"));
      Pull pull =
          opened.pull() != null
              ? opened.pull()
              : pulls(list.group(1)).stream()
                  .filter(p -> p.isOpen() && p.head.equals(source))
                  .findFirst()
                  .orElse(null);
      if (pull == null) {
        respond(
            request,
            400,
            new JsonObject()
                .put("type", "error")
                .put("error", new JsonObject().put("message", opened.refusal())));
      } else {
        respond(request, 201, json(pull));
      }
    } else if (list.matches() && request.method() == HttpMethod.GET) {
      Matcher query = BY_SOURCE.matcher(String.valueOf(request.getParam("q")));
      JsonArray values = new JsonArray();
      if (query.matches()) {
        pulls(list.group(1)).stream()
            .filter(p -> p.isOpen() && p.head.equals(query.group(1)))
            .forEach(p -> values.add(json(p)));
      }
      respond(
          request,
          200,
          new JsonObject()
              .put("pagelen", 10)
              .put("size", values.size())
              .put("page", 1)
              .put("values", values));
    } else if (one.matches() && request.method() == HttpMethod.GET) {
      countGet();
      respond(request, 200, json(pull(one.group(1), Long.parseLong(one.group(2)))));
    } else {
      return false;
    }
    return true;
  }

  private JsonObject json(Pull pull) {
    String state =
        switch (pull.state) {
          case "open" -> "OPEN";
          case "merged" -> "MERGED";
          default -> "DECLINED";
        };
    JsonObject user =
        pull.closedBy == null
            ? null
            : new JsonObject().put("display_name", pull.closedBy).put("nickname", pull.closedBy);
    return new JsonObject()
        .put("type", "pullrequest")
        .put("id", pull.number)
        .put("title", pull.title)
        .put("description", pull.body)
        .put("state", state)
        .put(
            "source",
            new JsonObject()
                .put("branch", new JsonObject().put("name", pull.head))
                .put("commit", new JsonObject().put("hash", headSha(pull).substring(0, 12))))
        .put("destination", new JsonObject().put("branch", new JsonObject().put("name", pull.base)))
        .put(
            "merge_commit",
            pull.mergeCommitSha == null
                ? null
                : new JsonObject().put("hash", pull.mergeCommitSha.substring(0, 12)))
        .put("closed_by", pull.isOpen() ? null : user)
        .put(
            "links",
            new JsonObject()
                .put(
                    "html",
                    new JsonObject()
                        .put(
                            "href",
                            "https://bitbucket.org/"
                                + pull.repository
                                + "/pull-requests/"
                                + pull.number)));
  }

  /** The webhook Bitbucket sends when the pull request was merged (fulfilled) or declined. */
  JsonObject closedEvent(String repository, long id) {
    Pull pull = pull(repository, id);
    return new JsonObject()
        .put("actor", new JsonObject().put("display_name", pull.closedBy))
        .put("pullrequest", json(pull))
        .put(
            "repository",
            new JsonObject()
                .put("full_name", repository)
                .put(
                    "links",
                    new JsonObject()
                        .put(
                            "html",
                            new JsonObject().put("href", "https://bitbucket.org/" + repository))));
  }

  static Map<String, String> eventHeaders(boolean merged) {
    return Map.of("X-Event-Key", merged ? "pullrequest:fulfilled" : "pullrequest:rejected");
  }
}
