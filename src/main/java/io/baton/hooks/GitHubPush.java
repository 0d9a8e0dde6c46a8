package io.baton.hooks;

import io.baton.trigger.PushNotice;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * GitHub: {@code X-GitHub-Event: push} (or {@code ping} when the webhook is created), signed {@code
 * X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>}; the payload names the repository by
 * {@code repository.clone_url}, {@code ssh_url} and {@code html_url}, and the ref pushed by {@code
 * ref}.
 */
final class GitHubPush implements PushProvider {
  static final String EVENT = "X-GitHub-Event";
  static final String SIGNATURE = "X-Hub-Signature-256";

  @Override
  public String name() {
    return "github";
  }

  @Override
  public String title() {
    return "GitHub";
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
    return switch (eventName(headers)) {
      case "push" -> HookEvent.PUSH;
      case "ping" -> HookEvent.PING;
      default -> HookEvent.OTHER;
    };
  }

  @Override
  public String eventName(MultiMap headers) {
    return headers.get(EVENT).trim();
  }

  @Override
  public List<PushNotice> notices(JsonObject payload) {
    JsonObject repository = PushPayload.object(payload, "repository", this);
    Set<String> urls = PushPayload.urls(repository, "clone_url", "ssh_url", "html_url");
    if (urls.isEmpty()) {
      throw PushPayload.unreadable(this, "its repository has no clone_url, ssh_url or html_url");
    }
    String ref = PushPayload.string(payload, "ref", this);
    return List.of(new PushNotice(name(), urls, PushPayload.branchOf(ref)));
  }
}
