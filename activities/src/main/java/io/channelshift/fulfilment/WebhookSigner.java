package io.channelshift.fulfilment;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs fulfilment webhooks with the same scheme the sandbox uses for callbacks, under ChannelShift headers:
 * {@code Base64(HMAC-SHA256(secret, timestamp + "\n" + nonce + "\n" + body + "\n"))}.
 */
public final class WebhookSigner {

  public static final String TIMESTAMP = "X-ChannelShift-Timestamp";
  public static final String NONCE = "X-ChannelShift-Nonce";
  public static final String SIGNATURE = "X-ChannelShift-Signature";
  public static final String EVENT_ID = "X-ChannelShift-Event-Id";

  private WebhookSigner() {}

  public static String sign(String secret, String timestamp, String nonce, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestamp + "\n" + nonce + "\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  /** For receivers: constant-time check of a webhook's signature. */
  public static boolean verify(String secret, String timestamp, String nonce, String body, String signature) {
    if (timestamp == null || nonce == null || signature == null) {
      return false;
    }
    byte[] expected = sign(secret, timestamp, nonce, body).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
  }
}
