package io.channelshift.starter.payments;

/** Formatting of minor units for people, without floating point. */
final class Money {

  private Money() {}

  /** 12345 → "123.45" (two-decimal currencies, which are all the API accepts today). */
  public static String format(long minor) {
    long abs = Math.abs(minor);
    long cents = abs % 100;
    return (minor < 0 ? "-" : "") + (abs / 100) + (cents < 10 ? ".0" : ".") + cents;
  }
}
