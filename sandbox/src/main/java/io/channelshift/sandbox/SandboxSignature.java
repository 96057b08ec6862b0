package io.channelshift.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sandbox signature scheme, used in both directions (requests to the sandbox and callbacks from
 * it): {@code Base64(HMAC-SHA256(secret, timestamp + "\n" + nonce + "\n" + body + "\n"))}.
 */
public final class SandboxSignature {

  public static final String TIMESTAMP_HEADER = "X-Sandbox-Timestamp";
  public static final String NONCE_HEADER = "X-Sandbox-Nonce";
  public static final String SIGNATURE_HEADER = "X-Sandbox-Signature";
  public static final String MERCHANT_HEADER = "X-Sandbox-Merchant";

  private SandboxSignature() {}

  public static String sign(String secret, String timestamp, String nonce, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String message = timestamp + "\n" + nonce + "\n" + body + "\n";
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  /** Constant-time comparison, so that a forger learns nothing from response timing. */
  public static boolean verify(
      String secret, String timestamp, String nonce, String body, String signature) {
    if (timestamp == null || nonce == null || signature == null) {
      return false;
    }
    byte[] expected = sign(secret, timestamp, nonce, body).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
  }
}
