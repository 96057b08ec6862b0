package io.channelshift.activities.migration;

import io.channelshift.activities.fulfilment.WebhookSender;
import io.channelshift.activities.robots.RobotAlerts;
import io.channelshift.activities.robots.RobotTexts;
import io.channelshift.migration.GateJudge;
import io.channelshift.migration.GateMeasurement;
import io.channelshift.migration.MeasureRequest;
import io.channelshift.migration.MigrationActivities;
import io.channelshift.migration.MigrationEvent;
import io.channelshift.migration.WeightChange;
import io.channelshift.routing.RoutingTable;
import io.channelshift.store.GateStore;
import io.channelshift.store.MigrationSeriesStore;
import io.channelshift.store.MigrationStore;
import io.channelshift.store.RoutingStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration workflow's activities: the routing table, the gate measurements, notifications, the
 * end.
 */
public class MigrationActivitiesImpl implements MigrationActivities {

  private static final Logger log = LoggerFactory.getLogger(MigrationActivitiesImpl.class);

  private final RoutingStore routing;
  private final GateStore gates;
  private final MigrationStore migrations;
  private final MigrationSeriesStore series;
  private final WebhookSender webhooks;
  private final RobotAlerts robots;

  /** Without chat robots. */
  public MigrationActivitiesImpl(
      RoutingStore routing,
      GateStore gates,
      MigrationStore migrations,
      MigrationSeriesStore series,
      WebhookSender webhooks) {
    this(routing, gates, migrations, series, webhooks, RobotAlerts.none(new SimpleMeterRegistry()));
  }

  public MigrationActivitiesImpl(
      RoutingStore routing,
      GateStore gates,
      MigrationStore migrations,
      MigrationSeriesStore series,
      WebhookSender webhooks,
      RobotAlerts robots) {
    this.routing = routing;
    this.gates = gates;
    this.migrations = migrations;
    this.series = series;
    this.webhooks = webhooks;
    this.robots = robots;
  }

  /**
   * Idempotent: when the table in force already has these weights and backups, its version is the
   * answer (a retry). The scope's backups are kept, with the channel being migrated from put first
   * while it still has a place to fall back to: during the ramp and after completion (so the old
   * channel remains the scope's first backup, issue 17) unless the plan said not to keep it ({@code
   * keepOldChannelAsBackup}, which only the completed table obeys: during the ramp and the bake the
   * old channel carries traffic or may take it back), not after a rollback, which leaves the
   * backups as they were before the migration.
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
    List<String> backups = backups(c, current.map(RoutingTable::backups).orElse(List.of()));
    if (current.isPresent()
        && current.get().weightsBps().equals(weights)
        && Objects.equals(current.get().ramping(), ramping)
        && current.get().backups().equals(backups)) {
      return current.get().version();
    }
    return routing
        .write(
            c.scope(),
            weights,
            ramping,
            backups,
            "migration " + c.migrationId() + " (" + c.by() + ")",
            c.reason())
        .version();
  }

  /**
   * The old channel first while it has a place (see above); the rest as they were. The new channel
   * keeps its place in the list until the migration completes (it then carries everything and
   * backing itself up means nothing), so that a rollback gives back a list that named it.
   */
  private static List<String> backups(WeightChange c, List<String> before) {
    List<String> backups = new ArrayList<>();
    boolean completed = c.weightBps() == RoutingTable.FULL && !c.ramping();
    if (c.weightBps() > 0 && !(completed && !c.keepFromChannelAsBackup())) {
      backups.add(c.fromChannel());
    }
    before.stream()
        .filter(channel -> !channel.equals(c.fromChannel()))
        .filter(channel -> !(completed && channel.equals(c.toChannel())))
        .forEach(backups::add);
    return backups;
  }

  /**
   * Measures, and records the evaluation for the console's charts: judged here by the same {@link
   * GateJudge} and the same plan rules the workflow judges by (the workflow keeps only the last
   * verdicts), once per window end (a retried activity writes nothing more). The record is a
   * picture, never part of the decision: should it fail, the measurement still goes to the
   * workflow.
   */
  @Override
  public GateMeasurement measure(MeasureRequest request) {
    GateMeasurement m = gates.measure(request);
    try {
      series
          .runningGates(request.scope())
          .ifPresent(
              running ->
                  series.append(
                      running.migrationId(),
                      request.windowEndMs(),
                      GateJudge.judge(running.gates(), m)));
    } catch (RuntimeException e) {
      log.warn(
          "the gate evaluation of scope {} at {} is not recorded for the charts: {}",
          request.scope(),
          request.windowEndMs(),
          e.toString());
    }
    return m;
  }

  /**
   * The chat robots first, without waiting for them (RobotAlerts says why), then the platform's
   * webhook, which throws until it is acknowledged so that the activity retries it.
   */
  @Override
  public void announce(MigrationEvent e) {
    String type = "migration." + e.type().toLowerCase(Locale.ROOT);
    if (robots.anyWants(type)) {
      robots.post(RobotTexts.migration(e, stored(e.migrationId())));
    }
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventId", e.eventId());
    event.put("type", type);
    event.put("migrationId", e.migrationId());
    event.put("phase", e.phase().name());
    event.put("step", e.step() + 1);
    event.put("weightBps", e.weightBps());
    event.put("by", e.by());
    event.put("detail", e.detail());
    webhooks.send(e.eventId(), event);
  }

  /** The migration's scope and channels for the robots; none when the store cannot say now. */
  private Optional<MigrationStore.StoredMigration> stored(String migrationId) {
    try {
      return migrations.find(migrationId);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public void finish(MigrationEvent e) {
    migrations.finish(e.migrationId(), e.phase().name() + ": " + e.detail());
  }
}
