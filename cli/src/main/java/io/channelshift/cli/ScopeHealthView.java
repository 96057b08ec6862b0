package io.channelshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;

/**
 * A scope's channel health as a person reads it: mode, primary and backups, the failover in force,
 * the hold, what it would do, each channel's failing gates, the timeline. Every text goes through
 * {@link TerminalText#safe}: a signal sent straight to Temporal cannot rewrite a terminal.
 */
final class ScopeHealthView {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final int TIMELINE_LINES = 15;

  private ScopeHealthView() {}

  static String render(JsonNode s) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "scope %s: %s, primary %s, backups %s (routing v%d), %d of %d failing in a row%n",
            t(s.path("scope")),
            t(s.path("mode")),
            t(s.path("primary")),
            t(s.path("backups")),
            s.path("routingVersion").asLong(),
            s.path("consecutiveFailures").asInt(),
            s.path("failureLimit").asInt()));
    JsonNode f = s.path("failover");
    if (f.isObject()) {
      out.append(
          String.format(
              "failed over %s → %s at %s by %s: %s%n",
              t(f.path("from")),
              t(f.path("to")),
              time(f.path("atMs").asLong()),
              t(f.path("by")),
              t(f.path("reason"))));
    }
    JsonNode hold = s.path("hold");
    if (hold.isObject()) {
      out.append(
          String.format(
              "HELD by %s since %s: %s%n",
              t(hold.path("by")), time(hold.path("atMs").asLong()), t(hold.path("reason"))));
    }
    if (s.hasNonNull("migrationId")) {
      out.append("migration " + t(s.path("migrationId")) + " owns the routing table\n");
    }
    if (s.hasNonNull("wouldDo")) {
      out.append("would: " + t(s.path("wouldDo")) + "\n");
    }
    for (Iterator<Map.Entry<String, JsonNode>> i = s.path("verdicts").fields(); i.hasNext(); ) {
      Map.Entry<String, JsonNode> channel = i.next();
      StringBuilder failing = new StringBuilder();
      for (JsonNode v : channel.getValue()) {
        if (!"PASS".equals(v.path("verdict").asText())) {
          failing.append(
              String.format(
                  "%n    %-26s %-12s %s",
                  t(v.path("gate")), t(v.path("verdict")), t(v.path("reason"))));
        }
      }
      out.append(
          String.format(
              "  %-12s %s%s%n",
              TerminalText.safe(channel.getKey()),
              failing.length() == 0 ? "all gates pass" : "",
              failing));
    }
    JsonNode timeline = s.path("timeline");
    int from = Math.max(0, timeline.size() - TIMELINE_LINES);
    out.append("timeline:\n");
    for (int i = from; i < timeline.size(); i++) {
      JsonNode e = timeline.get(i);
      out.append(
          String.format(
              "  %s %-20s %-20s %s%n",
              time(e.path("atMs").asLong()),
              t(e.path("event")),
              t(e.path("by")),
              t(e.path("detail"))));
    }
    return out.toString();
  }

  private static String time(long ms) {
    return TIME.format(Instant.ofEpochMilli(ms));
  }

  private static String t(JsonNode node) {
    return TerminalText.safe(
        node.isMissingNode() || node.isNull()
            ? "-"
            : node.isTextual() ? node.asText() : node.toString());
  }
}
