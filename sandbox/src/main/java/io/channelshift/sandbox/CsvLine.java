package io.channelshift.sandbox;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One CSV record as RFC 4180 writes it: a field holding a comma, a double quote, a line break or
 * surrounding spaces goes in double quotes, its quotes doubled; any other field as it is. The
 * sandbox keeps no CSV library: this is all its statement needs.
 */
final class CsvLine {

  private CsvLine() {}

  static String of(String... fields) {
    return Arrays.stream(fields).map(CsvLine::field).collect(Collectors.joining(","));
  }

  static String field(String value) {
    String text = value == null ? "" : value;
    boolean quote =
        text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')
            || !text.equals(text.strip());
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }
}
