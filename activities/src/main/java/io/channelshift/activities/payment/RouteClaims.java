package io.channelshift.activities.payment;

import io.channelshift.payment.CreateOrderCommand;
import io.channelshift.payment.RouteDecision;
import io.channelshift.routing.Router;
import io.channelshift.store.PaymentStore;
import io.channelshift.store.PaymentStore.RouteClaim;
import io.channelshift.store.RoutingDecisions;
import io.channelshift.store.RoutingDecisions.Confirmation;
import io.channelshift.store.RoutingStore;
import io.channelshift.store.StoredPayment;

/**
 * The worker's side of the routing flow ({@link RoutingDecisions}: decide, then confirm at create):
 * confirms a payment's route as the payment is recorded, and routes it again on the table now in
 * force when the table changed since the starter decided (a ramp step or a rollback landed in
 * between). Runs before the order is created at any provider, so no order is ever created on a
 * route that was no longer in force.
 */
final class RouteClaims {

  /**
   * A table can change again while we re-route; a few rounds settle any real sequence of changes.
   */
  private static final int ATTEMPTS = 5;

  private final PaymentStore store;
  private final RoutingStore routing;

  RouteClaims(PaymentStore store, RoutingStore routing) {
    this.store = store;
    this.routing = routing;
  }

  /**
   * Returns the new route when the payment had to move, null when it keeps the route it was started
   * with.
   */
  RouteDecision claim(CreateOrderCommand requested) {
    CreateOrderCommand c = requested;
    RouteDecision moved = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Confirmation claim = RoutingDecisions.confirm(store, routing, c);
      if (claim.outcome() == RouteClaim.CLAIMED) {
        return moved;
      }
      if (claim.outcome()
          == RouteClaim
              .ALREADY_RECORDED) { // a retry: keep whatever route the first attempt recorded
        StoredPayment recorded = claim.recorded();
        return recorded.channel().equals(requested.channel())
                && recorded.routingVersion() == requested.routingVersion()
            ? null
            : new RouteDecision(
                recorded.channel(), recorded.routingVersion(), Router.bucket(c.userId()));
      }
      moved = Router.decide(claim.inForce(), c.userId()); // STALE: decide again on the new table
      c = c.withRoute(moved.channel(), moved.tableVersion());
    }
    throw new IllegalStateException(
        "the routing table kept changing while payment "
            + c.orderId()
            + " was being recorded; retried");
  }
}
