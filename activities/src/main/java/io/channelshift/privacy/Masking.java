package io.channelshift.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks card numbers and mobile phone numbers in free text: what a platform, a user or a provider may put in a
 * subject, a refund reason, a user id or a log line. A card number is a run of 13–19 digits (spaces or dashes
 * between them allowed) that passes the Luhn check; it keeps its last four digits. A mobile number is a mainland
 * China mobile number (11 digits from 13x to 19x, optionally after +86); it keeps its first three and last four.
 * Order ids and trade numbers are not free text and are left alone by the callers.
 */
public final class Masking {

  private static final Pattern CARD = Pattern.compile("(?<![\\d])\\d(?:[ -]?\\d){12,18}(?![\\d])");
  private static final Pattern MOBILE = Pattern.compile("(?<![\\d])((?:\\+?86[ -]?)?)(1[3-9]\\d)(\\d{4})(\\d{4})(?![\\d])");

  private Masking() {}

  public static String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    return maskMobiles(maskCards(text));
  }

  private static String maskCards(String text) {
    Matcher m = CARD.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String digits = m.group().replaceAll("[ -]", "");
      String replacement = luhn(digits)
          ? "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 4)
          : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String maskMobiles(String text) {
    return MOBILE.matcher(text).replaceAll("$1$2****$4");
  }

  static boolean luhn(String digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }
}
