package io.channelshift.starter;

/** Formatting of minor units for people, without floating point. */
public final class Money {

  private Money() {}

  /** 12345 → "123.45" (two-decimal currencies, which are all the API accepts today). */
  public static String format(long minor) {
    String sign = minor < 0 ? "-" : "";
    long abs = Math.abs(minor);
    return sign + (abs / 100) + "." + String.format("%02d", abs % 100);
  }
}
