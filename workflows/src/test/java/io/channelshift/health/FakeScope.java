package io.channelshift.health;

import io.channelshift.health.RerouteResult.Outcome;
import io.channelshift.migration.ChannelSample;
import io.channelshift.migration.Gate;
import io.channelshift.routing.RoutingTable;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scope's routing table, its channels' health and the platform's webhook, in memory, behaving as
 * the store does: a reroute is refused while a migration runs and when the table changed since.
 */
final class FakeScope implements ChannelHealthActivities {

  static final Duration INTERVAL = Duration.ofSeconds(30);

  volatile RoutingTable table;
  volatile String migrationId;

  /** A migration that registers just before the next reroute, after the workflow looked. */
  volatile String migrationStartingAtReroute;

  /** Someone else writes a table just before the next reroute, after the workflow looked. */
  volatile boolean tableChangesAtReroute;

  volatile HealthSettings settings = settings(false);
  final Set<String> failing = ConcurrentHashMap.newKeySet();
  final Set<String> silent = ConcurrentHashMap.newKeySet();
  final List<Reroute> written = new CopyOnWriteArrayList<>();
  final List<HealthEvent> events = new CopyOnWriteArrayList<>();

  FakeScope(String scope) {
    table = new RoutingTable(scope, 7, Map.of("legacy", 10_000), null, List.of("nova", "third"));
  }

  static HealthSettings settings(boolean approval) {
    return new HealthSettings(
        INTERVAL, INTERVAL.multipliedBy(3), 3, 100, Duration.ofMinutes(5), approval, null);
  }

  @Override
  public ScopeView look(String scope) {
    return new ScopeView(table, migrationId, settings);
  }

  @Override
  public ScopeMeasurement measure(HealthMeasureRequest r) {
    Map<String, Map<Gate, ChannelSample>> byChannel = new ConcurrentHashMap<>();
    for (String channel : r.channels()) {
      if (!silent.contains(channel)) {
        byChannel.put(channel, failing.contains(channel) ? degraded() : healthy());
      }
    }
    return new ScopeMeasurement(r.windowStartMs(), r.windowEndMs(), byChannel);
  }

  @Override
  public synchronized RerouteResult reroute(Reroute r) {
    if (migrationStartingAtReroute != null) {
      migrationId = migrationStartingAtReroute;
      migrationStartingAtReroute = null;
    }
    if (tableChangesAtReroute) {
      tableChangesAtReroute = false;
      table =
          new RoutingTable(
              table.scope(), table.version() + 1, table.weightsBps(), null, table.backups());
    }
    if (migrationId != null) {
      return new RerouteResult(
          Outcome.MIGRATION_RUNNING, table.version(), "migration " + migrationId + " owns it");
    }
    if (table.version() != r.expectedVersion()) {
      return new RerouteResult(Outcome.TABLE_CHANGED, table.version(), "changed");
    }
    table = new RoutingTable(r.scope(), table.version() + 1, r.weightsBps(), null, r.backups());
    written.add(r);
    return new RerouteResult(Outcome.WRITTEN, table.version(), null);
  }

  @Override
  public void announce(HealthEvent event) {
    events.add(event);
  }

  static Map<Gate, ChannelSample> healthy() {
    Map<Gate, ChannelSample> m = new EnumMap<>(Gate.class);
    m.put(Gate.CREATE_SUCCESS_RATE, new ChannelSample(0.999, 100));
    m.put(Gate.PAYMENT_SUCCESS_RATE, new ChannelSample(0.9, 100));
    m.put(Gate.CREATE_LATENCY_P95_MS, new ChannelSample(300.0, 100));
    m.put(Gate.CALLBACK_DELAY_P95_MS, new ChannelSample(2_000.0, 100));
    m.put(Gate.VERIFICATION_FAILURE_RATE, new ChannelSample(0.0, 100));
    return m;
  }

  static Map<Gate, ChannelSample> degraded() {
    Map<Gate, ChannelSample> m = healthy();
    m.put(Gate.CREATE_SUCCESS_RATE, new ChannelSample(0.2, 100));
    return m;
  }
}
