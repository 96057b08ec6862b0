package io.channelshift.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.channelshift.probes.CachedProbe;
import io.channelshift.probes.ProbeResult;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;

/**
 * The worker's liveness and readiness answers, against fake probes, a fake clock and fake scans.
 */
class WorkerHealthTest {

  private final ApplicationAvailability availability = mock(ApplicationAvailability.class);
  private final CachedProbe temporal =
      new CachedProbe("Temporal", () -> ProbeResult.UP, Duration.ofSeconds(2), Duration.ZERO);
  private final CachedProbe postgres =
      new CachedProbe("PostgreSQL", () -> ProbeResult.UP, Duration.ofSeconds(2), Duration.ZERO);
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final AtomicInteger scans = new AtomicInteger();
  private final AtomicReference<long[]> deadlocked = new AtomicReference<>();

  private final WorkerHealth health =
      new WorkerHealth(
          availability,
          temporal,
          postgres,
          () -> true,
          () -> {
            scans.incrementAndGet();
            return deadlocked.get();
          },
          now::get);

  WorkerHealthTest() {
    when(availability.getLivenessState()).thenReturn(LivenessState.CORRECT);
    when(availability.getReadinessState()).thenReturn(ReadinessState.ACCEPTING_TRAFFIC);
  }

  @AfterEach
  void close() {
    temporal.close();
    postgres.close();
  }

  @Test
  void aFloodOfLivenessProbes_scansForDeadlocksOnceInTenSeconds() {
    for (int i = 0; i < 100; i++) {
      assertThat(health.liveness().up()).isTrue();
    }
    assertThat(scans).hasValue(1);

    now.addAndGet(Duration.ofSeconds(9).toNanos());
    health.liveness();
    assertThat(scans).as("within ten seconds of the scan").hasValue(1);

    now.addAndGet(Duration.ofSeconds(1).toNanos());
    health.liveness();
    assertThat(scans).as("ten seconds after it").hasValue(2);
  }

  @Test
  void readinessLooksAtTemporalAndPostgresqlAtOnce_notOneAfterTheOther() throws Exception {
    CountDownLatch temporalLooking = new CountDownLatch(1);
    CountDownLatch postgresLooking = new CountDownLatch(1);
    // each look answers UP only if the other has started meanwhile: one after the other, the first
    // would wait for a look that never starts and answer DOWN
    try (CachedProbe slowTemporal =
            new CachedProbe(
                "Temporal",
                () -> meanwhile(temporalLooking, postgresLooking),
                Duration.ofSeconds(3),
                Duration.ZERO);
        CachedProbe slowPostgres =
            new CachedProbe(
                "PostgreSQL",
                () -> meanwhile(postgresLooking, temporalLooking),
                Duration.ofSeconds(3),
                Duration.ZERO);
        WorkerHealth both =
            new WorkerHealth(availability, slowTemporal, slowPostgres, () -> true)) {
      WorkerHealth.Answer answer = both.readiness();

      assertThat(answer.checks())
          .containsEntry("temporal", "UP")
          .containsEntry("postgresql", "UP")
          .containsEntry("workers", "UP");
      assertThat(answer.up()).isTrue();
    }
  }

  private static ProbeResult meanwhile(CountDownLatch mine, CountDownLatch other)
      throws InterruptedException {
    mine.countDown();
    return other.await(2, TimeUnit.SECONDS) ? ProbeResult.UP : ProbeResult.down("sequential");
  }

  @Test
  void aDeadlockIsReportedAtTheNextScan_andStaysReportedWhileTheScanIsFresh() {
    assertThat(health.liveness().up()).isTrue();
    deadlocked.set(new long[] {7, 8});

    assertThat(health.liveness().up()).as("the cached scan").isTrue();
    now.addAndGet(WorkerHealth.DEADLOCK_SCAN_FRESH_FOR.toNanos());
    WorkerHealth.Answer answer = health.liveness();

    assertThat(answer.up()).isFalse();
    assertThat(answer.checks()).containsEntry("threads", "DOWN: 2 threads deadlocked");
    deadlocked.set(null); // a scan would not find it gone; the cache must not invent that either
    assertThat(health.liveness().up()).isFalse();
  }
}
