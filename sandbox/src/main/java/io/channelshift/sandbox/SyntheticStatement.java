package io.channelshift.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A day's statement of generated payment lines, for reconciliation benchmarks: line {@code i}
 * (1-based) is a payment of order {@code bench-{day}-{i}} of {@link #amountMinor(long)} CNY, so
 * that whoever seeds a ledger for the same day can compute the same figures without the sandbox
 * holding a million orders. Nothing is stored: every page is generated on request.
 */
public record SyntheticStatement(LocalDate day, long lines, String tradeNoPrefix, long feeBps) {

  /** The order id of line {@code i}. */
  public static String orderId(LocalDate day, long i) {
    return "bench-" + day + "-" + i;
  }

  /**
   * The amount of line {@code i}: between 1.00 and 999.99, spread so that no two neighbours are
   * equal.
   */
  public static long amountMinor(long i) {
    return 100 + (i * 7919) % 99_900;
  }

  /** The trade number of line {@code i}. */
  public String tradeNo(long i) {
    return tradeNoPrefix + "S" + day.toString().replace("-", "") + String.format("%09d", i);
  }

  String line(long i) {
    long amount = amountMinor(i);
    Instant at = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusMillis(i * 86_000_000L / lines);
    return CsvLine.of(
        "PAY",
        tradeNo(i),
        orderId(day, i),
        "",
        Long.toString(amount),
        "CNY",
        Long.toString(Fees.fee(amount, feeBps)),
        at.toString(),
        "bench " + i,
        "");
  }
}
