package io.channelshift.provider.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sandbox protocol's signature, our side of it:
 * {@code Base64(HMAC-SHA256(secret, timestamp + "\n" + nonce + "\n" + body + "\n"))}.
 */
final class SandboxSigner {

  static final String TIMESTAMP = "X-Sandbox-Timestamp";
  static final String NONCE = "X-Sandbox-Nonce";
  static final String SIGNATURE = "X-Sandbox-Signature";
  static final String MERCHANT = "X-Sandbox-Merchant";

  private SandboxSigner() {}

  static String sign(String secret, String timestamp, String nonce, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestamp + "\n" + nonce + "\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  static boolean matches(String secret, String timestamp, String nonce, String body, String signature) {
    byte[] expected = sign(secret, timestamp, nonce, body).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
  }
}
