package io.channelshift.provider.fake;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes bill records as a provider's CSV writer does (RFC 4180): a field holding a comma, a double
 * quote or a line break goes in double quotes with its quotes doubled. {@code prefix} is put before
 * each value first (WeChat Pay's backquote), so it sits inside the quotes, where the provider's
 * writer puts it.
 */
final class BillCsv {

  private BillCsv() {}

  static String record(String prefix, String lineEnd, String... values) {
    return Arrays.stream(values).map(v -> field(prefix + v)).collect(Collectors.joining(","))
        + lineEnd;
  }

  static String field(String text) {
    boolean quote = text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }
}
