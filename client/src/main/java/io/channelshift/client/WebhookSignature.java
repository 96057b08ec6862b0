package io.channelshift.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How ChannelShift signs a webhook (the sandbox protocol's scheme): {@code
 * Base64(HMAC-SHA256(secret, timestamp + "\n" + nonce + "\n" + body + "\n"))}.
 */
public final class WebhookSignature {

  public static final String TIMESTAMP_HEADER = "X-ChannelShift-Timestamp";
  public static final String NONCE_HEADER = "X-ChannelShift-Nonce";
  public static final String SIGNATURE_HEADER = "X-ChannelShift-Signature";
  public static final String EVENT_ID_HEADER = "X-ChannelShift-Event-Id";

  private WebhookSignature() {}

  /** The signature of one webhook; what ChannelShift sends in {@value #SIGNATURE_HEADER}. */
  public static String sign(String secret, String timestamp, String nonce, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest =
          mac.doFinal(
              (timestamp + "\n" + nonce + "\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  /**
   * Whether {@code signature} is this webhook's; compared in constant time, so a forger learns
   * nothing from it.
   */
  public static boolean verify(
      String secret, String timestamp, String nonce, String body, String signature) {
    if (timestamp == null || nonce == null || signature == null) {
      return false;
    }
    return MessageDigest.isEqual(
        sign(secret, timestamp, nonce, body).getBytes(StandardCharsets.UTF_8),
        signature.getBytes(StandardCharsets.UTF_8));
  }
}
