package io.channelshift.store;

import io.channelshift.payment.RouteDecision;
import io.channelshift.routing.RoutingTable;

/**
 * A new payment's route once the channels' lifecycle is applied ({@link
 * RoutingDecisions#avoidingInactive}): a channel that takes new payments, or none.
 */
public sealed interface ActiveRoute {

  /**
   * @param movedFrom the channel the table routed the user to, which takes no new payments; null
   *     when the route is the table's own
   */
  record Routed(RouteDecision route, String movedFrom) implements ActiveRoute {}

  /** Neither the routed channel nor any alternative in the table takes new payments. */
  record NoActiveChannel(RoutingTable table, String routedTo) implements ActiveRoute {

    public String detail() {
      return "routing table v"
          + table.version()
          + " sends this user to "
          + routedTo
          + ", which takes no new payments (DRAINING or RETIRED), and no backup or other channel"
          + " of scope "
          + table.scope()
          + " is ACTIVE";
    }
  }
}
