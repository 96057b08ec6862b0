package io.channelshift.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelshift.payment.CreateFailure;
import io.channelshift.payment.ProviderOrderState.State;
import io.channelshift.payment.ProviderOutcome;
import io.channelshift.provider.fake.FakeGateway;
import io.channelshift.provider.fake.GatewayFault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every real-provider adapter promises when its gateway misbehaves: a create or refund without
 * a trustworthy answer is UNKNOWN, a safe call is a retryable failure, and asking again after a
 * query never makes a second order or refund. Each adapter's test runs it against its own fake
 * gateway.
 */
public abstract class GatewayFaultContract {

  protected abstract PaymentProvider provider();

  protected abstract FakeGateway gateway();

  /** The user pays the order at the gateway (no callback is sent). */
  protected abstract void userPays(String orderId);

  /**
   * What a query says of an order created and not paid (Alipay: NOT_FOUND until its QR code is
   * scanned).
   */
  protected abstract State unpaidState();

  /** The refunds the gateway has made for an order, by refund id. */
  protected abstract Map<String, Long> refundsAtGateway(String orderId);

  protected static ProviderOrder order(String id, long fen) {
    return new ProviderOrder(
        id,
        fen,
        "CNY",
        "game card",
        "203.0.113.9",
        Instant.now().plus(Duration.ofMinutes(15)).toEpochMilli());
  }

  @Test
  void aCreateWithoutATrustworthyAnswerIsUnknownWhateverWentWrong() {
    for (GatewayFault fault : GatewayFault.values()) {
      gateway().failNext(fault);
      var created = provider().create(order("o-" + fault, 100));
      assertThat(created.outcome()).as(fault.name()).isEqualTo(ProviderOutcome.UNKNOWN);
      // The channel, not the order, failed: a payment may move to a backup channel.
      assertThat(created.failureKind().channelCannotTake()).as(fault.name()).isTrue();
      if (fault == GatewayFault.TIMEOUT_AFTER_PROCESSING) {
        assertThat(created.failureKind()).isEqualTo(CreateFailure.TIMEOUT);
      }
    }
  }

  @Test
  void aCreateRepeatedAfterAnUnknownOneMakesNoSecondOrder() {
    gateway().failNext(GatewayFault.TIMEOUT_AFTER_PROCESSING);
    assertThat(provider().create(order("o-1", 100)).outcome()).isEqualTo(ProviderOutcome.UNKNOWN);

    assertThat(provider().query("o-1").state()).isEqualTo(unpaidState());
    assertThat(provider().create(order("o-1", 100)).outcome()).isEqualTo(ProviderOutcome.PROCESSED);
    userPays("o-1");
    assertThat(provider().create(order("o-1", 100)).outcome())
        .as("already paid: query, do not charge")
        .isEqualTo(ProviderOutcome.UNKNOWN);
    assertThat(provider().query("o-1").state()).isEqualTo(State.PAID);
  }

  @Test
  void safeCallsWithoutATrustworthyAnswerAreRetryableFailures() {
    provider().create(order("o-1", 100));
    for (GatewayFault fault :
        List.of(
            GatewayFault.HTTP_500,
            GatewayFault.SYSTEM_ERROR,
            GatewayFault.BAD_RESPONSE_SIGNATURE,
            GatewayFault.TIMEOUT_AFTER_PROCESSING)) {
      gateway().failNext(fault);
      assertThatThrownBy(() -> provider().query("o-1"))
          .as(fault.name())
          .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.retryable()).isTrue());
    }
    assertThat(provider().query("o-1").state()).isEqualTo(unpaidState());
  }

  @Test
  void aRefundWhoseAnswerIsLostIsUnknownThenFoundByQueryAndNeverMadeTwice() {
    provider().create(order("o-1", 1000));
    userPays("o-1");
    gateway().failNext(GatewayFault.TIMEOUT_AFTER_PROCESSING);

    var lost = provider().refund(new ProviderRefund("o-1", "r-1", 400, 1000, "CNY", "partial"));

    assertThat(lost.outcome()).isEqualTo(ProviderOutcome.UNKNOWN);
    assertThat(
            provider()
                .queryRefund(new ProviderRefund("o-1", "r-1", 400, 1000, "CNY", "partial"))
                .outcome())
        .isEqualTo(ProviderOutcome.PROCESSED);
    assertThat(
            provider()
                .refund(new ProviderRefund("o-1", "r-1", 400, 1000, "CNY", "partial"))
                .outcome())
        .isIn(
            ProviderOutcome.PROCESSED,
            ProviderOutcome.PENDING); // accepted as the same refund, made once
    assertThat(refundsAtGateway("o-1")).isEqualTo(Map.of("r-1", 400L));
  }
}
