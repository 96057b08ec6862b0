package io.channelshift.starter.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A flood of refused callbacks gives one log line a minute per key, with the count held back. */
class QuietLogTest {

  @Test
  void oneLinePerPeriodPerKey_thenTheHeldBackCount() {
    AtomicLong nanos = new AtomicLong(1_000);
    QuietLog log = new QuietLog(Duration.ofMinutes(1), nanos::get);

    assertThat(log.admit("nova/BAD_SIGNATURE")).isZero();
    for (int i = 0; i < 5_000; i++) {
      assertThat(log.admit("nova/BAD_SIGNATURE")).isEqualTo(-1);
    }
    assertThat(log.admit("nova/STALE")).as("another key has its own line").isZero();
    nanos.addAndGet(Duration.ofMinutes(1).toNanos());
    assertThat(log.admit("nova/BAD_SIGNATURE")).isEqualTo(5_000);
    assertThat(log.admit("nova/BAD_SIGNATURE")).isEqualTo(-1);
  }
}
