package io.channelshift.routing;

import io.channelshift.payment.RouteDecision;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The pure routing function. A user's bucket is a stable hash of the user id into 0..9999; the
 * table is walked in a fixed order with the channel being ramped up ({@link
 * RoutingTable#ramping()}) first, so that a user whose bucket is below that channel's weight goes
 * to it. Raising its weight therefore never moves a user back.
 */
public final class Router {

  private Router() {}

  public static RouteDecision decide(RoutingTable table, String userId) {
    return decide(table, userId, table.ramping());
  }

  static RouteDecision decide(RoutingTable table, String userId, String preferred) {
    int bucket = bucket(userId);
    int floor = 0;
    Integer preferredWeight = preferred == null ? null : table.weightsBps().get(preferred);
    if (preferredWeight != null) {
      if (bucket < preferredWeight) {
        return new RouteDecision(preferred, table.version(), bucket);
      }
      floor = preferredWeight;
    }
    int upper = floor;
    for (Map.Entry<String, Integer> e : table.weightsBps().entrySet()) {
      if (e.getKey().equals(preferred) || e.getValue() == 0) {
        continue;
      }
      upper += e.getValue();
      if (bucket < upper) {
        return new RouteDecision(e.getKey(), table.version(), bucket);
      }
    }
    throw new IllegalStateException(
        "routing table " + table.scope() + " v" + table.version() + " covers no bucket " + bucket);
  }

  /** FNV-1a over the UTF-8 bytes of the user id: stable across JVMs, releases and languages. */
  public static int bucket(String userId) {
    int hash = 0x811c9dc5;
    for (byte b : userId.getBytes(StandardCharsets.UTF_8)) {
      hash ^= (b & 0xff);
      hash *= 0x01000193;
    }
    return (int) (Integer.toUnsignedLong(hash) % RoutingTable.FULL);
  }
}
