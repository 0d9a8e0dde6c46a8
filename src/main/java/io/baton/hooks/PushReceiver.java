package io.baton.hooks;

import io.baton.error.BatonException;
import io.baton.error.ErrorCode;
import io.baton.trigger.PushNotice;
import io.baton.trigger.Wakeup;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /hooks/git}: push webhooks from GitHub, GitLab, Gitea, Forgejo and Bitbucket (Cloud
 * and Data Center). It picks the provider by its event header, checks the delivery's signature (or
 * GitLab's token) against {@code BATON_WEBHOOK_SECRET}, and hands each push to the {@link Wakeup},
 * which makes the watcher look at the repository now. A push is only a hint: the watcher reads the
 * repository itself, so a payload can never bring in a commit the repository does not have.
 *
 * <p>Failures are {@link BatonException}s: {@code NOT_FOUND} when no secret is configured, {@code
 * BAD_USER_INPUT} for a delivery from no known provider or a payload that is not a push, {@code
 * UNAUTHENTICATED} for a missing or wrong signature. Nothing here blocks: the body is at most
 * {@link #MAX_BODY_BYTES}, and hashing and parsing it take well under a millisecond per KiB.
 */
public final class PushReceiver {
  public static final String PATH = "/hooks/git";

  /**
   * Pushes to configuration repositories are small; GitHub's largest (2,048 commits with their
   * files) can pass this, and then gets 413: the watcher still sees that push at its next poll.
   */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  static final String NOT_CONFIGURED =
      "push webhooks are off on this server: set BATON_WEBHOOK_SECRET, and the same secret in the"
          + " webhook, to receive pushes at "
          + PATH;

  private static final Logger LOG = LoggerFactory.getLogger(PushReceiver.class);
  private static final int MAX_ECHOED_EVENT = 100;

  /**
   * Asked in this order, the most specific first: Forgejo sends Gitea's headers besides its own,
   * both send GitHub's, and Bitbucket Data Center is told from Cloud by a header it lacks.
   */
  private static final List<PushProvider> PROVIDERS =
      List.of(
          GiteaPush.forgejo(),
          GiteaPush.gitea(),
          new GitLabPush(),
          new BitbucketDataCenterPush(),
          new BitbucketCloudPush(),
          new GitHubPush());

  private final Optional<HookSecret> secret;
  private final Wakeup wakeup;
  private final PullRequestHooks pullRequests;

  /**
   * @param secret {@code BATON_WEBHOOK_SECRET}; empty turns the receiver off
   */
  public PushReceiver(Optional<String> secret, Wakeup wakeup) {
    this(secret, wakeup, PullRequestHooks.NONE);
  }

  /**
   * @param pullRequests offered every verified delivery that is not a push or a ping
   */
  public PushReceiver(Optional<String> secret, Wakeup wakeup, PullRequestHooks pullRequests) {
    this.secret = secret.map(HookSecret::new);
    this.wakeup = wakeup;
    this.pullRequests = pullRequests;
  }

  /** An answer to a delivery that was not refused: its HTTP status and JSON body. */
  public record Answer(int status, JsonObject body) {}

  /** Checks one delivery and, when it is a verified push, wakes the watcher. */
  public Answer receive(MultiMap headers, Buffer body) {
    HookSecret key =
        secret.orElseThrow(() -> new BatonException(ErrorCode.NOT_FOUND, NOT_CONFIGURED));
    PushProvider provider = providerOf(headers);
    byte[] bytes = body == null ? new byte[0] : body.getBytes();
    verify(provider, headers, bytes, key);
    return switch (provider.event(headers)) {
      case PUSH -> wake(provider.notices(payloadOf(provider, bytes)));
      case PING ->
          new Answer(
              200,
              message(
                  provider.title()
                      + " ping received and its signature matches; Baton acts on push events"));
      case OTHER ->
          pullRequest(headers, bytes)
              ? new Answer(
                  202,
                  message(
                      provider.title()
                          + " pull request event received: Baton asks "
                          + provider.title()
                          + " about the pull request now"))
              : new Answer(
                  200,
                  message(
                      "ignored: Baton acts on push events only, and this is "
                          + provider.title()
                          + " event \""
                          + echoed(provider.eventName(headers))
                          + "\""));
    };
  }

  /** Offers a verified delivery to pull request promotion; one that is not JSON is not one. */
  private boolean pullRequest(MultiMap headers, byte[] body) {
    JsonObject payload;
    try {
      payload = new JsonObject(Buffer.buffer(body));
    } catch (DecodeException | ClassCastException e) {
      return false;
    }
    return pullRequests.offer(headers, payload);
  }

  private static PushProvider providerOf(MultiMap headers) {
    return PROVIDERS.stream()
        .filter(provider -> provider.recognizes(headers))
        .findFirst()
        .orElseThrow(
            () ->
                BatonException.badInput(
                    "not a push webhook Baton knows: expected the event header of GitHub"
                        + " (X-GitHub-Event), GitLab (X-Gitlab-Event), Gitea (X-Gitea-Event),"
                        + " Forgejo (X-Forgejo-Event) or Bitbucket (X-Event-Key)"));
  }

  private static void verify(
      PushProvider provider, MultiMap headers, byte[] body, HookSecret secret) {
    Signature signature = provider.verify(headers, body, secret);
    if (signature == Signature.VALID) {
      return;
    }
    String header = provider.signatureHeader();
    String message =
        signature == Signature.MISSING
            ? provider.title()
                + " delivery without "
                + header
                + ": give the webhook the secret set in BATON_WEBHOOK_SECRET"
            : provider.title()
                + " delivery with a wrong "
                + header
                + ": the webhook's secret is not the one set in BATON_WEBHOOK_SECRET";
    LOG.info("push webhook refused: {}", message);
    throw BatonException.unauthenticated(message);
  }

  private static JsonObject payloadOf(PushProvider provider, byte[] body) {
    try {
      return new JsonObject(Buffer.buffer(body));
    } catch (DecodeException e) {
      throw BatonException.badInput(
          "the "
              + provider.title()
              + " push payload is not a JSON object: set the webhook's content type to"
              + " application/json");
    }
  }

  private Answer wake(List<PushNotice> notices) {
    JsonArray accepted = new JsonArray();
    for (PushNotice notice : notices) {
      wakeup.wake(notice);
      LOG.debug("{} push to {} {}", notice.provider(), notice.repositoryUrls(), notice.branch());
      accepted.add(
          new JsonObject()
              .put("provider", notice.provider())
              .put("repositoryUrls", new JsonArray(List.copyOf(notice.repositoryUrls())))
              .put("branch", notice.branch()));
    }
    return new Answer(202, new JsonObject().put("accepted", accepted));
  }

  private static JsonObject message(String text) {
    return new JsonObject().put("message", text);
  }

  private static String echoed(String event) {
    return event.length() <= MAX_ECHOED_EVENT
        ? event
        : event.substring(0, MAX_ECHOED_EVENT) + "...";
  }
}
