package io.channelshift.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelshift.payment.ProviderCallback;
import io.channelshift.payment.ProviderOrderState;
import io.channelshift.payment.ProviderOutcome;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeasuredProviderTest {

  private static final ProviderException NO_ANSWER =
      new ProviderException(ProviderErrorType.values()[0], "no answer", null);

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final MeasuredProvider provider = new MeasuredProvider(new Answering(), meters);

  @Test
  void eachCallIsTimedByChannelOperationAndWhatTheProviderAnswered() {
    provider.create(new ProviderOrder("o-1", 100, "CNY", "s", null, 0));
    provider.query("o-1");
    provider.query("o-1");

    assertThat(timer("create", ProviderOutcome.FAILED.name()).count()).isEqualTo(1);
    assertThat(timer("query", "PAID").count()).isEqualTo(2);
  }

  @Test
  void aCallThatThrowsIsTimedWithTheKindOfError_andStillThrows() {
    assertThatThrownBy(() -> provider.close("o-2")).isSameAs(NO_ANSWER);
    assertThat(timer("close", NO_ANSWER.type().name()).count()).isEqualTo(1);
  }

  @Test
  void verifyingACallbackAsksNothingOfTheProvider_andIsNotTimed() {
    provider.verifyCallback(Map.of(), "{}");

    assertThat(meters.find(MeasuredProvider.REQUESTS).timers()).isEmpty();
  }

  private Timer timer(String operation, String outcome) {
    return meters
        .get(MeasuredProvider.REQUESTS)
        .tags("channel", "legacy", "operation", operation, "outcome", outcome)
        .timer();
  }

  /**
   * Declines creates, finds orders paid, cannot be reached to close; says a callback is a payment.
   */
  private static final class Answering extends UnusedCallsProvider {

    Answering() {
      super("legacy");
    }

    @Override
    public ProviderCreateResult create(ProviderOrder order) {
      return ProviderCreateResult.failed("declined");
    }

    @Override
    public ProviderOrderStatus query(String orderId) {
      return new ProviderOrderStatus(ProviderOrderState.State.PAID, "T1", "M", 100, "CNY", null);
    }

    @Override
    public ProviderOrderStatus close(String orderId) {
      throw NO_ANSWER;
    }

    @Override
    public ProviderCallback verifyCallback(Map<String, String> headers, String body) {
      return new ProviderCallback(
          "N1", "M", "o-1", "T1", ProviderCallback.SUCCESS, 100, "CNY", null);
    }
  }
}
