package io.baton.hooks;

import io.baton.trigger.PushNotice;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Bitbucket Cloud: {@code X-Event-Key: repo:push}, signed {@code X-Hub-Signature: sha256=<hex
 * HMAC-SHA256 of the body>}. The payload names the repository by its web page ({@code
 * repository.links.html.href}) and {@code full_name} only, and the branches pushed by {@code
 * push.changes[].new} (with {@code type} {@code branch}; {@code new} is null for a deleted one).
 *
 * <p>Its clone URLs, which a watcher is configured with, are not in the payload; they are
 * Bitbucket's fixed forms of the page's host and the full name ({@code
 * https://bitbucket.org/team/repo.git}, {@code git@bitbucket.org:team/repo.git}), so they are added
 * to the notice beside the page.
 */
final class BitbucketCloudPush implements PushProvider {
  static final String EVENT = "X-Event-Key";
  static final String SIGNATURE = "X-Hub-Signature";

  @Override
  public String name() {
    return "bitbucket";
  }

  @Override
  public String title() {
    return "Bitbucket Cloud";
  }

  @Override
  public String signatureHeader() {
    return SIGNATURE;
  }

  @Override
  public boolean recognizes(MultiMap headers) {
    return headers.contains(EVENT);
  }

  @Override
  public Signature verify(MultiMap headers, byte[] body, HookSecret secret) {
    return secret.checkHmac(headers.get(SIGNATURE), "sha256=", body);
  }

  @Override
  public HookEvent event(MultiMap headers) {
    return "repo:push".equals(eventName(headers)) ? HookEvent.PUSH : HookEvent.OTHER;
  }

  @Override
  public String eventName(MultiMap headers) {
    return headers.get(EVENT).trim();
  }

  @Override
  public List<PushNotice> notices(JsonObject payload) {
    Set<String> urls = urls(PushPayload.object(payload, "repository", this));
    List<String> branches = branches(PushPayload.object(payload, "push", this));
    if (branches.isEmpty()) {
      return List.of(new PushNotice(name(), urls, ""));
    }
    return branches.stream().map(branch -> new PushNotice(name(), urls, branch)).toList();
  }

  private Set<String> urls(JsonObject repository) {
    JsonObject html =
        PushPayload.optionalObject(PushPayload.optionalObject(repository, "links"), "html");
    Set<String> urls = PushPayload.urls(html, "href");
    if (urls.isEmpty()) {
      throw PushPayload.unreadable(this, "its repository has no links.html.href");
    }
    String page = urls.iterator().next();
    String fullName = repository.getValue("full_name") instanceof String name ? name.trim() : "";
    String host = hostOf(page);
    if (!fullName.isEmpty() && !host.isEmpty()) {
      urls.add("https://" + host + "/" + fullName + ".git");
      urls.add("git@" + host + ":" + fullName + ".git");
    }
    return urls;
  }

  private List<String> branches(JsonObject push) {
    JsonArray changes = PushPayload.array(push, "changes", this);
    List<String> branches = new ArrayList<>();
    for (Object change : changes) {
      JsonObject pushed =
          change instanceof JsonObject c ? PushPayload.optionalObject(c, "new") : new JsonObject();
      if ("branch".equals(pushed.getValue("type"))
          && pushed.getValue("name") instanceof String branch
          && !branch.isBlank()
          && !branches.contains(branch)) {
        branches.add(branch);
      }
    }
    return branches;
  }

  private static String hostOf(String page) {
    try {
      String host = new URI(page).getHost();
      return host == null ? "" : host;
    } catch (URISyntaxException e) {
      return "";
    }
  }
}
