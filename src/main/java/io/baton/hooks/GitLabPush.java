package io.baton.hooks;

import io.baton.trigger.PushNotice;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * GitLab: {@code X-Gitlab-Event: Push Hook} (or {@code Tag Push Hook}), with the webhook's secret
 * token sent as it is in {@code X-Gitlab-Token}; the payload names the repository by {@code
 * project.git_http_url}, {@code git_ssh_url} and {@code web_url} (older versions only by {@code
 * repository.git_http_url}, {@code git_ssh_url} and {@code homepage}), and the ref by {@code ref}.
 */
final class GitLabPush implements PushProvider {
  static final String EVENT = "X-Gitlab-Event";
  static final String TOKEN = "X-Gitlab-Token";

  @Override
  public String name() {
    return "gitlab";
  }

  @Override
  public String title() {
    return "GitLab";
  }

  @Override
  public String signatureHeader() {
    return TOKEN;
  }

  @Override
  public boolean recognizes(MultiMap headers) {
    return headers.contains(EVENT);
  }

  @Override
  public Signature verify(MultiMap headers, byte[] body, HookSecret secret) {
    return secret.checkToken(headers.get(TOKEN));
  }

  @Override
  public HookEvent event(MultiMap headers) {
    return switch (eventName(headers)) {
      case "Push Hook", "Tag Push Hook" -> HookEvent.PUSH;
      default -> HookEvent.OTHER;
    };
  }

  @Override
  public String eventName(MultiMap headers) {
    return headers.get(EVENT).trim();
  }

  @Override
  public List<PushNotice> notices(JsonObject payload) {
    Set<String> urls = new LinkedHashSet<>();
    urls.addAll(
        PushPayload.urls(
            PushPayload.optionalObject(payload, "project"),
            "git_http_url",
            "git_ssh_url",
            "web_url"));
    urls.addAll(
        PushPayload.urls(
            PushPayload.optionalObject(payload, "repository"),
            "git_http_url",
            "git_ssh_url",
            "homepage"));
    if (urls.isEmpty()) {
      throw PushPayload.unreadable(this, "it has no project.git_http_url, git_ssh_url or web_url");
    }
    String ref = PushPayload.string(payload, "ref", this);
    return List.of(new PushNotice(name(), urls, PushPayload.branchOf(ref)));
  }
}
