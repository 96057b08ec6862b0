package io.channelshift.http;

import io.channelshift.client.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The signature scheme of the sandbox protocol, which ChannelShift's fulfilment webhooks use too:
 * {@code Base64(HMAC-SHA256(secret, timestamp + "\n" + nonce + "\n" + body + "\n"))}. Computed by the Java
 * client's {@link WebhookSignature}, so that what the webhooks are signed with and what platforms verify them with
 * are one definition.
 */
public final class HmacSignature {

  private HmacSignature() {}

  public static String sign(String secret, String timestamp, String nonce, String body) {
    return WebhookSignature.sign(secret, timestamp, nonce, body);
  }

  /** Constant-time check, so that a forger learns nothing from how long a refusal takes. */
  public static boolean verify(String secret, String timestamp, String nonce, String body, String signature) {
    if (timestamp == null || nonce == null || signature == null) {
      return false;
    }
    byte[] expected = sign(secret, timestamp, nonce, body).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
  }
}
