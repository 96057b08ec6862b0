package io.channelshift.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The number a new refund is known by at its provider (Alipay {@code out_request_no}, WeChat Pay
 * {@code out_refund_no}, the sandbox's {@code outRefundNo}). A refund id is the platform's and
 * names a refund of one payment, but those numbers are unique per merchant (Alipay: per trade), so
 * the number is derived from the pair: {@code R} and 40 hex digits of the SHA-256 of the
 * length-prefixed order id and the refund id. 41 characters of {@code [0-9A-Fa-f]}, within every
 * provider's limit (64) and alphabet; two different pairs get different numbers (160 bits; the
 * store's unique constraint is the backstop). Computed once, when the refund is first recorded
 * ({@link PaymentStore#insertRefund}); everything after reads it back from the store.
 */
public final class ProviderRefundNumbers {

  private static final int DIGEST_BYTES = 20;

  private ProviderRefundNumbers() {}

  public static String of(String orderId, String refundId) {
    // The length prefix makes the pair unambiguous: ("a1", "2") and ("a", "12") hash different
    // texts.
    String pair = orderId.length() + ":" + orderId + refundId;
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(pair.getBytes(StandardCharsets.UTF_8));
      return "R" + HexFormat.of().formatHex(digest, 0, DIGEST_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
