package io.channelshift.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.health.ChannelHealthStatus;
import io.channelshift.migration.MigrationPhase;
import io.channelshift.migration.MigrationStatus;
import io.channelshift.store.OpsReadings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The collector against a fake store and a fake Temporal, scraped as Prometheus would: series
 * appear, follow the status, go when a migration ends, and survive what fails.
 */
class OpsCollectorTest {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicReference<Object> store = new AtomicReference<>(snapshot("m-1"));
  private final FakeTemporal temporal = new FakeTemporal();
  private final OpsCollector collector =
      new OpsCollector(
          () -> {
            Object s = store.get();
            if (s instanceof RuntimeException e) {
              throw e;
            }
            return (OpsReadings.Snapshot) s;
          },
          temporal,
          Set.of("legacy", "nova"),
          registry,
          Clock.fixed(Instant.ofEpochMilli(20_000), ZoneOffset.UTC),
          Duration.ofMillis(300));

  @Test
  void aRunningMigrationsSeriesFollowItsStatus_andGoWhenItEnds() {
    temporal.migrations.put("m-1", OpsSamplesTest.waitingAtHalf(List.of()));
    collector.collect();

    String scrape = registry.scrape();
    assertThat(scrape)
        .contains(
            "channelshift_migration_weight_ratio{migration_id=\"m-1\",scope=\"topup\"} 0.5",
            "channelshift_migration_phase{migration_id=\"m-1\",phase=\"WAITING_APPROVAL\",scope=\"topup\"} 1",
            "channelshift_migration_phase{migration_id=\"m-1\",phase=\"RAMPING\",scope=\"topup\"} 0",
            "channelshift_migration_time_in_step_seconds{migration_id=\"m-1\",scope=\"topup\"} 10",
            "channelshift_migration_rollbacks_total{scope=\"topup\"} 2",
            "channelshift_database_up 1",
            "channelshift_temporal_up 1");

    temporal.migrations.put(
        "m-1",
        MigrationStatus.builder()
            .migrationId("m-1")
            .phase(MigrationPhase.RAMPING)
            .weightBps(10_000)
            .build());
    collector.collect();
    assertThat(registry.scrape())
        .contains("channelshift_migration_weight_ratio{migration_id=\"m-1\",scope=\"topup\"} 1")
        .contains(
            "channelshift_migration_phase{migration_id=\"m-1\",phase=\"RAMPING\",scope=\"topup\"} 1");

    // the status says it ended before the store does: the series go already
    temporal.migrations.put(
        "m-1",
        MigrationStatus.builder().migrationId("m-1").phase(MigrationPhase.COMPLETED).build());
    collector.collect();
    assertThat(registry.scrape()).doesNotContain("migration_id=\"m-1\"");

    // and a migration the store no longer lists as running has none either
    temporal.migrations.put("m-1", OpsSamplesTest.waitingAtHalf(List.of()));
    store.set(snapshot());
    collector.collect();
    assertThat(registry.scrape())
        .doesNotContain("migration_id=\"m-1\"")
        .contains("channelshift_migrations_running 0");
  }

  @Test
  void theDatabaseDown_isCountedAndShown_theLastValuesStay_andTheEndpointAnswers() {
    temporal.migrations.put("m-1", OpsSamplesTest.waitingAtHalf(List.of()));
    collector.collect();
    store.set(new IllegalStateException("connection refused"));

    collector.collect();
    collector.collect();

    String scrape = registry.scrape();
    assertThat(scrape)
        .contains(
            "channelshift_database_up 0",
            "channelshift_metrics_collect_failures_total{source=\"database\"} 2",
            "channelshift_payments_open{status=\"AWAITING_PAYMENT\"} 7",
            "channelshift_migration_weight_ratio{migration_id=\"m-1\",scope=\"topup\"} 0.5");

    store.set(snapshot("m-1"));
    collector.collect();
    assertThat(registry.scrape()).contains("channelshift_database_up 1");
  }

