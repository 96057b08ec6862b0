package io.channelshift.provider;

import io.channelshift.payment.Money;
import io.channelshift.payment.ProviderOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an adapter may make of a provider's answer on a refund (docs/architecture.md, invariant 7: a
 * refund is marked succeeded only on its provider's answer for this payment's order and amount).
 * Every adapter builds the result of a refund call and of a refund query that found the refund
 * through {@link #believed}.
 *
 * <p>An answer that names another order or another amount is about some other refund that holds the
 * number (before refund numbers were per payment, two payments' refunds could share one): nothing
 * was refunded for this refund under it, so it is FAILED, with a failure that says so. Not UNKNOWN:
 * the same number would be asked about again and answered the same way for ever, holding the
 * payment's refunds (one at a time) behind it; FAILED tells the platform, which can ask again under
 * a new refund id, and any money the provider did move under the number is found by reconciliation
 * (a refund at the provider that is not in the ledger). An answer that names no order or no amount
 * proves nothing either way: a PROCESSED one counts as PENDING, so the refund is queried, and the
 * query's answer, which names both, settles it.
 */
public final class RefundAnswers {

  private static final Logger log = LoggerFactory.getLogger(RefundAnswers.class);

  private RefundAnswers() {}

  /**
   * @param asked the refund asked for or about
   * @param outcome what the provider's answer means by itself
   * @param providerRefundNo the provider's own number of the refund, if it gave one
   * @param answeredOrderId the order the answer names (its out trade number), null when it names
   *     none
   * @param answeredAmountMinor the refund amount the answer names, null when it names none
   */
  public static ProviderRefundResult believed(
      ProviderRefund asked,
      ProviderOutcome outcome,
      String providerRefundNo,
      String answeredOrderId,
      Long answeredAmountMinor) {
    if (outcome != ProviderOutcome.PROCESSED && outcome != ProviderOutcome.PENDING) {
      return new ProviderRefundResult(outcome, providerRefundNo, null);
    }
    String otherRefund = otherRefund(asked, answeredOrderId, answeredAmountMinor);
    if (otherRefund != null) {
      log.warn(
          "refund {} of order {}: not believed, {}",
          asked.outRefundNo(),
          asked.orderId(),
          otherRefund);
      return new ProviderRefundResult(
          ProviderOutcome.FAILED,
          null,
          "the provider's answer was not believed: "
              + otherRefund
              + "; nothing is known refunded for this refund");
    }
    if (outcome == ProviderOutcome.PROCESSED
        && (answeredOrderId == null || answeredAmountMinor == null)) {
      return new ProviderRefundResult(ProviderOutcome.PENDING, providerRefundNo, null);
    }
    return new ProviderRefundResult(outcome, providerRefundNo, null);
  }

  private static String otherRefund(
      ProviderRefund asked, String answeredOrderId, Long answeredAmountMinor) {
    if (answeredOrderId != null && !answeredOrderId.equals(asked.orderId())) {
      return "it is for order " + answeredOrderId + ", not " + asked.orderId();
    }
    if (answeredAmountMinor == null) {
      return null;
    }
    // The answer names an amount, not a currency: it is the provider's answer on this refund, so
    // it is read in the refund's currency and compared as money.
    Money answered = asked.amount().withMinor(answeredAmountMinor);
    if (!answered.equals(asked.amount())) {
      return "it is for a refund of " + answered.minor() + ", not " + asked.amount().minor();
    }
    return null;
  }
}
