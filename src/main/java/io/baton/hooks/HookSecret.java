package io.baton.hooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code BATON_WEBHOOK_SECRET}: the key of the providers' HMAC-SHA256 signatures, and the token
 * GitLab sends as it is. Every comparison takes the same time whatever the bytes given, so a sender
 * learns nothing from how long a refusal took. It never appears in a message or a log.
 */
final class HookSecret {
  private static final String HMAC = "HmacSHA256";

  private final byte[] key;

  HookSecret(String secret) {
    this.key = secret.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Checks a signature header: {@code prefix} followed by the hex HMAC-SHA256 of {@code body}
   * ({@code sha256=} for GitHub and Bitbucket, none for Gitea and Forgejo).
   */
  Signature checkHmac(String header, String prefix, byte[] body) {
    if (header == null || header.isBlank()) {
      return Signature.MISSING;
    }
    String value = header.trim();
    if (!value.regionMatches(true, 0, prefix, 0, prefix.length())) {
      return Signature.WRONG;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(value.substring(prefix.length()));
    } catch (IllegalArgumentException e) {
      return Signature.WRONG;
    }
    return MessageDigest.isEqual(hmac(body), given) ? Signature.VALID : Signature.WRONG;
  }

  /**
   * Checks a token sent as it is (GitLab's {@code X-Gitlab-Token}). Both sides are hashed first, so
   * that the comparison does not even depend on the token's length.
   */
  Signature checkToken(String header) {
    if (header == null || header.isEmpty()) {
      return Signature.MISSING;
    }
    byte[] given = sha256(header.getBytes(StandardCharsets.UTF_8));
    return MessageDigest.isEqual(sha256(key), given) ? Signature.VALID : Signature.WRONG;
  }

  private byte[] hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java has no " + HMAC, e);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java has no SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "HookSecret[hidden]";
  }
}
