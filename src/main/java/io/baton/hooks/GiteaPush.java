package io.baton.hooks;

import io.baton.trigger.PushNotice;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * Gitea and its fork Forgejo: {@code X-Gitea-Event: push} ({@code X-Forgejo-Event} from Forgejo),
 * signed {@code X-Gitea-Signature} ({@code X-Forgejo-Signature}): the hex HMAC-SHA256 of the body,
 * with no prefix. The payload is GitHub's shape: {@code repository.clone_url}, {@code ssh_url},
 * {@code html_url} and {@code ref}.
 *
 * <p>Both also send GitHub's headers ({@code X-GitHub-Event}, {@code X-Hub-Signature-256}) for
 * receivers that only know GitHub, so they must be asked before {@link GitHubPush}.
 */
final class GiteaPush implements PushProvider {
  private final String name;
  private final String title;
  private final String event;
  private final String signature;

  private GiteaPush(String name, String title, String headerPrefix) {
    this.name = name;
    this.title = title;
    this.event = headerPrefix + "Event";
    this.signature = headerPrefix + "Signature";
  }

  static GiteaPush gitea() {
    return new GiteaPush("gitea", "Gitea", "X-Gitea-");
  }

  static GiteaPush forgejo() {
    return new GiteaPush("forgejo", "Forgejo", "X-Forgejo-");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String title() {
    return title;
  }

  @Override
  public String signatureHeader() {
    return signature;
  }

  @Override
  public boolean recognizes(MultiMap headers) {
    return headers.contains(event);
  }

  @Override
  public Signature verify(MultiMap headers, byte[] body, HookSecret secret) {
    return secret.checkHmac(headers.get(signature), "", body);
  }

  @Override
  public HookEvent event(MultiMap headers) {
    return "push".equals(eventName(headers)) ? HookEvent.PUSH : HookEvent.OTHER;
  }

  @Override
  public String eventName(MultiMap headers) {
    return headers.get(event).trim();
  }

  @Override
  public List<PushNotice> notices(JsonObject payload) {
    JsonObject repository = PushPayload.object(payload, "repository", this);
    Set<String> urls = PushPayload.urls(repository, "clone_url", "ssh_url", "html_url");
    if (urls.isEmpty()) {
      throw PushPayload.unreadable(this, "its repository has no clone_url, ssh_url or html_url");
    }
    String ref = PushPayload.string(payload, "ref", this);
    return List.of(new PushNotice(name, urls, PushPayload.branchOf(ref)));
  }
}
