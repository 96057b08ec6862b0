package io.channelshift.cli;

/**
 * Text from the API made safe for a terminal. The API refuses control characters in what engineers
 * send, but a timeline may hold older entries, or requests sent straight to Temporal, that still
 * carry them: an ESC sequence would recolour or clear the screen, a carriage return overwrite a
 * line, a bidi override reverse what a reviewer reads. Each such character is shown as its escape
 * ({@code \u001b}) instead.
 */
final class TerminalText {

  private TerminalText() {}

  /**
   * One line of display text: every control, format and separator character escaped, newlines
   * included.
   */
  static String safe(String text) {
    return escape(text, false);
  }

  /**
   * JSON as the API sent it, made safe: Jackson already escapes C0 controls inside strings, but not
   * DEL, C1 controls or bidi and other format characters; those are escaped here (inside JSON
   * strings that is still the same JSON). Newlines between lines are kept.
   */
  static String safeLines(String text) {
    return escape(text, true);
  }

  private static String escape(String text, boolean keepNewlines) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (keepNewlines && c == '\n') {
        out.append('\n');
      } else if (unsafe(c)) {
        out.append(
            c > 0xFFFF
                ? String.format(
                    "\\u%04x\\u%04x",
                    (int) Character.highSurrogate(c), (int) Character.lowSurrogate(c))
                : String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    }
    return out.toString();
  }

  private static boolean unsafe(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SURROGATE;
  }
}
