package io.baton.hooks;

import io.baton.trigger.PushNotice;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Bitbucket Data Center (and Server): {@code X-Event-Key: repo:refs_changed} ({@code
 * diagnostics:ping} for "Test connection"), signed {@code X-Hub-Signature: sha256=<hex HMAC-SHA256
 * of the body>}. The payload names the repository by {@code repository.links.clone[].href} (ssh and
 * http) and {@code links.self[].href} (its page), and each ref changed by {@code changes[].ref}
 * ({@code id} {@code refs/heads/main}, {@code type} {@code BRANCH} or {@code TAG}).
 *
 * <p>Bitbucket Cloud sends {@code X-Event-Key} too, always with {@code X-Hook-UUID}, which Data
 * Center does not send: that tells the two apart.
 */
final class BitbucketDataCenterPush implements PushProvider {
  static final String EVENT = "X-Event-Key";
  static final String CLOUD_ONLY = "X-Hook-UUID";
  static final String SIGNATURE = "X-Hub-Signature";

  @Override
  public String name() {
    return "bitbucket-datacenter";
  }

  @Override
  public String title() {
    return "Bitbucket Data Center";
  }

  @Override
  public String signatureHeader() {
    return SIGNATURE;
  }

  @Override
  public boolean recognizes(MultiMap headers) {
    return headers.contains(EVENT) && !headers.contains(CLOUD_ONLY);
  }

  @Override
  public Signature verify(MultiMap headers, byte[] body, HookSecret secret) {
    return secret.checkHmac(headers.get(SIGNATURE), "sha256=", body);
  }

  @Override
  public HookEvent event(MultiMap headers) {
    return switch (eventName(headers)) {
      case "repo:refs_changed" -> HookEvent.PUSH;
      case "diagnostics:ping" -> HookEvent.PING;
      default -> HookEvent.OTHER;
    };
  }

  @Override
  public String eventName(MultiMap headers) {
    return headers.get(EVENT).trim();
  }

  @Override
  public List<PushNotice> notices(JsonObject payload) {
    Set<String> urls = urls(PushPayload.object(payload, "repository", this));
    List<String> branches = branches(PushPayload.array(payload, "changes", this));
    if (branches.isEmpty()) {
      return List.of(new PushNotice(name(), urls, ""));
    }
    return branches.stream().map(branch -> new PushNotice(name(), urls, branch)).toList();
  }

  private Set<String> urls(JsonObject repository) {
    JsonObject links = PushPayload.optionalObject(repository, "links");
    Set<String> urls = new LinkedHashSet<>();
    for (String kind : List.of("clone", "self")) {
      if (links.getValue(kind) instanceof JsonArray hrefs) {
        for (Object link : hrefs) {
          if (link instanceof JsonObject object) {
            urls.addAll(PushPayload.urls(object, "href"));
          }
        }
      }
    }
    if (urls.isEmpty()) {
      throw PushPayload.unreadable(this, "its repository has no links.clone or links.self");
    }
    return urls;
  }

  private static List<String> branches(JsonArray changes) {
    List<String> branches = new ArrayList<>();
    for (Object change : changes) {
      JsonObject ref =
          change instanceof JsonObject c ? PushPayload.optionalObject(c, "ref") : new JsonObject();
      String branch = ref.getValue("id") instanceof String id ? PushPayload.branchOf(id) : "";
      if (!branch.isEmpty() && !branches.contains(branch)) {
        branches.add(branch);
      }
    }
    return branches;
  }
}
