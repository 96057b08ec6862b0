package io.channelshift.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.health.ChannelHealthStatus;
import io.channelshift.health.HealthMode;
import io.channelshift.migration.ChannelSample;
import io.channelshift.migration.Gate;
import io.channelshift.migration.GateRule;
import io.channelshift.migration.GateVerdict;
import io.channelshift.migration.MigrationPhase;
import io.channelshift.migration.MigrationStatus;
import io.channelshift.store.OpsReadings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How statuses and store counts become series: names, labels, units, one-hot. */
class OpsSamplesTest {

  static MigrationStatus waitingAtHalf(List<GateVerdict> verdicts) {
    return MigrationStatus.builder()
        .migrationId("m-1")
        .scope("topup")
        .phase(MigrationPhase.WAITING_APPROVAL)
        .step(1)
        .weightBps(5_000)
        .consecutiveFailures(2)
        .stepStartedAtMs(10_000)
        .lastVerdicts(verdicts)
        .build();
  }

  static GateVerdict latencyFailing() {
    return new GateVerdict(
        Gate.CREATE_LATENCY_P95_MS,
        GateVerdict.Verdict.FAIL,
        new ChannelSample(2500.0, 40),
        new ChannelSample(300.0, 400),
        new GateRule(2000, 1000, 5),
        "p95 over the limit");
  }

  @Test
  void aMigrationsPhaseIsOneHot_itsWeightARatio_andItsTimeInStepInSeconds() {
    List<Sample> samples = MigrationSamples.of("m-1", "topup", waitingAtHalf(List.of()), 25_500);

    assertThat(
            samples.stream()
                .filter(s -> s.name().equals(MigrationSamples.PHASE))
                .filter(s -> s.value() == 1)
                .map(s -> s.labels().get("phase")))
        .containsExactly("WAITING_APPROVAL");
    assertThat(samples.stream().filter(s -> s.name().equals(MigrationSamples.PHASE)))
        .hasSize(MigrationPhase.values().length);
    assertThat(value(samples, MigrationSamples.WEIGHT, Map.of())).isEqualTo(0.5);
    assertThat(value(samples, MigrationSamples.STEP, Map.of())).isEqualTo(1);
    assertThat(value(samples, MigrationSamples.FAILURES, Map.of())).isEqualTo(2);
    assertThat(value(samples, MigrationSamples.TIME_IN_STEP, Map.of())).isEqualTo(15.5);
    assertThat(samples)
        .allSatisfy(
            s ->
                assertThat(s.labels())
                    .containsEntry("migration_id", "m-1")
                    .containsEntry("scope", "topup"));
  }

  @Test
  void aLatencyGateIsPublishedInSeconds_perChannelRole_withItsLimitAndVerdict() {
    List<Sample> samples =
        MigrationSamples.of("m-1", "topup", waitingAtHalf(List.of(latencyFailing())), 20_000);
    Map<String, String> gate = Map.of("gate", "create_latency_p95_seconds");

    assertThat(value(samples, MigrationSamples.GATE_VALUE, with(gate, "channel_role", "new")))
        .isEqualTo(2.5);
    assertThat(value(samples, MigrationSamples.GATE_VALUE, with(gate, "channel_role", "old")))
        .isEqualTo(0.3);
    assertThat(value(samples, MigrationSamples.GATE_SAMPLES, with(gate, "channel_role", "new")))
        .isEqualTo(40);
    assertThat(value(samples, MigrationSamples.GATE_LIMIT, gate)).isEqualTo(2.0);
    assertThat(value(samples, MigrationSamples.GATE_VERDICT, with(gate, "verdict", "FAIL")))
        .isEqualTo(1);
    assertThat(value(samples, MigrationSamples.GATE_VERDICT, with(gate, "verdict", "PASS")))
        .isZero();
  }

  @Test
  void aRateStaysInZeroToOne_andAChannelWithNoSamplesHasNoValueRatherThanZero() {
    GateVerdict noSamplesOnNew =
        new GateVerdict(
            Gate.PAYMENT_SUCCESS_RATE,
            GateVerdict.Verdict.INCONCLUSIVE,
            new ChannelSample(null, 0),
            new ChannelSample(0.93, 100),
            new GateRule(0.6, 0.2, 5),
            "not enough samples");
    List<Sample> samples =
        MigrationSamples.of("m-1", "topup", waitingAtHalf(List.of(noSamplesOnNew)), 20_000);
    Map<String, String> gate = Map.of("gate", "payment_success_rate");

    assertThat(find(samples, MigrationSamples.GATE_VALUE, with(gate, "channel_role", "new")))
        .isEmpty();
    assertThat(value(samples, MigrationSamples.GATE_SAMPLES, with(gate, "channel_role", "new")))
        .isZero();
    assertThat(value(samples, MigrationSamples.GATE_VALUE, with(gate, "channel_role", "old")))
        .isEqualTo(0.93);
    assertThat(value(samples, MigrationSamples.GATE_LIMIT, gate)).isEqualTo(0.6);
  }

