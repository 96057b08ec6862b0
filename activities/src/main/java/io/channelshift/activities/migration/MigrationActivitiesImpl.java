package io.channelshift.activities.migration;

import io.channelshift.activities.fulfilment.WebhookSender;
import io.channelshift.migration.GateMeasurement;
import io.channelshift.migration.MeasureRequest;
import io.channelshift.migration.MigrationActivities;
import io.channelshift.migration.MigrationEvent;
import io.channelshift.migration.WeightChange;
import io.channelshift.routing.RoutingTable;
import io.channelshift.store.GateStore;
import io.channelshift.store.MigrationStore;
import io.channelshift.store.RoutingStore;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The migration workflow's activities: the routing table, the gate measurements, notifications, the
 * end.
 */
public class MigrationActivitiesImpl implements MigrationActivities {

  private final RoutingStore routing;
  private final GateStore gates;
  private final MigrationStore migrations;
  private final WebhookSender webhooks;

  public MigrationActivitiesImpl(
      RoutingStore routing, GateStore gates, MigrationStore migrations, WebhookSender webhooks) {
    this.routing = routing;
    this.gates = gates;
    this.migrations = migrations;
    this.webhooks = webhooks;
  }

  /**
   * Idempotent: when the table in force already has these weights, its version is the answer (a
   * retry).
   */
  @Override
  public long applyWeight(WeightChange c) {
    Map<String, Integer> weights = new LinkedHashMap<>();
    if (c.weightBps() > 0) {
      weights.put(c.toChannel(), c.weightBps());
    }
    if (c.weightBps() < RoutingTable.FULL) {
      weights.put(c.fromChannel(), RoutingTable.FULL - c.weightBps());
    }
    String ramping = c.ramping() ? c.toChannel() : null;
    Optional<RoutingTable> current = routing.current(c.scope());
    if (current.isPresent()
        && current.get().weightsBps().equals(weights)
        && Objects.equals(current.get().ramping(), ramping)) {
      return current.get().version();
    }
    return routing
        .write(
            c.scope(),
            weights,
            ramping,
            "migration " + c.migrationId() + " (" + c.by() + ")",
            c.reason())
        .version();
  }

  @Override
  public GateMeasurement measure(MeasureRequest request) {
    return gates.measure(request);
  }

  @Override
  public void announce(MigrationEvent e) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventId", e.eventId());
    event.put("type", "migration." + e.type().toLowerCase(Locale.ROOT));
    event.put("migrationId", e.migrationId());
    event.put("phase", e.phase().name());
    event.put("step", e.step() + 1);
    event.put("weightBps", e.weightBps());
    event.put("by", e.by());
    event.put("detail", e.detail());
    webhooks.send(e.eventId(), event);
  }

  @Override
  public void finish(MigrationEvent e) {
    migrations.finish(e.migrationId(), e.phase().name() + ": " + e.detail());
  }
}
