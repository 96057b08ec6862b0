package io.channelshift.starter.web;

import io.channelshift.starter.web.ApiProblem.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Free text engineers send with a request (a reason, who asks: migrations, scopes, channel
 * changes): it lands in a timeline or a channel's history, the Temporal UI, webhooks and the CLI's
 * terminal. One line of visible text only, so that nobody can move a terminal's cursor, recolour
 * it, rewrite what an earlier line said, or reverse the text a reviewer reads.
 */
public final class EngineerText {

  /** Longer than any reason or name a person types; short enough for a timeline line. */
  public static final int MAX_LENGTH = 256;

  private EngineerText() {}

  /**
   * Refuses (400, naming the field) text with a control character (C0 including newline and ESC,
   * DEL, C1), an invisible format character (the bidi overrides and isolates U+202A..U+202E and
   * U+2066..U+2069, the marks U+200E/U+200F/U+061C, zero-width characters), a line or paragraph
   * separator, or more than {@link #MAX_LENGTH} characters. Null (not given) passes.
   */
  public static String check(String field, String value) {
    if (value == null) {
      return null;
    }
    String problem = problem(value);
    if (problem != null) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "Invalid " + field,
          field + " " + problem,
          List.of(new FieldProblem(field, problem)));
    }
    return value;
  }

  /** What is wrong with the text, or null when it may be kept and shown. */
  public static String problem(String value) {
    if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
      return "must be at most " + MAX_LENGTH + " characters";
    }
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      if (unsafe(c)) {
        return String.format(
            "must not contain control or invisible formatting characters (U+%04X at %d)", c, i);
      }
      i += Character.charCount(c);
    }
    return null;
  }

  /**
   * Controls, format characters (bidi, zero-width: Cf) and line/paragraph separators. The
   * zero-width joiner stays allowed: emoji sequences need it, and it can neither move the cursor
   * nor reorder text.
   */
  static boolean unsafe(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.FORMAT && c != 0x200D
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SURROGATE; // a lone half of a pair: not text
  }
}
