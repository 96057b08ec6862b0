package io.channelshift.http;

import io.channelshift.client.WebhookSignature;

/**
 * The signature scheme of the sandbox protocol, which ChannelShift's fulfilment webhooks use too:
 * {@code Base64(HMAC-SHA256(secret, timestamp + "\n" + nonce + "\n" + body + "\n"))}. Computed by
 * the Java client's {@link WebhookSignature}, so that what the webhooks are signed with and what
 * platforms verify them with are one definition.
 */
public final class HmacSignature {

  private HmacSignature() {}

  public static String sign(String secret, String timestamp, String nonce, String body) {
    return WebhookSignature.sign(secret, timestamp, nonce, body);
  }

  /** Constant-time check, so that a forger learns nothing from how long a refusal takes. */
  public static boolean verify(
      String secret, String timestamp, String nonce, String body, String signature) {
    return WebhookSignature.verify(secret, timestamp, nonce, body, signature);
  }
}
