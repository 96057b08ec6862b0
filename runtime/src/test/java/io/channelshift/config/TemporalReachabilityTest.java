package io.channelshift.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

/**
 * The one line an operator reads when Temporal cannot be used (the embedded test server answers
 * every namespace, so the unknown one is checked here).
 */
class TemporalReachabilityTest {

  private final TemporalProperties payments = TemporalProperties.plain("10.0.0.5:7233", "payments");

  @Test
  void anUnknownNamespace_isNamed_withTheCommandThatCreatesIt() {
    assertThat(TemporalReachability.problem(payments, Status.NOT_FOUND))
        .isEqualTo(
            "Temporal at 10.0.0.5:7233 has no namespace 'payments' (create it: temporal operator"
                + " namespace create --namespace payments)");
  }

  @Test
  void nothingListening_saysNotReachable_withTheAddress() {
    assertThat(
            TemporalReachability.problem(
                payments, Status.UNAVAILABLE.withDescription("io exception")))
        .startsWith("Temporal at 10.0.0.5:7233 is not reachable (UNAVAILABLE: io exception)")
        .doesNotContain("\n");
  }

  @Test
  void aRefusedKey_pointsAtTheCredentials() {
    assertThat(TemporalReachability.problem(payments, Status.UNAUTHENTICATED))
        .contains("refused this process (UNAUTHENTICATED)")
        .contains("channelshift.temporal.api-key");
  }
}
