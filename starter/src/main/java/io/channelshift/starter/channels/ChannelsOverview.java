package io.channelshift.starter.channels;

import io.channelshift.channel.ChannelState;
import io.channelshift.channel.ChannelStatus;
import io.channelshift.channel.OpenPayments;
import io.channelshift.config.PaymentProperties;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.routing.RoutingTable;
import io.channelshift.store.ChannelLifecycleStore;
import io.channelshift.store.RoutingStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Service;

/**
 * {@code GET /api/channels}: every configured channel with its lifecycle state, its share of
 * traffic in each scope's table in force, and what it still holds. Read from the database on each
 * call (an operator's page, not a payment's path).
 */
@Service
class ChannelsOverview {

  /**
   * One channel.
   *
   * @param takesNewPayments ACTIVE and not disabled in configuration
   * @param disabledInConfiguration {@code channelshift.channels.<name>.enabled=false}: no new
   *     payments whatever the state
   * @param traffic the scopes whose table in force names it, with its weight and backup position
   * @param open payments not ended, and ended ones still in their after-sales window
   * @param health left to the per-scope health feature (issue 17, section 4), which fills it; null
   *     here, never a made-up value
   */
  record ChannelOverview(
      String channel,
      ChannelStatus status,
      boolean takesNewPayments,
      boolean disabledInConfiguration,
      List<ScopeShare> traffic,
      OpenPayments open,
      Object health) {}

  /**
   * @param backupPosition 1 for the scope's first backup, null when it is not a backup there
   */
  record ScopeShare(String scope, long tableVersion, int weightBps, Integer backupPosition) {}

  private final ProviderRegistry providers;
  private final ChannelLifecycleStore lifecycle;
  private final RoutingStore routing;
  private final PaymentProperties payment;

  ChannelsOverview(
      ProviderRegistry providers,
      ChannelLifecycleStore lifecycle,
      RoutingStore routing,
      PaymentProperties payment) {
    this.providers = providers;
    this.lifecycle = lifecycle;
    this.routing = routing;
    this.payment = payment;
  }

  List<ChannelOverview> all() {
    Map<String, ChannelStatus> changed = lifecycle.changed();
    List<RoutingTable> tables = routing.allCurrent();
    List<ChannelOverview> all = new ArrayList<>();
    for (String channel : new TreeSet<>(providers.channels())) {
      ChannelStatus status = changed.getOrDefault(channel, ChannelStatus.untouched(channel));
      boolean disabled = routing.disabledByConfiguration().contains(channel);
      all.add(
          new ChannelOverview(
              channel,
              status,
              status.state() == ChannelState.ACTIVE && !disabled,
              disabled,
              shares(channel, tables),
              lifecycle.open(channel, payment.afterSalesWindow()),
              null));
    }
    return all;
  }

  private static List<ScopeShare> shares(String channel, List<RoutingTable> tables) {
    List<ScopeShare> shares = new ArrayList<>();
    for (RoutingTable t : tables) {
      int backup = t.backups().indexOf(channel);
      if (t.weightOf(channel) > 0 || backup >= 0) {
        shares.add(
            new ScopeShare(
                t.scope(), t.version(), t.weightOf(channel), backup >= 0 ? backup + 1 : null));
      }
    }
    return shares;
  }
}
