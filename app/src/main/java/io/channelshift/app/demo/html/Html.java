package io.channelshift.app.demo.html;

/** Escaping for text and attribute values put into the report's HTML and SVG. */
public final class Html {

  private Html() {}

  /**
   * The text as characters, never as markup: every text that came from the server (an engineer's
   * reason, a gate's name) goes through here, so {@code <script>} in a reason is shown, not run.
   */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          // Control characters are not allowed in XML 1.0: the SVG must parse.
          if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
            out.append('?');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