  @Test
  void everyGateHasALabelInSnakeCaseWithItsUnit() {
    assertThat(List.of(Gate.values()).stream().map(MigrationSamples::gateLabel))
        .containsExactly(
            "create_success_rate",
            "payment_success_rate",
            "create_latency_p95_seconds",
            "callback_delay_p95_seconds",
            "verification_failure_rate");
  }

  @Test
  void aChannelsStateIsOneHot_anUnrecordedChannelIsActive() {
    List<Sample> samples =
        ChannelSamples.states(
            Set.of("legacy", "nova"), Map.of("nova", "DRAINING", "old", "RETIRED"));

    assertThat(
            samples.stream()
                .filter(s -> s.value() == 1)
                .map(s -> s.labels().get("channel") + "=" + s.labels().get("state")))
        .containsExactlyInAnyOrder("legacy=ACTIVE", "nova=DRAINING", "old=RETIRED");
    assertThat(samples).hasSize(9);
  }

  @Test
  void aChannelsHealthIsItsWorstGate_perScope() {
    GateVerdict pass =
        new GateVerdict(Gate.CREATE_SUCCESS_RATE, GateVerdict.Verdict.PASS, null, null, null, "");
    GateVerdict unsure =
        new GateVerdict(
            Gate.PAYMENT_SUCCESS_RATE, GateVerdict.Verdict.INCONCLUSIVE, null, null, null, "");
    ChannelHealthStatus status =
        new ChannelHealthStatus(
            "all",
            HealthMode.FAILED_OVER,
            "legacy",
            3,
            List.of("nova"),
            null,
            null,
            null,
            1,
            3,
            0,
            0,
            Map.of(
                "legacy",
                List.of(pass, latencyFailing(), unsure),
                "nova",
                List.of(pass, unsure),
                "spare",
                List.of(pass)),
            null,
            0,
            List.of());

    List<Sample> samples = ChannelSamples.health("all", status);

    assertThat(
            samples.stream()
                .filter(s -> s.name().equals(ChannelSamples.HEALTH) && s.value() == 1)
                .map(s -> s.labels().get("channel") + "=" + s.labels().get("verdict")))
        .containsExactlyInAnyOrder("legacy=FAIL", "nova=INCONCLUSIVE", "spare=PASS");
    assertThat(value(samples, ChannelSamples.SCOPE_MODE, Map.of("mode", "FAILED_OVER")))
        .isEqualTo(1);
    assertThat(value(samples, ChannelSamples.SCOPE_MODE, Map.of("mode", "WATCHING"))).isZero();
    assertThat(value(samples, ChannelSamples.SCOPE_FAILURES, Map.of("scope", "all"))).isEqualTo(1);
  }

  @Test
  void storeCounts_everyConfiguredChannelHasItsDiscrepancySeries_rollbacksAreACounter() {
    OpsReadings.Snapshot snapshot =
        new OpsReadings.Snapshot(
            Map.of(
                "AWAITING_PAYMENT", new OpsReadings.OpenPayments(7, 42.5),
                "PAID", new OpsReadings.OpenPayments(3, 9)),
            1,
            2,
            1,
            Map.of("legacy", 4L),
            Map.of("legacy", 1L),
            Map.of(),
            List.of(new OpsReadings.RunningMigration("m-1", "topup")),
            Set.of("all", "topup"),
            Map.of("all", 0L, "topup", 2L));

    List<Sample> samples = StoreSamples.of(snapshot, Set.of("legacy", "nova"));

    assertThat(value(samples, StoreSamples.PAYMENTS_OPEN, Map.of("status", "AWAITING_PAYMENT")))
        .isEqualTo(7);
    assertThat(value(samples, StoreSamples.PAYMENTS_OLDEST, Map.of("status", "AWAITING_PAYMENT")))
        .isEqualTo(42.5);
    assertThat(value(samples, StoreSamples.PAYMENTS_PAST_EXPIRY, Map.of())).isEqualTo(1);
    assertThat(value(samples, StoreSamples.WEBHOOKS_PENDING, Map.of())).isEqualTo(2);
    assertThat(value(samples, StoreSamples.WEBHOOKS_GIVEN_UP, Map.of())).isEqualTo(1);
    assertThat(value(samples, StoreSamples.DISCREPANCIES_OPEN, Map.of("channel", "legacy")))
        .isEqualTo(4);
    assertThat(value(samples, StoreSamples.DISCREPANCIES_OPEN, Map.of("channel", "nova"))).isZero();
    assertThat(value(samples, StoreSamples.MIGRATIONS_RUNNING, Map.of())).isEqualTo(1);
    assertThat(find(samples, StoreSamples.ROLLBACKS, Map.of("scope", "topup")))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.type()).isEqualTo(Sample.Type.COUNTER);
              assertThat(s.value()).isEqualTo(2);
            });
  }

  static Map<String, String> with(Map<String, String> labels, String name, String value) {
    return MigrationSamples.with(labels, name, value);
  }

  static List<Sample> find(List<Sample> samples, String name, Map<String, String> labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name))
        .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
        .toList();
  }

  static double value(List<Sample> samples, String name, Map<String, String> labels) {
    List<Sample> found = find(samples, name, labels);
    assertThat(found).as("%s%s in %s", name, labels, samples).hasSize(1);
    return found.get(0).value();
  }
}
