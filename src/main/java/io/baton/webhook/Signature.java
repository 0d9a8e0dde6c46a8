package io.baton.webhook;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Baton-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed with the webhook's
 * secret>}, as GitHub signs its webhooks, so receivers can reuse their verification code.
 */
public final class Signature {
  public static final String HEADER = "X-Baton-Signature-256";

  private Signature() {}

  public static String of(byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
