package io.channelshift.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** A request path with the query parameters that were given (nulls left out), each URL-encoded. */
final class QueryPath {

  private QueryPath() {}

  /** {@code of("/api/x", "a", "1", "b", null)} → {@code /api/x?a=1}. */
  static String of(String path, String... namesAndValues) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        params.put(namesAndValues[i], namesAndValues[i + 1]);
      }
    }
    if (params.isEmpty()) {
      return path;
    }
    StringJoiner query = new StringJoiner("&", path + "?", "");
    params.forEach(
        (name, value) -> query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return query.toString();
  }
}
