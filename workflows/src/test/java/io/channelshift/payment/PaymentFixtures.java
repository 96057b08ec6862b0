package io.channelshift.payment;

import java.time.Duration;
import java.util.List;

/** Fixture builders for payment tests. */
final class PaymentFixtures {

  static final String MERCHANT = "M-TEST-001";
  static final PaymentTiming TIMING =
      new PaymentTiming(
          Duration.ofMinutes(15),
          List.of(Duration.ofMinutes(1), Duration.ofMinutes(3), Duration.ofMinutes(10)),
          Duration.ofDays(7),
          Duration.ofHours(1));

  private PaymentFixtures() {}

  static PaymentRequest anyRequest(String orderId, long amountMinor) {
    return new PaymentRequest(
        orderId,
        "user-" + orderId,
        amountMinor,
        "CNY",
        "game_card",
        "Game card",
        "203.0.113.7",
        new RouteDecision("legacy", 1, 42),
        TIMING);
  }

  static ProviderCallback paidCallback(String orderId, long amountMinor) {
    return paidCallback(orderId, amountMinor, "N-" + orderId);
  }

  static ProviderCallback paidCallback(String orderId, long amountMinor, String notifyId) {
    return new ProviderCallback(
        notifyId,
        MERCHANT,
        orderId,
        "T-" + orderId,
        ProviderCallback.SUCCESS,
        amountMinor,
        "CNY",
        "2026-11-25T10:00:00Z");
  }

  static CreateOrderResult created(String orderId) {
    return new CreateOrderResult(
        ProviderOutcome.PROCESSED,
        "http://sandbox/cashier/" + orderId,
        "T-" + orderId,
        MERCHANT,
        null);
  }

  static ProviderOrderState notPaid() {
    return new ProviderOrderState(ProviderOrderState.State.NOT_PAID, null, MERCHANT, 0, null, null);
  }

  static ProviderOrderState paidState(String orderId, long amount) {
    return new ProviderOrderState(
        ProviderOrderState.State.PAID,
        "T-" + orderId,
        MERCHANT,
        amount,
        "CNY",
        "2026-11-25T10:00:00Z");
  }

  static ProviderOrderState closedState() {
    return new ProviderOrderState(ProviderOrderState.State.CLOSED, null, MERCHANT, 0, null, null);
  }
}