  @Test
  void aDatabaseThatDoesNotAnswer_showsAsDownAtTheDeadline_notWhenThePoolGivesUp() {
    PrometheusMeterRegistry own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
    OpsCollector hanging =
        new OpsCollector(
            () -> {
              try {
                released.await(); // a pool waiting for a connection to a server gone
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              throw new IllegalStateException("gone");
            },
            temporal,
            Set.of("legacy"),
            own,
            Clock.systemUTC(),
            Duration.ofMillis(300));
    try {
      long started = System.nanoTime();
      hanging.collect();
      long tookMs = (System.nanoTime() - started) / 1_000_000;

      assertThat(tookMs).isLessThan(2_000);
      assertThat(own.scrape())
          .contains(
              "channelshift_database_up 0",
              "channelshift_temporal_up 1",
              "channelshift_metrics_collect_failures_total{source=\"database\"} 1");
    } finally {
      released.countDown();
      hanging.close();
    }
  }

  @Test
  void aReadThatHangsPastItsDeadline_startsNoOtherUntilItEnds_andEachSkippedCollectionIsCounted()
      throws Exception {
    PrometheusMeterRegistry own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AtomicInteger reads = new AtomicInteger();
    CountDownLatch released = new CountDownLatch(1);
    CountDownLatch hungReadEnded = new CountDownLatch(1);
    OpsCollector collector =
        new OpsCollector(
            () -> {
              if (reads.incrementAndGet() == 1) {
                // a JDBC call that ignores the interrupt, as a socket read without a timeout does
                boolean interrupted = false;
                while (true) {
                  try {
                    released.await();
                    break;
                  } catch (InterruptedException e) {
                    interrupted = true;
                  }
                }
                hungReadEnded.countDown();
                if (interrupted) {
                  Thread.currentThread().interrupt();
                }
              }
              return snapshot("m-1");
            },
            temporal,
            Set.of("legacy"),
            own,
            Clock.systemUTC(),
            Duration.ofMillis(100));
    try {
      for (int i = 0; i < 5; i++) {
        collector.collect(); // five intervals while the first read hangs
      }

      assertThat(reads).as("reads of the store started").hasValue(1);
      assertThat(collector.storeReadsWaiting()).as("reads queued behind the hung one").isZero();
      assertThat(own.scrape())
          .contains(
              "channelshift_database_up 0",
              "channelshift_metrics_collect_failures_total{source=\"database\"} 5");

      released.countDown();
      assertThat(hungReadEnded.await(5, TimeUnit.SECONDS)).isTrue();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      do {
        collector.collect(); // the hung read's end is seen once its future completes
      } while (!own.scrape().contains("channelshift_database_up 1")
          && System.nanoTime() < deadline);

      assertThat(own.scrape()).contains("channelshift_database_up 1");
      assertThat(reads.get()).as("a new read once the hung one ended").isGreaterThanOrEqualTo(2);
    } finally {
      released.countDown();
      collector.close();
    }
  }

  @Test
  void temporalDown_isShown_andAMigrationStillRunningKeepsItsLastValues() {
    temporal.migrations.put("m-1", OpsSamplesTest.waitingAtHalf(List.of()));
    collector.collect();
    temporal.up = false;

    collector.collect();

    assertThat(registry.scrape())
        .contains(
            "channelshift_temporal_up 0",
            "channelshift_metrics_collect_failures_total{source=\"temporal\"} 1",
            "channelshift_migration_weight_ratio{migration_id=\"m-1\",scope=\"topup\"} 0.5");
  }

  @Test
  void aQueryThatFails_isCounted_andLeavesTheOtherSeriesCollected() {
    temporal.failing = true;
    collector.collect();

    assertThat(registry.scrape())
        .contains(
            "channelshift_temporal_up 1",
            "channelshift_webhooks_given_up 1",
            "channelshift_channel_state{channel=\"nova\",state=\"ACTIVE\"} 1")
        .doesNotContain("migration_id=\"m-1\"");
    assertThat(registry.scrape())
        .containsPattern(
            "channelshift_metrics_collect_failures_total\\{source=\"temporal\"} [1-9]");
  }

  private static OpsReadings.Snapshot snapshot(String... running) {
    return new OpsReadings.Snapshot(
        Map.of("AWAITING_PAYMENT", new OpsReadings.OpenPayments(7, 42.5)),
        0,
        0,
        1,
        Map.of(),
        Map.of(),
        Map.of(),
        List.of(running).stream().map(id -> new OpsReadings.RunningMigration(id, "topup")).toList(),
        Set.of("topup"),
        Map.of("topup", 2L));
  }

  private static final class FakeTemporal implements TemporalReads {
    final Map<String, MigrationStatus> migrations = new HashMap<>();
    volatile boolean up = true;
    volatile boolean failing;

    @Override
    public boolean reachable() {
      return up;
    }

    @Override
    public Optional<MigrationStatus> migration(String migrationId) {
      if (failing) {
        throw new IllegalStateException("query timed out");
      }
      return Optional.ofNullable(migrations.get(migrationId));
    }

    @Override
    public Optional<ChannelHealthStatus> scopeHealth(String scope) {
      return Optional.empty();
    }
  }
}
