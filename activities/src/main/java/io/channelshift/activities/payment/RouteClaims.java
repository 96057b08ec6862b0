package io.channelshift.activities.payment;

import io.channelshift.payment.CreateOrderCommand;
import io.channelshift.payment.RouteDecision;
import io.channelshift.routing.Router;
import io.channelshift.store.ActiveRoute;
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
 * route that was no longer in force. A channel drained since the decision is treated like a changed
 * table: the payment moves to the table's first ACTIVE backup ({@link
 * RoutingDecisions#avoidingInactive}), or is refused when there is none.
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
   *
   * @throws NoActiveChannelException when the table now in force leaves the payment no channel that
   *     takes new payments; nothing was recorded
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
      // STALE: decide again on the table now in force, off any channel that takes no new payments
      ActiveRoute again =
          RoutingDecisions.avoidingInactive(
              claim.inForce(),
              Router.decide(claim.inForce(), c.userId()),
              channel -> !claim.notActive().contains(channel));
      if (again instanceof ActiveRoute.NoActiveChannel none) {
        throw new NoActiveChannelException(none.detail());
      }
      moved = ((ActiveRoute.Routed) again).route();
      c = c.withRoute(moved.channel(), moved.tableVersion());
    }
    throw new IllegalStateException(
        "the routing table kept changing while payment "
            + c.orderId()
            + " was being recorded; retried");
  }

  /** No channel of the table in force takes new payments: the payment cannot be created. */
  static final class NoActiveChannelException extends RuntimeException {
    NoActiveChannelException(String detail) {
      super(detail);
    }
  }
}
