package io.channelshift.app.demo.html;

import io.channelshift.app.demo.DemoReport;
import io.channelshift.app.demo.DrillSeries;
import io.channelshift.app.demo.MigrationReport;
import io.channelshift.app.demo.OutageReport;
import io.channelshift.app.demo.OutageSeries;
import io.channelshift.app.demo.ScenarioResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The demo's report as one HTML page that needs nothing else: the run's outcome and key numbers,
 * the migration drill's weight and gates over time as inline SVG (no script, no network), the
 * timeline's events and the scenarios. Every text from the server is escaped.
 */
public final class DemoReportHtml {

  static final String STYLE =
      """
      body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1000px}
      h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 6px}
      .ok{color:#1a7f37;font-weight:600}.bad{color:#c62828;font-weight:600}
      table{border-collapse:collapse;margin:6px 0}td,th{border-bottom:1px solid #ddd;padding:3px 8px;
      text-align:left;vertical-align:top}th{background:#f4f4f4}
      .chart{display:block;margin:8px 0;max-width:100%;height:auto;page-break-inside:avoid}
      .chart text{font:11px system-ui,sans-serif;fill:#333}.chart .title{font-size:13px;font-weight:600}
      .plot{fill:#fff;stroke:#999}.grid{stroke:#eee}.tick{fill:#555}
      .weight{fill:none;stroke:#1565c0;stroke-width:2.5}
      .new{fill:none;stroke:#1565c0;stroke-width:2}.old{fill:none;stroke:#777;stroke-width:2}
      .limit{stroke:#c62828;stroke-width:1.5;stroke-dasharray:6 4}
      .fail{stroke:#c62828;stroke-width:2.5;fill:none}
      .degraded{stroke:#ef6c00;stroke-width:2}.rollback{stroke:#c62828;stroke-width:2}
      .event{stroke:#888;stroke-width:1;stroke-dasharray:2 3}
      .recovered{stroke:#2e7d32;stroke-width:2}.other{fill:none;stroke:#2e7d32;stroke-width:2}
      .chart text.recovered{fill:#2e7d32;stroke:none}
      .chart text.degraded{fill:#ef6c00;stroke:none}.chart text.rollback{fill:#c62828;stroke:none}
      .chart text.event{fill:#666;stroke:none}.chart text.limit{fill:#c62828;stroke:none}
      .legend span{display:inline-block;margin-right:16px}.legend svg{vertical-align:middle}
      @media print{body{margin:0}h2{page-break-after:avoid}}
      """;

  private DemoReportHtml() {}

  /** Writes the page next to the JSON report: {@code FILE.html}. */
  public static Path writeBeside(Path jsonReport, DemoReport report, Instant runAt)
      throws IOException {
    Path html = jsonReport.resolveSibling(jsonReport.getFileName() + ".html");
    Files.writeString(html, render(report, runAt), StandardCharsets.UTF_8);
    return html;
  }

  public static String render(DemoReport report, Instant runAt) {
    StringBuilder page = new StringBuilder();
    String date =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .format(runAt.atOffset(ZoneOffset.UTC));
    page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<title>ChannelShift demo ")
        .append(Html.escape(date))
        .append("</title>\n<style>\n")
        .append(STYLE)
        .append("</style></head><body>\n");
    page.append("<h1>ChannelShift demo report</h1>\n<p>Run at ")
        .append(Html.escape(date))
        .append(": ")
        .append(
            report.ok() ? "<span class=\"ok\">passed</span>" : "<span class=\"bad\">FAILED</span>")
        .append(scenarioLine(report))
        .append("</p>\n");
    if (report.migration() != null) {
      migration(page, report);
    }
    if (report.failover() != null) {
      outage(page, report.failover());
    }
    scenarios(page, report);
    page.append("</body></html>\n");
    return page.toString();
  }

  private static String scenarioLine(DemoReport report) {
    if (report.scenarios().isEmpty() && report.invariants().isEmpty()) {
      return "."; // a drill on its own (the drills' tests)
    }
    long passed = report.scenarios().stream().filter(ScenarioResult::ok).count();
    long violations = report.invariants().values().stream().mapToLong(Long::longValue).sum();
    return String.format(
        Locale.ROOT,
        "; %d of %d payment scenarios hold; %d invariant violations.",
        passed,
        report.scenarios().size(),
        violations);
  }

