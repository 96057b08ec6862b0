package io.channelshift.provider;

import java.math.BigDecimal;

/**
 * Exact conversion between our amounts ({@code long} minor units) and a provider's decimal strings,
 * such as Alipay's {@code "12.34"} yuan. {@link BigDecimal} all the way: no floating point, and a
 * string with more decimals than the currency has is refused rather than rounded.
 */
public final class MinorUnits {

  /**
   * CNY, the only currency Alipay and WeChat Pay domestic merchants settle in, has two decimals
   * (fen).
   */
  public static final int CNY_SCALE = 2;

  private MinorUnits() {}

  /** {@code 1234} → {@code "12.34"}. */
  public static String toDecimal(long minor, int scale) {
    return BigDecimal.valueOf(minor, scale).toPlainString();
  }

  /**
   * {@code "12.34"} → {@code 1234}.
   *
   * @throws IllegalArgumentException when the text is not a plain decimal, has more than {@code
   *     scale} decimals or does not fit a long
   */
  public static long fromDecimal(String text, int scale) {
    if (text == null || !text.matches("-?\\d{1,17}(\\.\\d+)?")) {
      throw new IllegalArgumentException("not a decimal amount: " + text);
    }
    BigDecimal value = new BigDecimal(text);
    if (value.stripTrailingZeros().scale() > scale) {
      throw new IllegalArgumentException(text + " has more than " + scale + " decimals");
    }
    return value.movePointRight(scale).longValueExact();
  }

  /** For providers that take whole minor units as a 32-bit integer (WeChat Pay's fen). */
  public static int toInt(long minor) {
    return Math.toIntExact(minor);
  }
}
