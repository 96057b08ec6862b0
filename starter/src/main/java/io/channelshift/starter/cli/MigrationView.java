package io.channelshift.starter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A migration's status as a person reads it: the phase and weights, the gate table, the timeline. */
final class MigrationView {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final int TIMELINE_LINES = 15;

  private MigrationView() {}

  static String render(JsonNode s) {
    StringBuilder out = new StringBuilder();
    int weight = s.path("weightBps").asInt();
    out.append(String.format("migration %s: %s → %s on scope %s%n", s.path("migrationId").asText(),
        s.path("fromChannel").asText(), s.path("toChannel").asText(), s.path("scope").asText()));
    out.append(String.format("phase %s, step %d, %s %d bps / %s %d bps (routing v%d), %d evaluations, "
            + "%d failing in a row%n", s.path("phase").asText(), s.path("step").asInt() + 1,
        s.path("toChannel").asText(), weight, s.path("fromChannel").asText(), 10_000 - weight,
        s.path("routingVersion").asLong(), s.path("evaluations").asLong(), s.path("consecutiveFailures").asInt()));
    if (!s.path("rollbackReason").isNull() && !s.path("rollbackReason").isMissingNode()) {
      out.append("rollback: ").append(s.path("rollbackReason").asText()).append('\n');
    }
    out.append(String.format("%n%-26s %-13s %14s %14s  %s%n", "gate", "verdict", "new (n)", "old (n)", "why"));
    for (JsonNode v : s.path("lastVerdicts")) {
      out.append(String.format("%-26s %-13s %14s %14s  %s%n", v.path("gate").asText(), v.path("verdict").asText(),
          sample(v.path("newChannel"), v.path("gate").asText()), sample(v.path("oldChannel"), v.path("gate").asText()),
          v.path("reason").asText()));
    }
    if (s.path("lastVerdicts").isEmpty()) {
      out.append("(no evaluation yet)\n");
    }
    out.append(fees(s.path("costs")));
    out.append("\ntimeline (UTC):\n");
    JsonNode timeline = s.path("timeline");
    for (int i = Math.max(0, timeline.size() - TIMELINE_LINES); i < timeline.size(); i++) {
      JsonNode e = timeline.get(i);
      out.append(String.format("  %s  %-16s %-10s %s%n", TIME.format(Instant.ofEpochMilli(e.path("atMs").asLong())),
          e.path("event").asText(), e.path("by").asText(), e.path("detail").asText()));
    }
    return out.toString();
  }

  /** The projected monthly fee difference at the last 30 days' volume, as the status reports it. */
  static String fees(JsonNode costs) {
    if (costs.isNull() || costs.isMissingNode()) {
      return "\nfees: no projection (a channel has no fee schedule configured)\n";
    }
    StringBuilder out = new StringBuilder(String.format("%nfees at the last %d days' volume (a month):%n",
        costs.path("windowDays").asInt()));
    for (JsonNode c : costs.path("byCurrency")) {
      long saving = c.path("monthlyDifferenceMinor").asLong();
      out.append(String.format("  %s %,d payments, %s: on %s %s, on %s %s -> %s %s a month%n",
          c.path("currency").asText(), c.path("payments").asLong(), ReconciliationView.money(c.path("volumeMinor")),
          costs.path("fromChannel").asText(), ReconciliationView.money(c.path("feesOnFromMinor")),
          costs.path("toChannel").asText(), ReconciliationView.money(c.path("feesOnToMinor")),
          saving >= 0 ? "saves" : "costs", ReconciliationView.money(JsonNodeFactory.instance.numberNode(Math.abs(saving)))));
    }
    if (costs.path("byCurrency").isEmpty()) {
      out.append("  no payments on either channel in the window\n");
    }
    return out.toString();
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
