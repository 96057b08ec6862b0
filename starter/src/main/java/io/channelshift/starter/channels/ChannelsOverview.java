package io.channelshift.starter.channels;

import io.channelshift.channel.ChannelState;
import io.channelshift.channel.ChannelStatus;
import io.channelshift.channel.OpenPayments;
import io.channelshift.config.PaymentProperties;
import io.channelshift.health.ChannelHealthStatus;
import io.channelshift.health.HealthMode;
import io.channelshift.migration.GateVerdict;
import io.channelshift.migration.GateVerdict.Verdict;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.routing.RoutingTable;
import io.channelshift.starter.web.ScopeHealthReads;
import io.channelshift.store.ChannelLifecycleStore;
import io.channelshift.store.RoutingStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
   * @param health per scope whose table names the channel, what that scope's health workflow last
   *     judged of it; a scope whose workflow has not judged it yet (or does not run) is left out
   */
  record ChannelOverview(
      String channel,
      ChannelStatus status,
      boolean takesNewPayments,
      boolean disabledInConfiguration,
      List<ScopeShare> traffic,
      OpenPayments open,
      List<ChannelHealth> health) {}

  /**
   * The channel's health in one scope, as the scope's health workflow ({@code channels-{scope}})
   * last judged it.
   *
   * @param mode the scope's mode (WATCHING, FAILED_OVER, ...)
   * @param verdict FAIL when any gate fails, else INCONCLUSIVE when any is, else PASS
   * @param failing the gates that failed, with their reasons
   * @param failedOverFrom true when the scope is failed over away from this channel
   * @param unread why the scope's health could not be read (its workflow did not answer in time: is
   *     a worker running?); null when it was, and then mode and verdict are set
   */
  record ChannelHealth(
      String scope,
      HealthMode mode,
      Verdict verdict,
      List<String> failing,
      boolean failedOverFrom,
      long evaluatedAtMs,
      String unread) {}

  /**
   * @param backupPosition 1 for the scope's first backup, null when it is not a backup there
   */
  record ScopeShare(String scope, long tableVersion, int weightBps, Integer backupPosition) {}

  private final ProviderRegistry providers;
  private final ChannelLifecycleStore lifecycle;
  private final RoutingStore routing;
  private final PaymentProperties payment;
  private final ScopeHealthReads healthReads;

  ChannelsOverview(
      ProviderRegistry providers,
      ChannelLifecycleStore lifecycle,
      RoutingStore routing,
      PaymentProperties payment,
      ScopeHealthReads healthReads) {
    this.providers = providers;
    this.lifecycle = lifecycle;
    this.routing = routing;
    this.payment = payment;
    this.healthReads = healthReads;
  }

  List<ChannelOverview> all() {
    Map<String, ChannelStatus> changed = lifecycle.changed();
    List<RoutingTable> tables = routing.allCurrent();
    Map<String, ScopeHealth> healthByScope = readHealth(tables);
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
              health(channel, healthByScope)));
    }
    return all;
  }

  /**
   * What a scope's health workflow answered, or why it did not. An operator opens this page in an
   * emergency, perhaps with the worker down: a health that cannot be read is shown as such, and the
   * rest of the page is answered, not a 503.
   */
  private record ScopeHealth(ChannelHealthStatus status, String unread) {}

  /**
   * Threads that wait on the health workflows' answers (the common pool has one thread on two
   * cores, which would ask the scopes one after the other).
   */
  private static final ExecutorService HEALTH_READERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "channels-overview-health");
            t.setDaemon(true);
            return t;
          });

  /** Every scope's health, asked in parallel: each waits at most the gateway's bounded wait. */
  private Map<String, ScopeHealth> readHealth(List<RoutingTable> tables) {
    Map<String, CompletableFuture<ScopeHealth>> asked = new TreeMap<>();
    for (RoutingTable t : tables) {
      asked.put(
          t.scope(),
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return healthReads
                      .status(t.scope())
                      .map(h -> new ScopeHealth(h, null))
                      .orElse(null);
                } catch (RuntimeException e) {
                  return new ScopeHealth(null, e.getMessage());
                }
              },
              HEALTH_READERS));
    }
    Map<String, ScopeHealth> read = new TreeMap<>();
    asked.forEach(
        (scope, answer) -> {
          ScopeHealth h = answer.join();
          if (h != null) {
            read.put(scope, h);
          }
        });
    return read;
  }

  private static List<ChannelHealth> health(String channel, Map<String, ScopeHealth> byScope) {
    List<ChannelHealth> health = new ArrayList<>();
    byScope.forEach(
        (scope, read) -> {
          if (read.unread() != null) {
            health.add(
                new ChannelHealth(
                    scope, null, null, List.of(), false, 0, "not read: " + read.unread()));
            return;
          }
          ChannelHealthStatus h = read.status();
          List<GateVerdict> verdicts = h.verdicts().get(channel);
          if (verdicts == null || verdicts.isEmpty()) {
            return;
          }
          List<String> failing =
              verdicts.stream()
                  .filter(v -> v.verdict() == Verdict.FAIL)
                  .map(v -> v.gate() + ": " + v.reason())
                  .toList();
          Verdict overall =
              !failing.isEmpty()
                  ? Verdict.FAIL
                  : verdicts.stream().anyMatch(v -> v.verdict() == Verdict.INCONCLUSIVE)
                      ? Verdict.INCONCLUSIVE
                      : Verdict.PASS;
          health.add(
              new ChannelHealth(
                  scope,
                  h.mode(),
                  overall,
                  failing,
                  h.failover() != null && channel.equals(h.failover().from()),
                  h.lastEvaluatedAtMs(),
                  null));
        });
    return health;
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
