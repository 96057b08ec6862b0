package io.channelshift.worker.metrics;

import io.channelshift.migration.ChannelSample;
import io.channelshift.migration.Gate;
import io.channelshift.migration.GateVerdict;
import io.channelshift.migration.MigrationPhase;
import io.channelshift.migration.MigrationStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A running migration's status as series: phase (one-hot), weight, step, failures in a row, time in
 * step, and each gate's value on the new and the old channel with its limit and verdict. Latency
 * gates are measured in milliseconds and published in seconds, Prometheus' base unit.
 */
public final class MigrationSamples {

  public static final String PHASE = "channelshift_migration_phase";
  public static final String WEIGHT = "channelshift_migration_weight_ratio";
  public static final String STEP = "channelshift_migration_step";
  public static final String FAILURES = "channelshift_migration_consecutive_failures";
  public static final String TIME_IN_STEP = "channelshift_migration_time_in_step_seconds";
  public static final String GATE_VALUE = "channelshift_migration_gate_value";
  public static final String GATE_SAMPLES = "channelshift_migration_gate_samples";
  public static final String GATE_LIMIT = "channelshift_migration_gate_limit";
  public static final String GATE_VERDICT = "channelshift_migration_gate_verdict";

  private MigrationSamples() {}

  /**
   * @param migrationId and {@code scope}: as the store registered the migration
   * @param nowMs the collector's clock, for the time in step
   */
  public static List<Sample> of(
      String migrationId, String scope, MigrationStatus status, long nowMs) {
    Map<String, String> id = Map.of("migration_id", migrationId, "scope", scope);
    List<Sample> out = new ArrayList<>();
    for (MigrationPhase p : MigrationPhase.values()) {
      out.add(Sample.gauge(PHASE, with(id, "phase", p.name()), p == status.phase() ? 1 : 0));
    }
    out.add(Sample.gauge(WEIGHT, id, status.weightBps() / 10_000.0));
    out.add(Sample.gauge(STEP, id, status.step()));
    out.add(Sample.gauge(FAILURES, id, status.consecutiveFailures()));
    if (status.stepStartedAtMs() > 0) {
      out.add(
          Sample.gauge(TIME_IN_STEP, id, Math.max(0, nowMs - status.stepStartedAtMs()) / 1000.0));
    }
    List<GateVerdict> verdicts = status.lastVerdicts() == null ? List.of() : status.lastVerdicts();
    for (GateVerdict v : verdicts) {
      if (v == null || v.gate() == null) {
        continue;
      }
      Map<String, String> gate = with(id, "gate", gateLabel(v.gate()));
      value(out, gate, "new", v.gate(), v.newChannel());
      value(out, gate, "old", v.gate(), v.oldChannel());
      if (v.rule() != null) {
        out.add(Sample.gauge(GATE_LIMIT, gate, inBaseUnit(v.gate(), v.rule().limit())));
      }
      if (v.verdict() != null) {
        for (GateVerdict.Verdict each : GateVerdict.Verdict.values()) {
          out.add(
              Sample.gauge(
                  GATE_VERDICT, with(gate, "verdict", each.name()), each == v.verdict() ? 1 : 0));
        }
      }
    }
    return out;
  }

  /**
   * The gate's label: its name in snake case, a latency's unit said ({@code
   * create_latency_p95_seconds}).
   */
  public static String gateLabel(Gate gate) {
    String name = gate.name().toLowerCase(Locale.ROOT);
    return name.endsWith("_ms") ? name.substring(0, name.length() - 3) + "_seconds" : name;
  }

  /** A rate stays in 0..1; milliseconds become seconds. */
  static double inBaseUnit(Gate gate, double value) {
    return gate.rate() ? value : value / 1000.0;
  }

  /** A sample with no value (no samples in the window) is left out rather than shown as 0. */
  private static void value(
      List<Sample> out, Map<String, String> gate, String role, Gate g, ChannelSample s) {
    if (s == null) {
      return;
    }
    Map<String, String> labels = with(gate, "channel_role", role);
    out.add(Sample.gauge(GATE_SAMPLES, labels, s.samples()));
    if (s.value() != null && !s.value().isNaN()) {
      out.add(Sample.gauge(GATE_VALUE, labels, inBaseUnit(g, s.value())));
    }
  }

  static Map<String, String> with(Map<String, String> labels, String name, String value) {
    Map<String, String> m = new java.util.HashMap<>(labels);
    m.put(name, value);
    return m;
  }
}
