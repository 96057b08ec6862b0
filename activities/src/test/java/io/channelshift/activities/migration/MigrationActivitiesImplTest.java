package io.channelshift.activities.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.activities.fulfilment.WebhookSender;
import io.channelshift.activities.fulfilment.WebhookSettings;
import io.channelshift.migration.Gate;
import io.channelshift.migration.MeasureRequest;
import io.channelshift.migration.WeightChange;
import io.channelshift.routing.RoutingTable;
import io.channelshift.store.GateStore;
import io.channelshift.store.MigrationSeriesStore;
import io.channelshift.store.MigrationStore;
import io.channelshift.store.RoutingStore;
import io.channelshift.store.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Applying a weight writes the routing table a migration needs, once even when the activity is
 * retried.
 */
class MigrationActivitiesImplTest {

  private final RoutingStore routing = new RoutingStore(TestDatabase.get());
  private final MigrationActivitiesImpl activities =
      new MigrationActivitiesImpl(
          routing,
          new GateStore(TestDatabase.get()),
          new MigrationStore(TestDatabase.get()),
          new MigrationSeriesStore(TestDatabase.get()),
          new WebhookSender(
              new WebhookSettings(
                  "http://127.0.0.1:9/unused", "a-test-secret-of-16+chars", Duration.ofSeconds(1)),
              Clock.systemUTC(),
              new SimpleMeterRegistry()));
  private final String scope = "scope-" + UUID.randomUUID();

  @Test
  void aStepWritesBothChannelsWithTheNewOneRamping_andARetryWritesNothingMore() {
    long version = activities.applyWeight(change(2500, true));
    long again = activities.applyWeight(change(2500, true));

    assertThat(again).isEqualTo(version);
    assertThat(routing.current(scope))
        .contains(
            new RoutingTable(
                scope, version, Map.of("legacy", 7500, "nova", 2500), "nova", List.of("legacy")));
  }

  @Test
  void aCompletedMigrationKeepsTheOldChannelAsTheScopesFirstBackup_beforeTheBackupsItHad() {
    routing.write(
        scope, Map.of("legacy", 10_000), null, List.of("nova", "spare"), "test", "backups");
    activities.applyWeight(change(5000, true));

    long version = activities.applyWeight(change(10_000, false));

    assertThat(routing.current(scope).orElseThrow().backups()).containsExactly("legacy", "spare");
    assertThat(routing.current(scope).orElseThrow().version()).isEqualTo(version);
  }

  @Test
  void aPlanThatDoesNotKeepTheOldChannel_completesWithoutIt_butKeepsItDuringTheRampAndBake() {
    routing.write(scope, Map.of("legacy", 10_000), null, List.of("spare"), "test", "backups");

    activities.applyWeight(dropping(change(5000, true)));
    assertThat(routing.current(scope).orElseThrow().backups()).containsExactly("legacy", "spare");
    activities.applyWeight(dropping(change(10_000, true))); // at 100%, baking: may still roll back
    assertThat(routing.current(scope).orElseThrow().backups()).containsExactly("legacy", "spare");

    long version = activities.applyWeight(dropping(change(10_000, false)));
    long retried = activities.applyWeight(dropping(change(10_000, false)));

    assertThat(retried).isEqualTo(version);
    assertThat(routing.current(scope))
        .contains(new RoutingTable(scope, version, Map.of("nova", 10_000), null, List.of("spare")));
  }

  @Test
  void aRollbackLeavesTheBackupsAsTheyWereBeforeTheMigration() {
    routing.write(scope, Map.of("legacy", 10_000), null, List.of("spare"), "test", "backups");
    activities.applyWeight(change(5000, true));
    assertThat(routing.current(scope).orElseThrow().backups()).containsExactly("legacy", "spare");

    activities.applyWeight(change(0, false));

    assertThat(routing.current(scope).orElseThrow().backups()).containsExactly("spare");
  }

  @Test
  void aRollbackGivesBackAListThatNamedTheNewChannel_whichKeepsItsPlaceDuringTheRamp() {
    routing.write(scope, Map.of("legacy", 10_000), null, List.of("nova", "spare"), "t", "backups");

    activities.applyWeight(change(5000, true));
    assertThat(routing.current(scope).orElseThrow().backups())
        .containsExactly("legacy", "nova", "spare");
    activities.applyWeight(change(10_000, true));
    activities.applyWeight(change(0, false));

    assertThat(routing.current(scope).orElseThrow().backups()).containsExactly("nova", "spare");
  }

  @Test
  void aRollbackPutsEverythingOnTheOldChannel() {
    activities.applyWeight(change(5000, true));

    long version = activities.applyWeight(change(0, false));

    assertThat(routing.current(scope))
        .contains(new RoutingTable(scope, version, Map.of("legacy", 10_000), null));
  }

  @Test
  void aMeasurementIsRecordedForTheChartsJudgedByThePlansRules_onceEvenWhenRetried() {
    String migrationId = "m-" + UUID.randomUUID();
    // a floor no create rate reaches: the recorded verdict must be judged by this plan, not the
    // defaults
    new MigrationStore(TestDatabase.get())
        .register(
            migrationId,
            scope,
            "legacy",
            "nova",
            "{\"gates\":{\"createSuccessRate\":{\"limit\":2.0,\"maxDifference\":0.01,\"minSamples\":0}}}",
            "alice");
    MeasureRequest request = new MeasureRequest(scope, "legacy", "nova", 1_000, 61_000, 1_000);

    activities.measure(request);
    activities.measure(request); // the local activity retried

    List<MigrationSeriesStore.GateSeries> series =
        new MigrationSeriesStore(TestDatabase.get()).gates(migrationId, 0, 100);
    assertThat(series).hasSize(Gate.values().length);
    assertThat(series).allSatisfy(g -> assertThat(g.points()).hasSize(1));
    MigrationSeriesStore.GateSeries creates =
        series.stream().filter(g -> g.gate() == Gate.CREATE_SUCCESS_RATE).findFirst().orElseThrow();
    assertThat(creates.limit()).isEqualTo(2.0);
    assertThat(creates.points().get(0).atMs()).isEqualTo(61_000);
  }

  @Test
  void aMeasurementWithNoMigrationRunningOnTheScopeRecordsNothingAndStillAnswers() {
    MeasureRequest request = new MeasureRequest(scope, "legacy", "nova", 1_000, 61_000, 1_000);

    assertThat(activities.measure(request).windowEndMs()).isEqualTo(61_000);
  }

  private static WeightChange dropping(WeightChange c) {
    return new WeightChange(
        c.migrationId(),
        c.scope(),
        c.fromChannel(),
        c.toChannel(),
        c.weightBps(),
        c.ramping(),
        c.by(),
        c.reason(),
        false);
  }

  private WeightChange change(int weight, boolean ramping) {
    return new WeightChange("m1", scope, "legacy", "nova", weight, ramping, "test", "because");
  }
}
