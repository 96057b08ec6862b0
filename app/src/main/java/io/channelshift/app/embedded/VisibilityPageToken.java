package io.channelshift.app.embedded;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;

/**
 * Where the next page of a list starts: after the run with this start time and run id, in this
 * order, for this query. Pages are cut by key, not by position, so a run started while a client
 * pages (it sorts before the cursor, newest first) never shifts a page: no run is listed twice or
 * skipped. A token from another query or order is refused.
 */
record VisibilityPageToken(long startNanos, String runId, boolean descending, int queryHash) {

  private static final String VERSION = "cs1";

  static VisibilityPageToken after(VisibilityRow row, boolean descending, String query) {
    return new VisibilityPageToken(
        row.startNanos(), row.execution().getRunId(), descending, query.strip().hashCode());
  }

  ByteString encode() {
    return ByteString.copyFromUtf8(
        String.join(
            "|",
            VERSION,
            descending ? "D" : "A",
            Long.toString(startNanos),
            Integer.toString(queryHash),
            runId));
  }

  static VisibilityPageToken decode(ByteString token, boolean descending, String query) {
    String[] parts = token.toString(StandardCharsets.UTF_8).split("\\|", 5);
    try {
      if (parts.length == 5 && parts[0].equals(VERSION)) {
        VisibilityPageToken decoded =
            new VisibilityPageToken(
                Long.parseLong(parts[2]),
                parts[4],
                parts[1].equals("D"),
                Integer.parseInt(parts[3]));
        if (decoded.descending == descending && decoded.queryHash == query.strip().hashCode()) {
          return decoded;
        }
        throw new InvalidQueryException(
            "the next page token belongs to another query or order; list again from the start");
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new InvalidQueryException("the next page token is not one this server gave");
  }

  /** Whether the row comes after this token's run in the list's order. */
  boolean isBefore(VisibilityRow row) {
    return VisibilityAnswers.order(descending).compare(row, startNanos, runId) > 0;
  }
}
