package io.channelshift.fees;

import io.channelshift.payment.Money;
import java.time.LocalDate;

/**
 * What a channel charges: a percentage of the amount in basis points and/or a fixed fee per
 * payment, what happens to the fee when money goes back, and when the money reaches the merchant.
 *
 * <p>Rounding: the percentage part is rounded half up to the minor unit, per payment, as Alipay and
 * WeChat Pay round their service fee per transaction; the fixed part is added after rounding. All
 * arithmetic is on {@link Money}, so on {@code long} minor units of one currency, and fails loudly
 * on overflow rather than wrapping. A fee is in the currency of the money it is charged on.
 */
public record FeeSchedule(
    long rateBps, long fixedMinor, RefundFeePolicy refundFee, SettlementCycle settlement) {

  public FeeSchedule {
    if (rateBps < 0 || rateBps > 10_000) {
      throw new IllegalArgumentException("rate-bps must be between 0 and 10000, not " + rateBps);
    }
    if (fixedMinor < 0) {
      throw new IllegalArgumentException("fixed-minor must not be negative, not " + fixedMinor);
    }
    if (refundFee == null || settlement == null) {
      throw new IllegalArgumentException("refund-fee and settlement are required");
    }
  }

  /** The fee for a payment of {@code amount}, in its currency. */
  public Money feeFor(Money amount) {
    requireNonNegative(amount);
    return amount.withMinor(
        Math.addExact(halfUp(Math.multiplyExact(amount.minor(), rateBps), 10_000), fixedMinor));
  }

  /**
   * The part of a payment's fee given back with one refund. Proportional refunds are computed on
   * the cumulative refunded amount, so the parts of several partial refunds add up exactly to the
   * whole fee once all is refunded. All four amounts are of one currency.
   */
  public Money feeReturned(Money paymentFee, Money paid, Money refundedBefore, Money refund) {
    requireNonNegative(paymentFee);
    if (paid.minor() <= 0
        || refundedBefore.minor() < 0
        || refund.minor() <= 0
        || !paid.minus(refundedBefore).atLeast(refund)) {
      throw new IllegalArgumentException(
          "refund of "
              + refund.minor()
              + " after "
              + refundedBefore.minor()
              + " does not fit a payment of "
              + paid.minor());
    }
    if (refundFee == RefundFeePolicy.NOT_RETURNED) {
      return paymentFee.withMinor(0);
    }
    Money refundedAfter = refundedBefore.plus(refund);
    long after =
        halfUp(Math.multiplyExact(paymentFee.minor(), refundedAfter.minor()), paid.minor());
    long before =
        halfUp(Math.multiplyExact(paymentFee.minor(), refundedBefore.minor()), paid.minor());
    return paymentFee.withMinor(after - before);
  }

  /**
   * The day the money of a payment made on {@code paidDay} is expected on the merchant's account.
   */
  public LocalDate settlementDate(LocalDate paidDay) {
    return settlement.settlementDate(paidDay);
  }

  /** As {@link #settlementDate(LocalDate)}, counting working days by the calendar. */
  public LocalDate settlementDate(LocalDate paidDay, WorkingDays calendar) {
    return settlement.settlementDate(paidDay, calendar);
  }

  /** {@code numerator / denominator} rounded half up, both non-negative. */
  static long halfUp(long numerator, long denominator) {
    long quotient = numerator / denominator;
    long remainder = numerator % denominator;
    return remainder * 2 >= denominator ? quotient + 1 : quotient;
  }

  private static void requireNonNegative(Money amount) {
    if (amount.minor() < 0) {
      throw new IllegalArgumentException("amount must not be negative, not " + amount.minor());
    }
  }
}
