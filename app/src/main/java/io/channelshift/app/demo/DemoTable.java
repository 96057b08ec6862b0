package io.channelshift.app.demo;

import java.io.PrintStream;
import java.util.Map;

/** Prints the demo's results as a plain-text table. */
final class DemoTable {

  private DemoTable() {}

  static void print(DemoReport report, PrintStream out) {
    int name = 10;
    int expected = 8;
    for (ScenarioResult r : report.scenarios()) {
      name = Math.max(name, r.name().length());
      expected = Math.max(expected, r.expected().length());
    }
    String row = "%-" + name + "s | %-" + expected + "s | %s | %s%n";
    out.println();
    out.printf(row, "scenario", "expected", "ok", "actual");
    out.println("-".repeat(name + expected + 20));
    for (ScenarioResult r : report.scenarios()) {
      out.printf(row, r.name(), r.expected(), r.ok() ? "✔ " : "✘ ", r.actual());
    }
    out.println();
    out.println("Invariants (violations found in the database):");
    for (Map.Entry<String, Long> e : report.invariants().entrySet()) {
      out.printf("  %-28s %d %s%n", e.getKey(), e.getValue(), e.getValue() == 0 ? "✔" : "✘");
    }
  }
}
