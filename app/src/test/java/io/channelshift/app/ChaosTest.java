package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.app.chaos.Chaos;
import io.channelshift.app.chaos.DrillResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The light fault drills, as CI runs them, with the worker as its own process: PostgreSQL restarted
 * mid-load, the provider's 5xx burst, slow answers and outage, and callback chaos. Every payment
 * must end, none twice, and every invariant hold; the heavy versions (and the worker kill) run on
 * demand with {@code ./channelshift chaos}.
 */
class ChaosTest {

  @Test
  void underFaultsEveryPaymentEndsOnceAndTheInvariantsHold() throws Exception {
    Path logs = Path.of("target", "chaos-test");
    List<DrillResult> results =
        Chaos.run(
            List.of("postgres-restart", "provider-faults", "callback-chaos"),
            false,
            logs,
            System.out);

    for (DrillResult r : results) {
      assertThat(r.started()).as("%s: payments started", r.drill()).isGreaterThan(20);
      assertThat(r.lost()).as("%s: payments without an end", r.drill()).isZero();
      assertThat(r.terminal()).as(r.drill()).isEqualTo(r.started());
      assertThat(r.duplicated()).as("%s: paid or applied twice", r.drill()).isZero();
      assertThat(r.invariants())
          .as(r.drill())
          .allSatisfy((name, count) -> assertThat(count).as(name).isZero());
    }
    DrillResult callbacks = results.get(2);
    assertThat(callbacks.notes().get("forgedRejected")).isEqualTo("6/6");
    int replayed = (int) callbacks.notes().get("notificationsSentFiveTimes");
    assertThat(replayed)
        .as("paid orders whose notification was sent five times and replayed")
        .isPositive();
    assertThat(callbacks.notes().get("replaysRejected")).isEqualTo(replayed + "/" + replayed);
    assertThat((int) callbacks.notes().get("paidAfterClose")).isPositive();
    assertThat(Files.readString(logs.resolve("worker.log"))).doesNotContain("csk_dev_");
  }
}
