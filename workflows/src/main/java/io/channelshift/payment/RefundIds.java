package io.channelshift.payment;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Refund ids. A platform's are 1 to 64 of {@code A-Z a-z 0-9 _ . : -} (the REST API refuses others)
 * and name a refund of one payment. The payment's own (automatic) refunds, for money that came for
 * an order already closed, are {@code auto~} and a random UUID: {@code ~} is outside the platform's
 * alphabet, so no platform refund can take an automatic refund's id first, and the UUID tells
 * nothing to guess. {@code ~} is unreserved in URLs, so the id reads in a path ({@code
 * /api/payments/{orderId}/refunds/auto~...}) as it is. Payments started before {@code
 * PaymentVersions.AUTOMATIC_REFUND_IDS} named them {@code auto-{notifyId}}, and keep doing so.
 */
public final class RefundIds {

  static final String AUTOMATIC_PREFIX = "auto~";
  private static final Pattern AUTOMATIC =
      Pattern.compile("^auto~[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

  private RefundIds() {}

  /**
   * An automatic refund's id, from a UUID the workflow drew ({@code Workflow.randomUUID()}: the
   * same on replay).
   */
  static String automatic(UUID uuid) {
    return AUTOMATIC_PREFIX + uuid;
  }

  /** Whether the id is of the automatic form (which only a payment itself gives a refund). */
  public static boolean isAutomatic(String refundId) {
    return refundId != null && AUTOMATIC.matcher(refundId).matches();
  }

  /**
   * Whether the id claims the automatic form's prefix: refused from anyone but the payment itself.
   */
  static boolean claimsAutomaticForm(String refundId) {
    return refundId != null && refundId.startsWith(AUTOMATIC_PREFIX);
  }
}
