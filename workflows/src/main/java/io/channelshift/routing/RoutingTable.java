package io.channelshift.routing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;
import java.util.TreeMap;

/**
 * Channel weights in basis points for one scope ({@code all} or a product type), at one version.
 * The weights add up to 10000.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RoutingTable(String scope, long version, Map<String, Integer> weightsBps) {

  public static final String ALL = "all";
  public static final int FULL = 10_000;

  public RoutingTable {
    if (scope == null || scope.isBlank()) {
      throw new IllegalArgumentException("scope is required");
    }
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1");
    }
    weightsBps = new TreeMap<>(weightsBps); // sorted, so the walk over buckets is the same everywhere
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
  }

  public static RoutingTable single(String scope, long version, String channel) {
    return new RoutingTable(scope, version, Map.of(channel, FULL));
  }
}
