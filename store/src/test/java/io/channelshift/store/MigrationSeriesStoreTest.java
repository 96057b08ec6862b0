package io.channelshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.migration.ChannelSample;
import io.channelshift.migration.Gate;
import io.channelshift.migration.GateRule;
import io.channelshift.migration.GateVerdict;
import io.channelshift.migration.GateVerdict.Verdict;
import io.channelshift.migration.Gates;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A migration's gates and weight over time: written once per evaluation whatever the retries, read
 * bounded, the weight taken from the scope's tables within the migration's lifetime only.
 */
class MigrationSeriesStoreTest {

  private final DataSource db = TestDatabase.get();
  private final MigrationSeriesStore series = new MigrationSeriesStore(db);
  private final MigrationStore migrations = new MigrationStore(db);
  private final RoutingStore routing = new RoutingStore(db);
  private final String scope = "scope-" + UUID.randomUUID();
  private final String id = "m-" + UUID.randomUUID();

  @Test
  void theRunningMigrationsGatesAreItsPlansWithDefaultsForTheRest() {
    migrations.register(
        id,
        scope,
        "legacy",
        "nova",
        "{\"gates\":{\"createSuccessRate\":{\"limit\":0.9,\"maxDifference\":0.05,\"minSamples\":3}}}",
        "alice");

    MigrationSeriesStore.RunningGates running = series.runningGates(scope).orElseThrow();

    assertThat(running.migrationId()).isEqualTo(id);
    assertThat(running.gates().createSuccessRate()).isEqualTo(new GateRule(0.9, 0.05, 3));
    assertThat(running.gates().callbackDelayP95Ms()).isEqualTo(Gates.DEFAULTS.callbackDelayP95Ms());
    migrations.finish(id, "COMPLETED: done");
    assertThat(series.runningGates(scope)).isEmpty();
  }

  @Test
  void anEvaluationRecordedTwice_aRetriedActivity_isOnePoint() {
    series.append(id, 1_000, List.of(verdict(0.5, Verdict.FAIL)));
    series.append(id, 1_000, List.of(verdict(0.99, Verdict.PASS)));
    series.append(id, 2_000, List.of(verdict(0.97, Verdict.PASS)));

    List<MigrationSeriesStore.GateSeries> gates = series.gates(id, 0, 100);

    assertThat(gates).hasSize(1);
    assertThat(gates.get(0).limit()).isEqualTo(0.98);
    assertThat(gates.get(0).unit()).isEqualTo("ratio");
    assertThat(gates.get(0).points())
        .extracting(MigrationSeriesStore.GatePoint::atMs, MigrationSeriesStore.GatePoint::verdict)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1_000L, Verdict.FAIL),
            org.assertj.core.groups.Tuple.tuple(2_000L, Verdict.PASS));
  }

  @Test
  void readsAreBoundedToTheNewestPointsSinceTheGivenTime() {
    for (int i = 1; i <= 10; i++) {
      series.append(id, i * 1_000L, List.of(verdict(0.99, Verdict.PASS)));
    }

    assertThat(series.gates(id, 0, 3).get(0).points())
        .extracting(MigrationSeriesStore.GatePoint::atMs)
        .containsExactly(8_000L, 9_000L, 10_000L);
    assertThat(series.gates(id, 9_500, 100).get(0).points())
        .extracting(MigrationSeriesStore.GatePoint::atMs)
        .containsExactly(10_000L);
    assertThat(series.gates("m-unknown-" + UUID.randomUUID(), 0, 100)).isEmpty();
  }

  @Test
  void theWeightIsTheNewChannelsShareInTheTablesOfTheMigrationsLifetime() throws Exception {
    routing.write(scope, Map.of("legacy", 10_000), null, "bootstrap", "first");
    migrations.register(id, scope, "legacy", "nova", "{}", "alice");
    long first =
        routing
            .write(scope, Map.of("legacy", 9_000, "nova", 1_000), "nova", "migration", "step 1")
            .version();
    routing.write(scope, Map.of("legacy", 5_000, "nova", 5_000), "nova", "migration", "step 2");
    routing.write(scope, Map.of("legacy", 10_000), null, "migration", "rolled back");
    migrations.finish(id, "ROLLED_BACK: gates");
    Thread.sleep(5);
    routing.write(scope, Map.of("nova", 10_000), null, "someone", "later, not this migration's");

    List<MigrationSeriesStore.WeightPoint> weights = series.weights(id, 0, 100);

    assertThat(weights)
        .extracting(MigrationSeriesStore.WeightPoint::weightBps)
        .containsExactly(0, 1_000, 5_000, 0);
    assertThat(weights.get(1).routingVersion()).isEqualTo(first);
    assertThat(weights.get(0).atMs()).isLessThanOrEqualTo(weights.get(1).atMs());
    assertThat(series.weights(id, 0, 2))
        .extracting(MigrationSeriesStore.WeightPoint::weightBps)
        .containsExactly(5_000, 0);
    assertThat(series.weights("m-unknown-" + UUID.randomUUID(), 0, 100)).isEmpty();
  }

  private static GateVerdict verdict(double value, Verdict verdict) {
    return new GateVerdict(
        Gate.CREATE_SUCCESS_RATE,
        verdict,
        new ChannelSample(value, 20),
        new ChannelSample(1.0, 20),
        Gates.DEFAULTS.createSuccessRate(),
        "why");
  }
}
