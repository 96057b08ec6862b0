package io.channelshift.starter.channels;

import io.channelshift.provider.ProviderRegistry;
import io.channelshift.routing.RoutingTable;
import io.channelshift.store.RoutingCache;
import io.channelshift.store.RoutingStore;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/routes}: the routing table in force for every scope, and whether this starter
 * follows it.
 */
@RestController
class RoutesController {

  private final RoutingStore store;
  private final RoutingCache cache;
  private final ProviderRegistry providers;

  RoutesController(RoutingStore store, RoutingCache cache, ProviderRegistry providers) {
    this.store = store;
    this.cache = cache;
    this.providers = providers;
  }

  /**
   * @param cachedVersion the newest version this starter routes by; equal to the newest table's
   *     once the notification arrived
   * @param listening false while the cache's database connection is down (routing then reads the
   *     database)
   * @param channels the configured, enabled channels: the only ones routing may choose
   */
  record Routes(
      long cachedVersion, boolean listening, List<String> channels, List<RoutingTable> tables) {}

  @GetMapping("/api/routes")
  Routes routes() {
    return new Routes(
        cache.version(),
        cache.listening(),
        providers.channels().stream().filter(c -> !providers.disabled(c)).toList(),
        store.allCurrent());
  }
}
