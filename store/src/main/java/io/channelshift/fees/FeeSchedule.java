package io.channelshift.fees;

import java.time.LocalDate;

/**
 * What a channel charges: a percentage of the amount in basis points and/or a fixed fee per
 * payment, what happens to the fee when money goes back, and when the money reaches the merchant.
 *
 * <p>Rounding: the percentage part is rounded half up to the minor unit, per payment, as Alipay and
 * WeChat Pay round their service fee per transaction; the fixed part is added after rounding. All
 * arithmetic is on {@code long} minor units and fails loudly on overflow rather than wrapping.
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

  /** The fee for a payment of {@code amountMinor}. */
  public long feeFor(long amountMinor) {
    requireNonNegative(amountMinor);
    return Math.addExact(halfUp(Math.multiplyExact(amountMinor, rateBps), 10_000), fixedMinor);
  }

  /**
   * The part of a payment's fee given back with one refund. Proportional refunds are computed on
   * the cumulative refunded amount, so the parts of several partial refunds add up exactly to the
   * whole fee once all is refunded.
   */
  public long feeReturned(
      long paymentFeeMinor, long paidMinor, long refundedBeforeMinor, long refundMinor) {
    requireNonNegative(paymentFeeMinor);
    if (paidMinor <= 0
        || refundedBeforeMinor < 0
        || refundMinor <= 0
        || refundedBeforeMinor + refundMinor > paidMinor) {
      throw new IllegalArgumentException(
          "refund of "
              + refundMinor
              + " after "
              + refundedBeforeMinor
              + " does not fit a payment of "
              + paidMinor);
    }
    if (refundFee == RefundFeePolicy.NOT_RETURNED) {
      return 0;
    }
    long after =
        halfUp(Math.multiplyExact(paymentFeeMinor, refundedBeforeMinor + refundMinor), paidMinor);
    long before = halfUp(Math.multiplyExact(paymentFeeMinor, refundedBeforeMinor), paidMinor);
    return after - before;
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

  private static void requireNonNegative(long minor) {
    if (minor < 0) {
      throw new IllegalArgumentException("amount must not be negative, not " + minor);
    }
  }
}
