package io.channelshift.app.demo;

import java.util.List;

/**
 * The outage drill over time: the drill's payments created each second on each channel (from the
 * store, after the drill), and the moments that matter: legacy down, the failover table, legacy
 * back, the failback table, and the scope health workflow's events. Times are epoch milliseconds.
 */
public record OutageSeries(
    long startedAtMs,
    long endedAtMs,
    List<ChannelSecond> createdPerSecond,
    List<DrillSeries.Marker> markers) {

  public OutageSeries {
    createdPerSecond = List.copyOf(createdPerSecond);
    markers = List.copyOf(markers);
  }

  /** How many drill payments were created on a channel in the second starting at {@code atMs}. */
  public record ChannelSecond(long atMs, String channel, long payments) {}
}
