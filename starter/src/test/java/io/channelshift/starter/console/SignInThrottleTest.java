package io.channelshift.starter.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.starter.console.SignInThrottle.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

  private static final long T0 = 1_000_000L;

  @Test
  void aParallelBurstFromOneAddressGetsAtMostTheAllowedAttemptsPastTheCheck() throws Exception {
    SignInThrottle throttle = new SignInThrottle();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> attempts = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        attempts.add(
            pool.submit(
                () -> {
                  start.await();
                  return throttle.reserve("203.0.113.5", T0) instanceof Result.Go;
                }));
      }
      start.countDown();
      int past = 0;
      for (Future<Boolean> attempt : attempts) {
        past += attempt.get(10, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(past).isEqualTo(SignInThrottle.FAILURES);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSuccessGivesBackItsOwnSlotOnly_earlierFailuresStillCount() {
    SignInThrottle throttle = new SignInThrottle();
    for (int i = 0; i < SignInThrottle.FAILURES - 1; i++) {
      assertThat(throttle.reserve("a", T0 + i)).isInstanceOf(Result.Go.class);
    }
    throttle.succeeded(throttle.reserve("a", T0 + 10).granted().orElseThrow());
    assertThat(throttle.reserve("a", T0 + 20)).isInstanceOf(Result.Go.class); // the 5th failure
    Result refused = throttle.reserve("a", T0 + 30);
    assertThat(refused).isInstanceOf(Result.Wait.class);
    assertThat(((Result.Wait) refused).duration()).isEqualTo(SignInThrottle.WINDOW.minusMillis(30));
    assertThat(throttle.reserve("a", T0 + SignInThrottle.WINDOW.toMillis()))
        .isInstanceOf(Result.Go.class);
  }

  @Test
  void aFullTableForgetsTheAddressLeastRecentlySeen_aNewcomerIsNeverLockedOut() {
    SignInThrottle throttle = new SignInThrottle(3);
    for (String address : List.of("x", "y", "z")) {
      for (int i = 0; i < SignInThrottle.FAILURES; i++) {
        throttle.reserve(address, T0);
      }
      assertThat(throttle.reserve(address, T0)).isInstanceOf(Result.Wait.class);
    }
    assertThat(throttle.reserve("z", T0)).isInstanceOf(Result.Wait.class); // z seen last

    for (int n = 0; n < 100; n++) {
      Result newcomer = throttle.reserve("new-" + n, T0 + 1);
      assertThat(newcomer).isInstanceOf(Result.Go.class);
      throttle.succeeded(newcomer.granted().orElseThrow());
    }
    assertThat(throttle.tracked()).isEqualTo(3);
  }

  @Test
  void aSuccessAfterTheWindowTurnedGivesNothingBackToTheNewWindow() {
    SignInThrottle throttle = new SignInThrottle();
    Result old = throttle.reserve("a", T0);
    long later = T0 + SignInThrottle.WINDOW.toMillis() + Duration.ofSeconds(1).toMillis();
    for (int i = 0; i < SignInThrottle.FAILURES; i++) {
      throttle.reserve("a", later);
    }
    throttle.succeeded(old.granted().orElseThrow());
    assertThat(throttle.reserve("a", later)).isInstanceOf(Result.Wait.class);
  }
}
