package io.channelshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A migration's status as a person reads it: the phase and weights, the gate table, the timeline.
 */
final class MigrationView {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final int TIMELINE_LINES = 15;

  private MigrationView() {}

  static String render(JsonNode s) {
    StringBuilder out = new StringBuilder();
    int weight = s.path("weightBps").asInt();
    out.append(
        String.format(
            "migration %s: %s → %s on scope %s%n",
            t(s.path("migrationId")),
            t(s.path("fromChannel")),
            t(s.path("toChannel")),
            t(s.path("scope"))));
    out.append(
        String.format(
            "phase %s, step %d, %s %d bps / %s %d bps (routing v%d), %d evaluations, "
                + "%d failing in a row%n",
            t(s.path("phase")),
            s.path("step").asInt() + 1,
            t(s.path("toChannel")),
            weight,
            t(s.path("fromChannel")),
            10_000 - weight,
            s.path("routingVersion").asLong(),
            s.path("evaluations").asLong(),
            s.path("consecutiveFailures").asInt()));
    if (!s.path("rollbackReason").isNull() && !s.path("rollbackReason").isMissingNode()) {
      out.append("rollback: ").append(t(s.path("rollbackReason"))).append('\n');
    }
    out.append(
        String.format(
            "%n%-26s %-13s %14s %14s  %s%n", "gate", "verdict", "new (n)", "old (n)", "why"));
    for (JsonNode v : s.path("lastVerdicts")) {
      out.append(
          String.format(
              "%-26s %-13s %14s %14s  %s%n",
              t(v.path("gate")),
              t(v.path("verdict")),
              sample(v.path("newChannel"), t(v.path("gate"))),
              sample(v.path("oldChannel"), t(v.path("gate"))),
              t(v.path("reason"))));
    }
    if (s.path("lastVerdicts").isEmpty()) {
      out.append("(no evaluation yet)\n");
    }
    out.append(fees(s.path("costs")));
    out.append("\ntimeline (UTC):\n");
    JsonNode timeline = s.path("timeline");
    for (int i = Math.max(0, timeline.size() - TIMELINE_LINES); i < timeline.size(); i++) {
      JsonNode e = timeline.get(i);
      out.append(
          String.format(
              "  %s  %-16s %-10s %s%n",
              TIME.format(Instant.ofEpochMilli(e.path("atMs").asLong())),
              t(e.path("event")),
              t(e.path("by")),
              t(e.path("detail"))));
    }
    return out.toString();
  }

  /** The projected monthly fee difference at the last 30 days' volume, as the status reports it. */
  static String fees(JsonNode costs) {
    if (costs.isNull() || costs.isMissingNode()) {
      return "\nfees: no projection (a channel has no fee schedule configured)\n";
    }
    StringBuilder out =
        new StringBuilder(
            String.format(
                "%nfees at the last %d days' volume (a month):%n",
                costs.path("windowDays").asInt()));
    for (JsonNode c : costs.path("byCurrency")) {
      long saving = c.path("monthlyDifferenceMinor").asLong();
      out.append(
          String.format(
              "  %s %,d payments, %s: on %s %s, on %s %s -> %s %s a month%n",
              t(c.path("currency")),
              c.path("payments").asLong(),
              ReconciliationView.money(c.path("volumeMinor")),
              t(costs.path("fromChannel")),
              ReconciliationView.money(c.path("feesOnFromMinor")),
              t(costs.path("toChannel")),
              ReconciliationView.money(c.path("feesOnToMinor")),
              saving >= 0 ? "saves" : "costs",
              ReconciliationView.money(JsonNodeFactory.instance.numberNode(Math.abs(saving)))));
    }
    if (costs.path("byCurrency").isEmpty()) {
      out.append("  no payments on either channel in the window\n");
    }
    return out.toString();
  }

  /** A text field of the answer, safe to print ({@link TerminalText}). */
  static String t(JsonNode node) {
    return TerminalText.safe(node.asText());
  }

  private static String sample(JsonNode c, String gate) {
    if (c.path("value").isNull() || c.path("value").isMissingNode()) {
      return "- (" + c.path("samples").asLong() + ")";
    }
    double v = c.path("value").asDouble();
    String value = gate.endsWith("_MS") ? String.format("%.0f ms", v) : String.format("%.3f", v);
    return value + " (" + c.path("samples").asLong() + ")";
  }
}
