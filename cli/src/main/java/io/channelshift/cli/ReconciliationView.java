package io.channelshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * Reconciliation reports as a person reads them: the run, totals on both sides, counts, each
 * discrepancy.
 */
final class ReconciliationView {

  private ReconciliationView() {}

  static String render(JsonNode report) {
    JsonNode run = report.path("run");
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            "%nreconciliation of %s for %s: %s (run %d, %s -> %s)%n",
            run.path("channel").asText(),
            run.path("day").asText(),
            run.path("status").asText(),
            run.path("runs").asInt(),
            run.path("startedAt").asText(),
            run.path("finishedAt").asText("-")));
    s.append(
        String.format(
            "statement lines %,d   matched %,d   open discrepancies %,d   repairs pending %,d%n",
            run.path("statementLines").asLong(),
            run.path("matched").asLong(),
            run.path("discrepanciesOpen").asLong(),
            run.path("repairsPending").asLong()));
    s.append(String.format("%n%-18s %18s %18s%n", "totals", "provider", "ledger"));
    run.path("totals")
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode t = e.getValue();
              for (String part : new String[] {"Payments", "Refunds", "Fees"}) {
                s.append(
                    String.format(
                        "%-18s %18s %18s%n",
                        e.getKey() + " " + part.toLowerCase(),
                        money(t.path("provider" + part + "Minor")),
                        money(t.path("ledger" + part + "Minor"))));
              }
            });
    if (report.path("counts").size() > 0) {
      s.append(String.format("%ndiscrepancies by kind%n"));
      report
          .path("counts")
          .fields()
          .forEachRemaining(
              kind ->
                  kind.getValue()
                      .fields()
                      .forEachRemaining(
                          st ->
                              s.append(
                                  String.format(
                                      "  %-24s %-10s %,8d%n",
                                      kind.getKey(), st.getKey(), st.getValue().asLong()))));
      s.append(
          String.format(
              "%n%-6s %-23s %-10s %-26s %12s %12s  %s%n",
              "id", "kind", "status", "order", "provider", "ledger", "detail / resolution"));
      for (JsonNode d : report.path("discrepancies")) {
        s.append(
            String.format(
                "%-6d %-23s %-10s %-26s %12s %12s  %s%s%n",
                d.path("id").asLong(),
                d.path("kind").asText(),
                d.path("status").asText(),
                d.path("orderId").asText("-"),
                money(d.path("providerAmountMinor")),
                money(d.path("ledgerAmountMinor")),
                d.path("detail").asText(),
                d.path("resolution").isNull() || d.path("resolution").isMissingNode()
                    ? ""
                    : " / " + d.path("resolution").asText()));
      }
      if (report.path("truncated").asBoolean()) {
        s.append("(more discrepancies than shown; see the API for the first 500)\n");
      }
    }
    return s.toString();
  }

  static String runs(JsonNode runs) {
    StringBuilder s =
        new StringBuilder(
            String.format(
                "%-12s %-10s %-10s %12s %12s %6s %8s%n",
                "day", "channel", "status", "lines", "matched", "open", "pending"));
    for (JsonNode r : runs) {
      s.append(
          String.format(
              "%-12s %-10s %-10s %,12d %,12d %6d %8d%n",
              r.path("day").asText(),
              r.path("channel").asText(),
              r.path("status").asText(),
              r.path("statementLines").asLong(),
              r.path("matched").asLong(),
              r.path("discrepanciesOpen").asLong(),
              r.path("repairsPending").asLong()));
    }
    return s.toString();
  }

  /** Minor units as a decimal of two places (every currency we take has two). */
  static String money(JsonNode minor) {
    return minor == null || minor.isNull() || minor.isMissingNode()
        ? "-"
        : BigDecimal.valueOf(minor.asLong(), 2).toPlainString();
  }
}
