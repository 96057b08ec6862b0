package io.channelshift.activities.health;

import io.channelshift.activities.fulfilment.WebhookSender;
import io.channelshift.activities.robots.RobotAlerts;
import io.channelshift.activities.robots.RobotTexts;
import io.channelshift.health.ChannelHealthActivities;
import io.channelshift.health.HealthEvent;
import io.channelshift.health.HealthMeasureRequest;
import io.channelshift.health.HealthSettings;
import io.channelshift.health.Reroute;
import io.channelshift.health.RerouteResult;
import io.channelshift.health.ScopeMeasurement;
import io.channelshift.health.ScopeView;
import io.channelshift.migration.ChannelSample;
import io.channelshift.migration.Gate;
import io.channelshift.migration.MeasureRequest;
import io.channelshift.store.GateStore;
import io.channelshift.store.MigrationStore;
import io.channelshift.store.RoutingStore;
import io.channelshift.store.ScopeFailoverStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The scope health workflow's activities: the scope's table and settings, its channels measured on
 * the migration gates' store queries ({@link GateStore#measure}, the same windows), the failover
 * and failback writes ({@link ScopeFailoverStore}, which enforces who owns the table), the
 * webhooks.
 */
public class ChannelHealthActivitiesImpl implements ChannelHealthActivities {

  private final RoutingStore routing;
  private final GateStore gates;
  private final MigrationStore migrations;
  private final ScopeFailoverStore failovers;
  private final WebhookSender webhooks;
  private final Supplier<HealthSettings> settings;
  private final RobotAlerts robots;

  /** Without chat robots. */
  public ChannelHealthActivitiesImpl(
      RoutingStore routing,
      GateStore gates,
      MigrationStore migrations,
      ScopeFailoverStore failovers,
      WebhookSender webhooks,
      Supplier<HealthSettings> settings) {
    this(
        routing,
        gates,
        migrations,
        failovers,
        webhooks,
        settings,
        RobotAlerts.none(new SimpleMeterRegistry()));
  }

  public ChannelHealthActivitiesImpl(
      RoutingStore routing,
      GateStore gates,
      MigrationStore migrations,
      ScopeFailoverStore failovers,
      WebhookSender webhooks,
      Supplier<HealthSettings> settings,
      RobotAlerts robots) {
    this.robots = robots;
    this.routing = routing;
    this.gates = gates;
    this.migrations = migrations;
    this.failovers = failovers;
    this.webhooks = webhooks;
    this.settings = settings;
  }

  @Override
  public ScopeView look(String scope) {
    return new ScopeView(
        routing.current(scope).orElse(null),
        migrations.running(scope).map(MigrationStore.StoredMigration::migrationId).orElse(null),
        settings.get());
  }

  /**
   * Each channel measured against another of the scope (the store measures pairs): the gates'
   * queries, windows and indexes, unchanged.
   */
  @Override
  public ScopeMeasurement measure(HealthMeasureRequest r) {
    Map<String, Map<Gate, ChannelSample>> byChannel = new LinkedHashMap<>();
    for (String channel : r.channels()) {
      String other =
          r.channels().stream().filter(c -> !c.equals(channel)).findFirst().orElseThrow();
      byChannel.put(
          channel,
          gates
              .measure(
                  new MeasureRequest(
                      r.scope(),
                      other,
                      channel,
                      r.windowStartMs(),
                      r.windowEndMs(),
                      r.windowStartMs()))
              .newChannel());
    }
    return new ScopeMeasurement(r.windowStartMs(), r.windowEndMs(), byChannel);
  }

  @Override
  public RerouteResult reroute(Reroute reroute) {
    return failovers.reroute(reroute);
  }

  /**
   * The chat robots first, without waiting for them (RobotAlerts says why), then the platform's
   * webhook, retried by the activity until it is acknowledged.
   */
  @Override
  public void announce(HealthEvent e) {
    if (robots.anyWants("channel." + e.type())) {
      robots.post(RobotTexts.health(e));
    }
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventId", e.eventId());
    event.put("type", "channel." + e.type());
    event.put("scope", e.scope());
    event.put("from", e.from());
    event.put("to", e.to());
    event.put("routingVersion", e.routingVersion());
    event.put("by", e.by());
    event.put("reason", e.reason());
    webhooks.send(e.eventId(), event);
  }
}
