package io.channelshift.sandbox;

/**
 * The sandbox's fee arithmetic, as Chinese providers do it: a percentage per payment rounded half
 * up to the minor unit, given back in proportion to refunds, computed on the cumulative refunded
 * amount so that partial refunds add up to the whole fee.
 */
final class Fees {

  private Fees() {}

  static long fee(long amountMinor, long bps) {
    return halfUp(Math.multiplyExact(amountMinor, bps), 10_000);
  }

  static long returned(long fee, long paid, long refundedBefore, long refund) {
    return halfUp(Math.multiplyExact(fee, refundedBefore + refund), paid)
        - halfUp(Math.multiplyExact(fee, refundedBefore), paid);
  }

  private static long halfUp(long numerator, long denominator) {
    long q = numerator / denominator;
    return (numerator % denominator) * 2 >= denominator ? q + 1 : q;
  }
}
