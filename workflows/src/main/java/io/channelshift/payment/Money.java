package io.channelshift.payment;

/**
 * An amount of money: whole minor units (cents, fen) of an ISO 4217 currency, never a
 * floating-point number.
 *
 * <p>A sum of two amounts must be in one currency, and overflows fail rather than wrap: a wrong
 * amount is worse than no amount. The sign is not checked: an amount is whatever the order or the
 * provider said, and a provider's odd value must reach the workflow's own checks (which hold it as
 * an anomaly) rather than fail the workflow task.
 */
public record Money(long minor, String currency) {

  public Money {
    Require.text("currency", currency);
  }

  /** No money of the currency. */
  public static Money zero(String currency) {
    return new Money(0, currency);
  }

  /** The same currency, another amount. */
  public Money withMinor(long newMinor) {
    return new Money(newMinor, currency);
  }

  public Money plus(Money other) {
    return new Money(Math.addExact(minor, sameCurrency(other).minor), currency);
  }

  public Money minus(Money other) {
    return new Money(Math.subtractExact(minor, sameCurrency(other).minor), currency);
  }

  /** Whether this is at least {@code other}, of the same currency. */
  public boolean atLeast(Money other) {
    return minor >= sameCurrency(other).minor;
  }

  private Money sameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException("cannot mix " + currency + " and " + other.currency);
    }
    return other;
  }

  /**
   * The amount for people, without floating point: 12345 is {@code "123.45"}. Two decimals, as
   * every currency the API accepts today has.
   */
  public String decimal() {
    long abs = Math.abs(minor);
    long cents = abs % 100;
    return (minor < 0 ? "-" : "") + (abs / 100) + (cents < 10 ? ".0" : ".") + cents;
  }

  /** As the notes and messages show it: {@code 1000 CNY}. */
  @Override
  public String toString() {
    return minor + " " + currency;
  }
}
