package io.channelshift.starter.payments;

import io.channelshift.payment.RouteDecision;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.routing.Router;
import io.channelshift.routing.RoutingTable;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.store.RoutingCache;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Decides a new payment's channel from the routing table in force, held in memory by the {@link
 * RoutingCache} (no database round trip per payment). The worker checks the decision again,
 * atomically with recording the payment, so a table that changed in between never lets a payment
 * through on the old one.
 */
@Service
class PaymentRouting {

  private final RoutingCache tables;
  private final ProviderRegistry providers;

  PaymentRouting(RoutingCache tables, ProviderRegistry providers) {
    this.tables = tables;
    this.providers = providers;
  }

  public RouteDecision decide(String userId, String productType) {
    RoutingTable table =
        tables.inForce(productType).orElseThrow(() -> noRoute("no routing table in force"));
    RouteDecision decision = Router.decide(table, userId);
    if (providers.find(decision.channel()).isEmpty()) {
      throw noRoute(
          "routing table v"
              + table.version()
              + " sends this user to channel "
              + decision.channel()
              + ", which is not configured or is disabled");
    }
    return decision;
  }

  private static ApiProblem noRoute(String detail) {
    return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "No channel available", detail);
  }
}
