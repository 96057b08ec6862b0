package io.channelshift.app.embedded;

import java.util.ArrayList;
import java.util.List;

/** Splits a visibility query into tokens: names, quoted strings, integers and symbols. */
final class VisibilityQueryLexer {

  enum Kind {
    /** A bare word: an attribute name or a keyword (AND, IN, ORDER...). */
    WORD,
    /** A back-quoted attribute name: never a keyword. */
    QUOTED_NAME,
    STRING,
    NUMBER,
    SYMBOL,
    END
  }

  record Token(Kind kind, String text, int position) {

    boolean isKeyword(String keyword) {
      return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    boolean isSymbol(String symbol) {
      return kind == Kind.SYMBOL && text.equals(symbol);
    }

    String describe() {
      return switch (kind) {
        case END -> "the end of the query";
        case STRING -> "'" + text + "'";
        case QUOTED_NAME -> "`" + text + "`";
        default -> "'" + text + "'";
      };
    }
  }

  private VisibilityQueryLexer() {}

  static List<Token> tokens(String query) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < query.length()) {
      char c = query.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < query.length()
            && (Character.isLetterOrDigit(query.charAt(i)) || query.charAt(i) == '_')) {
          i++;
        }
        tokens.add(new Token(Kind.WORD, query.substring(start, i), start));
      } else if (Character.isDigit(c) || (c == '-' && nextIsDigit(query, i))) {
        int start = i++;
        while (i < query.length() && Character.isDigit(query.charAt(i))) {
          i++;
        }
        if (i < query.length() && (query.charAt(i) == '.' || Character.isLetter(query.charAt(i)))) {
          throw new InvalidQueryException(
              "only whole numbers are supported, at position " + start + " (quote dates and text)");
        }
        tokens.add(new Token(Kind.NUMBER, query.substring(start, i), start));
      } else if (c == '\'' || c == '"' || c == '`') {
        int end = closing(query, i);
        tokens.add(
            new Token(
                c == '`' ? Kind.QUOTED_NAME : Kind.STRING,
                unescape(query.substring(i + 1, end), c),
                i));
        i = end + 1;
      } else {
        String symbol = symbolAt(query, i);
        tokens.add(new Token(Kind.SYMBOL, symbol, i));
        i += symbol.length();
      }
    }
    tokens.add(new Token(Kind.END, "", query.length()));
    return tokens;
  }

  private static boolean nextIsDigit(String query, int i) {
    return i + 1 < query.length() && Character.isDigit(query.charAt(i + 1));
  }

  /** The index of the quote closing the one at {@code open}; a doubled or escaped quote is text. */
  private static int closing(String query, int open) {
    char quote = query.charAt(open);
    int i = open + 1;
    while (i < query.length()) {
      char c = query.charAt(i);
      if (c == '\\' && i + 1 < query.length()) {
        i += 2;
      } else if (c == quote && i + 1 < query.length() && query.charAt(i + 1) == quote) {
        i += 2;
      } else if (c == quote) {
        return i;
      } else {
        i++;
      }
    }
    throw new InvalidQueryException("unclosed " + quote + " starting at position " + open);
  }

  private static String unescape(String quoted, char quote) {
    StringBuilder text = new StringBuilder(quoted.length());
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if ((c == '\\' || c == quote) && i + 1 < quoted.length()) {
        text.append(quoted.charAt(++i));
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }

  private static String symbolAt(String query, int i) {
    for (String symbol : List.of(">=", "<=", "!=", "<>", "=", ">", "<", "(", ")", ",")) {
      if (query.startsWith(symbol, i)) {
        return symbol.equals("<>") ? "!=" : symbol;
      }
    }
    throw new InvalidQueryException(
        "unexpected character '" + query.charAt(i) + "' at position " + i);
  }
}
