package io.channelshift.app.demo;

import java.util.List;

/**
 * What a drill looked like over time, sampled from the migration's status while it ran: the weight,
 * each gate's values at each evaluation, and the moments that matter (the drill's own and the
 * migration timeline's). Times are epoch milliseconds; {@code startedAtMs} is the drill's zero.
 *
 * @param truncated true when the recorder stopped adding points at its bound
 */
public record DrillSeries(
    long startedAtMs,
    long endedAtMs,
    List<WeightPoint> weight,
    List<GatePoint> gates,
    List<Marker> markers,
    boolean truncated) {

  public DrillSeries {
    weight = List.copyOf(weight);
    gates = List.copyOf(gates);
    markers = List.copyOf(markers);
  }

  /** The new channel's weight from this moment on. */
  public record WeightPoint(long atMs, int weightBps) {}

  /**
   * One gate at one evaluation: the new and the old channel's value (null without samples), the
   * gate's absolute limit and its verdict.
   */
  public record GatePoint(
      long atMs,
      String gate,
      Double newValue,
      long newSamples,
      Double oldValue,
      long oldSamples,
      double limit,
      String verdict) {}

  /**
   * A moment to mark on every chart.
   *
   * @param label short, drawn beside the marker (a timeline event's name)
   * @param detail who and why, in the page's event table (a timeline entry's author and reason)
   */
  public record Marker(long atMs, Kind kind, String label, String detail) {}

  public enum Kind {
    /** The drill degraded the new channel, or took a channel down. */
    DEGRADED,
    /** The rollback's routing table was written. */
    ROLLBACK,
    /** The scope's failover routing table was written. */
    FAILOVER,
    /** The drill brought the channel back. */
    RECOVERED,
    /** The scope's failback routing table was written. */
    FAILBACK,
    /** An entry of the migration's timeline (steps, pauses, approvals, the rollback decision). */
    EVENT
  }
}
