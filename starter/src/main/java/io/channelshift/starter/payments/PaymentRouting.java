package io.channelshift.starter.payments;

import io.channelshift.payment.RouteDecision;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.store.ActiveRoute;
import io.channelshift.store.RoutingCache;
import io.channelshift.store.RoutingDecisions;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The starter's side of the routing flow ({@link RoutingDecisions}: decide, then confirm at
 * create): decides a new payment's channel from the routing table in force, held in memory by the
 * {@link RoutingCache} (no database round trip per payment), moves the payment off a channel that
 * takes no new payments (DRAINING or RETIRED) to the table's first ACTIVE backup, and refuses (503)
 * when there is none or the channel is one this starter cannot serve. The worker confirms the
 * decision atomically with recording the payment, so a table that changed in between never lets a
 * payment through on the old one.
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
    ActiveRoute route =
        RoutingDecisions.decideOnActive(tables, productType, userId)
            .orElseThrow(() -> noRoute("no routing table in force"));
    if (route instanceof ActiveRoute.NoActiveChannel none) {
      throw noRoute(none.detail());
    }
    RouteDecision decision = ((ActiveRoute.Routed) route).route();
    if (providers.find(decision.channel()).isEmpty()) {
      throw noRoute(
          "routing table v"
              + decision.tableVersion()
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
