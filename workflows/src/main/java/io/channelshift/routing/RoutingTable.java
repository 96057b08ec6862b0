package io.channelshift.routing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;
import java.util.TreeMap;

/**
 * Channel weights in basis points for one scope ({@code all} or a product type), at one version.
 * The weights add up to 10000. Versions are global over all scopes: a version names exactly one
 * table.
 *
 * @param ramping the channel being ramped up, whose buckets come first so that raising its weight
 *     never moves a user back (see {@link Router}); null when nothing is ramping
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RoutingTable(
    String scope, long version, Map<String, Integer> weightsBps, String ramping) {

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
  }

  public RoutingTable(String scope, long version, Map<String, Integer> weightsBps) {
    this(scope, version, weightsBps, null);
  }

  public static RoutingTable single(String scope, long version, String channel) {
    return new RoutingTable(scope, version, Map.of(channel, FULL));
  }

  /** The weight of a channel in basis points, 0 when the table does not name it. */
  public int weightOf(String channel) {
    return weightsBps.getOrDefault(channel, 0);
  }
}
