package io.channelshift.routing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Channel weights in basis points for one scope ({@code all} or a product type), at one version.
 * The weights add up to 10000. Versions are global over all scopes: a version names exactly one
 * table.
 *
 * @param ramping the channel being ramped up, whose buckets come first so that raising its weight
 *     never moves a user back (see {@link Router}); null when nothing is ramping
 * @param backups the scope's backup channels, in the order a payment tries them when the channel it
 *     was routed to cannot take it (down, restricted, draining); empty when the scope has none.
 *     Tables written before backups existed read as empty.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RoutingTable(
    String scope,
    long version,
    Map<String, Integer> weightsBps,
    String ramping,
    List<String> backups) {

  public static final String ALL = "all";
  public static final int FULL = 10_000;

  public RoutingTable {
    if (scope == null || scope.isBlank()) {
      throw new IllegalArgumentException("scope is required");
    }
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1");
    }
    weightsBps =
        new TreeMap<>(weightsBps); // sorted, so the walk over buckets is the same everywhere
    int sum = 0;
    for (Map.Entry<String, Integer> e : weightsBps.entrySet()) {
      if (e.getValue() < 0) {
        throw new IllegalArgumentException("weight of " + e.getKey() + " is negative");
      }
      sum += e.getValue();
    }
    if (sum != FULL) {
      throw new IllegalArgumentException("weights must add up to 10000 bps, not " + sum);
    }
    if (ramping != null && !weightsBps.containsKey(ramping)) {
      throw new IllegalArgumentException(
          "the ramping channel " + ramping + " has no weight in the table");
    }
    backups = backups == null ? List.of() : List.copyOf(backups);
    for (String backup : backups) {
      if (backup == null || backup.isBlank()) {
        throw new IllegalArgumentException("a backup channel must be named");
      }
    }
    if (new LinkedHashSet<>(backups).size() != backups.size()) {
      throw new IllegalArgumentException("a backup channel is listed twice: " + backups);
    }
  }

  public RoutingTable(String scope, long version, Map<String, Integer> weightsBps, String ramping) {
    this(scope, version, weightsBps, ramping, List.of());
  }

  public RoutingTable(String scope, long version, Map<String, Integer> weightsBps) {
    this(scope, version, weightsBps, null);
  }

  public static RoutingTable single(String scope, long version, String channel) {
    return new RoutingTable(scope, version, Map.of(channel, FULL));
  }

  /**
   * The channels a payment routed to {@code chosen} tries next, in order, when {@code chosen}
   * cannot take it: the backups, without {@code chosen} itself.
   */
  public List<String> backupsAfter(String chosen) {
    return backups.stream().filter(channel -> !channel.equals(chosen)).toList();
  }

  /** The same weights under another version and list of backups. */
  public RoutingTable withBackups(List<String> newBackups) {
    return new RoutingTable(scope, version, weightsBps, ramping, newBackups);
  }

  /** The weight of a channel in basis points, 0 when the table does not name it. */
  public int weightOf(String channel) {
    return weightsBps.getOrDefault(channel, 0);
  }
}
