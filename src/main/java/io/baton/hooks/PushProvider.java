package io.baton.hooks;

import io.baton.trigger.PushNotice;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One Git host's push webhooks: how its deliveries are recognized (by their event header), signed
 * and shaped. The receiver knows this interface only; each provider is one class.
 */
interface PushProvider {
  /** The provider as {@link PushNotice#provider()} names it: {@code github}, {@code gitlab}... */
  String name();

  /** The provider as a person reads it in a message: {@code GitHub}, {@code GitLab}... */
  String title();

  /** The header that carries the signature or token, named in refusals. */
  String signatureHeader();

  /** Whether the delivery comes from this provider, by a header only that provider sends. */
  boolean recognizes(MultiMap headers);

  /** Checks the signature of the raw body with the secret. */
  Signature verify(MultiMap headers, byte[] body, HookSecret secret);

  HookEvent event(MultiMap headers);

  /** The event's name as the provider sent it, for messages. */
  String eventName(MultiMap headers);

  /**
   * What a verified push says: the repository by its URLs, once per pushed branch (one notice with
   * no branch for a tag, or when the payload names none). A payload that is not a push of the shape
   * the provider documents is refused with {@code BAD_USER_INPUT}.
   */
  List<PushNotice> notices(JsonObject payload);
}
