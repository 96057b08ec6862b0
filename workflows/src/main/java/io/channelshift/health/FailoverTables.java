package io.channelshift.health;

import io.channelshift.routing.RoutingTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing tables of a failover and a failback, computed from the table in force (so backups an
 * engineer set meanwhile are kept). Pure: no Temporal call, no I/O.
 */
final class FailoverTables {

  private FailoverTables() {}

  /** The channel with the largest weight (ties: the first by name); null for an empty table. */
  static String primary(RoutingTable table) {
    return table.weightsBps().entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .max(
            Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
        .map(Map.Entry::getKey)
        .orElse(null);
  }

  /** Every channel the scope routes to or names as a backup: the primary first, then backups. */
  static List<String> channels(RoutingTable table) {
    List<String> channels = new ArrayList<>();
    String primary = primary(table);
    if (primary != null) {
      channels.add(primary);
    }
    table
        .weightsBps()
        .forEach(
            (channel, weight) -> {
              if (weight > 0 && !channels.contains(channel)) {
                channels.add(channel);
              }
            });
    table.backups().stream().filter(c -> !channels.contains(c)).forEach(channels::add);
    return channels;
  }

  /**
   * The failover: {@code from}'s weight goes to {@code to}, except a probe share that stays on
   * {@code from}; {@code from} becomes the first backup, {@code to} leaves the backups.
   */
  static Plan failover(RoutingTable table, String from, String to, int probeBps) {
    Map<String, Integer> weights = new LinkedHashMap<>(table.weightsBps());
    int weight = weights.getOrDefault(from, 0);
    int probe = Math.min(probeBps, weight);
    int moved = weight - probe;
    weights.put(from, probe);
    weights.merge(to, moved, Integer::sum);
    weights.values().removeIf(w -> w == 0);
    List<String> backups = new ArrayList<>();
    backups.add(from);
    table.backups().stream().filter(c -> !c.equals(from) && !c.equals(to)).forEach(backups::add);
    return new Plan(weights, backups, moved);
  }

  /**
   * The failback: what the failover moved goes back to the failed channel (as much as its target
   * still has); the target becomes the first backup again, the failed channel leaves the backups.
   */
  static Plan failback(RoutingTable table, Failover f) {
    Map<String, Integer> weights = new LinkedHashMap<>(table.weightsBps());
    int moved = Math.min(f.movedBps(), weights.getOrDefault(f.to(), 0));
    weights.merge(f.to(), -moved, Integer::sum);
    weights.merge(f.from(), moved, Integer::sum);
    weights.values().removeIf(w -> w == 0);
    List<String> backups = new ArrayList<>();
    backups.add(f.to());
    table.backups().stream()
        .filter(c -> !c.equals(f.from()) && !c.equals(f.to()))
        .forEach(backups::add);
    return new Plan(weights, backups, moved);
  }

  /** A table to write: weights, backups, and how many basis points changed channel. */
  record Plan(Map<String, Integer> weightsBps, List<String> backups, int movedBps) {}
}