  private static void migration(StringBuilder page, DemoReport report) {
    MigrationReport m = report.migration();
    page.append("<h2>Migration drill legacy → nova")
        .append(
            report.drill() == null
                ? ""
                : " (" + report.drill().name().toLowerCase(Locale.ROOT) + ")")
        .append(": ")
        .append(
            report.drill() == null || m.ok(report.drill())
                ? "<span class=\"ok\">ok</span>"
                : "<span class=\"bad\">FAILED</span>")
        .append("</h2>\n<table>\n");
    row(page, "final phase", m.finalPhase());
    if (m.msFromDegradationToRollback() != null) {
      boolean inTarget = m.msFromDegradationToRollback() <= m.targetMsToRollback();
      rowHtml(
          page,
          "degradation to routing restored",
          "<span class=\""
              + (inTarget ? "ok" : "bad")
              + "\">"
              + m.msFromDegradationToRollback()
              + " ms</span> (target ≤ "
              + m.targetMsToRollback()
              + " ms)");
    }
    if (m.rollbackReason() != null) {
      row(page, "rollback reason", m.rollbackReason());
    }
    row(page, "payment requests refused", Long.toString(m.paymentRequestsRefused()));
    row(
        page,
        "drill payments",
        m.paymentsStarted()
            + " started, "
            + m.paymentsOnNew()
            + " on nova, "
            + m.paymentsRoutedToNewAfterRollback()
            + " routed to nova after the rollback (must be 0), "
            + m.paymentsNotEnded()
            + " without an end (must be 0)");
    page.append("</table>\n");
    DrillSeries series = m.series();
    if (series == null || series.weight().isEmpty()) {
      page.append("<p>No series was recorded.</p>\n");
      return;
    }
    page.append(Legend.HTML);
    MigrationCharts charts = new MigrationCharts(series);
    page.append(charts.weight().render());
    for (SvgChart gate : charts.gates()) {
      page.append(gate.render());
    }
    if (series.truncated()) {
      page.append("<p>The series reached its bound: later points are not drawn.</p>\n");
    }
    page.append("<h2>Events</h2>\n<table><tr><th>s</th><th>event</th><th>who and why</th></tr>\n");
    for (DrillSeries.Marker marker : series.markers()) {
      page.append("<tr><td>")
          .append(String.format(Locale.ROOT, "%.1f", charts.seconds(marker.atMs())))
          .append("</td><td>")
          .append(Html.escape(marker.label()))
          .append("</td><td>")
          .append(Html.escape(marker.detail()))
          .append("</td></tr>\n");
    }
    page.append("</table>\n");
  }

  private static void outage(StringBuilder page, OutageReport o) {
    page.append("<h2>Outage drill: ")
        .append(o.ok() ? "<span class=\"ok\">ok</span>" : "<span class=\"bad\">FAILED</span>")
        .append("</h2>\n<table>\n");
    row(
        page,
        "outage to failover",
        (o.msFromOutageToFailover() == null ? "none" : o.msFromOutageToFailover() + " ms")
            + " (target ≤ "
            + o.targetMs()
            + " ms)");
    row(
        page,
        "recovery to failback",
        o.msFromRecoveryToFailback() == null ? "none" : o.msFromRecoveryToFailback() + " ms");
    row(
        page,
        "payment requests refused",
        o.paymentRequestsRefused() + " of " + o.paymentsStarted() + " started");
    row(page, "paid twice", Long.toString(o.paidTwice()));
    page.append("</table>\n");
    OutageSeries series = o.series();
    if (series != null && !series.createdPerSecond().isEmpty()) {
      page.append(Legend.OUTAGE);
      page.append(new OutageChart(series).chart().render());
    }
  }

  private static void scenarios(StringBuilder page, DemoReport report) {
    if (report.scenarios().isEmpty()) {
      return;
    }
    page.append(
        "<h2>Payment scenarios</h2>\n<table><tr><th>scenario</th><th>expected</th>"
            + "<th>actual</th><th></th></tr>\n");
    for (ScenarioResult r : report.scenarios()) {
      page.append("<tr><td>")
          .append(Html.escape(r.name()))
          .append("</td><td>")
          .append(Html.escape(r.expected()))
          .append("</td><td>")
          .append(Html.escape(r.actual()))
          .append("</td><td>")
          .append(r.ok() ? "<span class=\"ok\">ok</span>" : "<span class=\"bad\">FAILED</span>")
          .append("</td></tr>\n");
    }
    page.append("</table>\n");
  }

  private static void row(StringBuilder page, String name, String text) {
    rowHtml(page, name, Html.escape(text));
  }

  private static void rowHtml(StringBuilder page, String name, String html) {
    page.append("<tr><th>")
        .append(Html.escape(name))
        .append("</th><td>")
        .append(html)
        .append("</td></tr>\n");
  }
}
