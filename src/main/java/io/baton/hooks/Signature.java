package io.baton.hooks;

/** What a delivery's signature (or GitLab's token) says about who sent it. */
enum Signature {
  VALID,
  /** No signature header: the webhook has no secret set, or it is not the provider's. */
  MISSING,
  /** A signature made with another secret, or over another body. */
  WRONG
}
