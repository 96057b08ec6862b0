package io.channelshift.starter;

import io.channelshift.payment.RouteDecision;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.routing.Router;
import io.channelshift.routing.RoutingTable;
import io.channelshift.store.RoutingStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import io.channelshift.starter.api.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Decides a new payment's channel from the routing table in force. Tables are cached; the cache is dropped
 * when a new table version appears in the store, which is checked at most once per {@link #RECHECK}.
 */
@Service
public class PaymentRouting {

  static final Duration RECHECK = Duration.ofSeconds(1);

  private final RoutingStore store;
  private final ProviderRegistry providers;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, Optional<RoutingTable>> cache = new ConcurrentHashMap<>();
  private volatile long cachedVersionCount = -1;
  private volatile long checkedAt;

  PaymentRouting(RoutingStore store, ProviderRegistry providers) {
    this.store = store;
    this.providers = providers;
  }

  public RouteDecision decide(String userId, String productType) {
    refreshIfStale();
    RoutingTable table = cache.computeIfAbsent(productType, store::current)
        .or(() -> cache.computeIfAbsent(RoutingTable.ALL, store::current))
        .orElseThrow(() -> noRoute("no routing table in force"));
    RouteDecision decision = Router.decide(table, userId, null);
    if (providers.find(decision.channel()).isEmpty()) {
      throw noRoute("routing table v" + table.version() + " sends this user to channel "
          + decision.channel() + ", which is not configured or is disabled");
    }
    return decision;
  }

  private void refreshIfStale() {
    long now = clock.millis();
    if (now - checkedAt < RECHECK.toMillis()) {
      return;
    }
    checkedAt = now;
    long versions = store.versionCount();
    if (versions != cachedVersionCount) {
      cache.clear();
      cachedVersionCount = versions;
    }
  }

  private static ApiProblem noRoute(String detail) {
    return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "No channel available", detail);
  }
}
