package io.channelshift.privacy;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks card numbers, resident identity card numbers and mobile phone numbers in free text: what a
 * platform, a user or a provider may put in a subject, a refund reason, a user id or a log line. A
 * card number is a run of 13–19 digits (spaces or dashes between them allowed) that passes the Luhn
 * check; it keeps its last four digits. A resident identity card number (居民身份证号, which real-name
 * checks for game cards and top-ups collect) is 17 digits and a check character whose birth date is
 * a real date and whose check character is right (GB 11643, ISO 7064 MOD 11-2); it keeps its first
 * three and last four, never the birth date. A mobile number is a mainland China mobile number (11
 * digits from 13x to 19x, optionally after +86); it keeps its first three and last four. Order ids
 * and trade numbers are not free text and are left alone by the callers.
 */
public final class Masking {

  /** Groups of digits, one space or dash between them, where a card number is looked for. */
  private static final Pattern DIGIT_RUN = Pattern.compile("(?<![\\d])\\d+(?:[ -]\\d+)*(?![\\d])");

  /**
   * Region (kept: three of six), birth date, sequence and check character (kept: the last four).
   */
  private static final Pattern RESIDENT_ID =
      Pattern.compile("(?<![\\d])(\\d{3})(\\d{3})(\\d{8})(\\d{3}[\\dXx])(?![\\d])");

  private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String ID_CHECK = "10X98765432";
  private static final Pattern MOBILE =
      Pattern.compile("(?<![\\d])((?:\\+?86[ -]?)?)(1[3-9]\\d)(\\d{4})(\\d{4})(?![\\d])");

  private Masking() {}

  public static String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    return maskMobiles(maskCards(maskResidentIds(text)));
  }

  /**
   * A card number is looked for in every run of digit groups (one space or dash between groups), as
   * the longest stretch of whole groups, 13 to 19 digits, that passes the Luhn check: a card number
   * followed by a space and another number ({@code 4111111111111111 5}) is still a card number,
   * though the run as a whole is not one.
   */
  private static String maskCards(String text) {
    Matcher m = DIGIT_RUN.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(maskCardsInRun(m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String maskCardsInRun(String run) {
    List<String> groups = List.of(run.split("(?=[ -])|(?<=[ -])"));
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < groups.size()) {
      int end = cardEndingAtTheLatest(groups, i);
      if (end < 0) {
        out.append(groups.get(i));
        i++;
      } else {
        String digits = String.join("", groups.subList(i, end + 1)).replaceAll("[ -]", "");
        out.append("*".repeat(digits.length() - 4)).append(digits.substring(digits.length() - 4));
        i = end + 1;
      }
    }
    return out.toString();
  }

  /**
   * The last index of the longest card number starting with group {@code first}; -1 if none does.
   */
  private static int cardEndingAtTheLatest(List<String> groups, int first) {
    if (!Character.isDigit(groups.get(first).charAt(0))) {
      return -1;
    }
    int found = -1;
    StringBuilder digits = new StringBuilder();
    for (int j = first; j < groups.size() && digits.length() <= 19; j += 2) {
      digits.append(groups.get(j));
      if (digits.length() >= 13 && digits.length() <= 19 && luhn(digits.toString())) {
        found = j;
      }
    }
    return found;
  }

  /**
   * First, so that an identity number whose digits happen to pass the Luhn check keeps the right
   * parts.
   */
  private static String maskResidentIds(String text) {
    Matcher m = RESIDENT_ID.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement =
          residentId(m.group()) ? m.group(1) + "*".repeat(11) + m.group(4) : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  static boolean residentId(String id) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (id.charAt(i) - '0') * ID_WEIGHTS[i];
    }
    if (Character.toUpperCase(id.charAt(17)) != ID_CHECK.charAt(sum % 11)) {
      return false;
    }
    try {
      LocalDate born = LocalDate.parse(id.substring(6, 14), DateTimeFormatter.BASIC_ISO_DATE);
      return born.getYear() >= 1900 && !born.isAfter(LocalDate.now());
    } catch (DateTimeParseException e) {
      return false;
    }
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
