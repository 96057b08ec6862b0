package io.channelshift.probes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachedProbeTest {

  private final AtomicLong now = new AtomicLong();

  @Test
  void aFloodOfConcurrentProbesLooksAtTheDependencyOnce() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    try (CachedProbe probe =
        new CachedProbe(
            "temporal",
            () -> {
              calls.incrementAndGet();
              release.await();
              return ProbeResult.UP;
            },
            Duration.ofSeconds(5),
            Duration.ofSeconds(1),
            now::get)) {
      ExecutorService callers = Executors.newFixedThreadPool(32);
      List<Future<ProbeResult>> answers = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        answers.add(callers.submit(probe::result));
      }
      Thread.sleep(100);
      release.countDown();
      for (Future<ProbeResult> a : answers) {
        assertThat(a.get(5, TimeUnit.SECONDS).up()).isTrue();
      }
      callers.shutdown();
      assertThat(calls.get()).isEqualTo(1);
      assertThat(probe.looks()).isEqualTo(1);
    }
  }

  @Test
  void aHangingLookAnswersDownAtTheDeadlineAndStartsNoSecondLook() {
    CountDownLatch never = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    try (CachedProbe probe =
        new CachedProbe(
            "postgresql",
            () -> {
              calls.incrementAndGet();
              never.await();
              return ProbeResult.UP;
            },
            Duration.ofMillis(200),
            Duration.ofMillis(1),
            now::get)) {
      long started = System.nanoTime();
      ProbeResult first = probe.result();
      assertThat(first).isEqualTo(ProbeResult.down("no answer within 200 ms"));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
      now.addAndGet(Duration.ofSeconds(1).toNanos()); // the cached answer is stale
      assertThat(probe.result().up()).isFalse();
      assertThat(calls.get()).isEqualTo(1);
      never.countDown();
    }
  }

  @Test
  void aStaleAnswerIsLookedAtAgainAndAFailingLookIsDown() {
    AtomicInteger calls = new AtomicInteger();
    try (CachedProbe probe =
        new CachedProbe(
            "temporal",
            () -> {
              if (calls.incrementAndGet() == 1) {
                return ProbeResult.UP;
              }
              throw new IllegalStateException("gone");
            },
            Duration.ofSeconds(2),
            Duration.ofSeconds(1),
            now::get)) {
      assertThat(probe.result().up()).isTrue();
      now.addAndGet(Duration.ofMillis(500).toNanos());
      assertThat(probe.result().up()).isTrue(); // cached
      now.addAndGet(Duration.ofMillis(600).toNanos());
      assertThat(probe.result()).isEqualTo(ProbeResult.down("IllegalStateException"));
      assertThat(calls.get()).isEqualTo(2);
    }
  }

  @Test
  void whileALookHangs_otherCallersGetTheLastAnswerAtOnce_andALateAnswerIsKept() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    try (CachedProbe probe =
        new CachedProbe(
            "postgresql",
            () -> {
              if (calls.incrementAndGet() > 1) {
                release.await();
                return ProbeResult.down("late");
              }
              return ProbeResult.UP;
            },
            Duration.ofSeconds(2),
            Duration.ofSeconds(1),
            now::get)) {
      assertThat(probe.result().up()).isTrue();
      now.addAndGet(Duration.ofSeconds(2).toNanos()); // stale: the next caller starts a look
      ExecutorService starter = Executors.newSingleThreadExecutor();
      Future<ProbeResult> waiting = starter.submit(probe::result);
      while (calls.get() < 2) {
        Thread.sleep(5);
      }
      long before = System.nanoTime();
      for (int i = 0; i < 50; i++) {
        assertThat(probe.result().up()).isTrue(); // the last answer, without waiting
      }
      assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofMillis(500));
      release.countDown();
      assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo(ProbeResult.down("late"));
      starter.shutdown();
      assertThat(probe.result()).isEqualTo(ProbeResult.down("late"));
      assertThat(calls.get()).isEqualTo(2);
    }
  }
}
