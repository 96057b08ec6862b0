package io.channelshift.payment;

import static io.channelshift.payment.PaymentFixtures.anyRequest;
import static io.channelshift.payment.PaymentFixtures.paidCallback;
import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.routing.RoutingTable;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every payload record survives Temporal's default data converter unchanged. */
class PayloadRoundTripTest {

  private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();

  static Stream<Object> payloads() {
    return Stream.of(
        anyRequest("o-1", 1234),
        PaymentTiming.DEFAULT,
        new RouteDecision("nova", 7, 99),
        CheckoutRequest.of(anyRequest("o-1", 1234)),
        new Checkout(
            "o-1",
            PaymentStatus.AWAITING_PAYMENT,
            "legacy",
            "http://pay",
            1_700_000_000_000L,
            null),
        paidCallback("o-1", 1234),
        new RefundRequest("r-1", 100, "changed mind"),
        new RefundNotice("RN1", "r-1", "SUCCESS"),
        new CloseRequest("user cancelled the order"),
        new ByHandRequest("alice (key ops-team)", "ticket 4711"),
        new RefundResendRequest("r-1", new ByHandRequest("alice", "platform was down")),
        new SettleResult(
            SettleResult.Outcome.SETTLED,
            PaymentStatus.PAID,
            ProviderOrderState.State.PAID,
            "the provider says PAID"),
        new ResendResult(
            ResendResult.Outcome.NOT_ACKNOWLEDGED, PaymentStatus.PAID, "fulfil-o-1", "again"),
        new RefundWebhook(
            "refund/o-1/r-1",
            "o-1",
            "u",
            "r-1",
            100,
            "CNY",
            "legacy",
            true,
            RefundStatus.FAILED,
            "ACCOUNT_FROZEN",
            0,
            PaymentStatus.FULFILLED),
        new RefundView("r-1", 100, "x", RefundStatus.SUCCEEDED, true, null),
        new PaymentView(
            "o-1",
            "u",
            PaymentStatus.FULFILLED,
            "legacy",
            1,
            1234,
            "CNY",
            "game_card",
            1234,
            0,
            "http://pay",
            1L,
            "T1",
            null,
            List.of(new RefundView("r", 1, "x", RefundStatus.REQUESTED, false, null)),
            List.of("paid (callback N1)")),
        new CreateOrderCommand("o-1", "u", 1, "CNY", "topup", "s", "1.2.3.4", "legacy", 1, 2L),
        new CreateOrderResult(ProviderOutcome.UNKNOWN, null, null, "M", "timeout"),
        new CreateOrderResult(
            ProviderOutcome.FAILED, null, null, "M", "frozen", null, CreateFailure.RESTRICTED),
        new OrderRef("o-1", "legacy"),
        PaymentFixtures.paidState("o-1", 5),
        new StatusChange("o-1", PaymentStatus.CLOSED, "expired"),
        new FulfilmentCommand("e", "o", "u", "p", 1, "CNY", "legacy", "T", "2026-01-01T00:00:00Z"),
        new RefundCommand("o", "r", "legacy", 1, "CNY", "x", true),
        new RefundResult(ProviderOutcome.PENDING, "R", null),
        new RefundResult(ProviderOutcome.PROCESSED, "R", null, "R0123456789abcdef"),
        new RefundSettlement("o", "r", RefundStatus.FAILED, "refused", 0, PaymentStatus.FULFILLED),
        new PaymentReceipt("o", "legacy", "T", 1, "CNY", null, PaymentStatus.ANOMALY, "amount"),
        new RoutingTable("topup", 4, Map.of("legacy", 9000, "nova", 1000)));
  }

  @ParameterizedTest
  @MethodSource("payloads")
  void roundTrips(Object payload) {
    Optional<Payloads> encoded = CONVERTER.toPayloads(payload);
    Object decoded = CONVERTER.fromPayloads(0, encoded, payload.getClass(), payload.getClass());
    assertThat(decoded).isEqualTo(payload);
  }

  /**
   * A create's result recorded before the failure kind existed reads as NONE: replayed, it never
   * moves a payment to another channel.
   */
  @org.junit.jupiter.api.Test
  void aCreateResultFromBeforeTheFailureKindReadsAsNone() {
    String recorded =
        "{\"outcome\":\"UNKNOWN\",\"payUrl\":null,\"tradeNo\":null,\"merchantId\":\"M\","
            + "\"failure\":\"provider answered 503\",\"rerouted\":null}";
    Optional<Payloads> encoded =
        Optional.of(
            Payloads.newBuilder()
                .addPayloads(
                    io.temporal.api.common.v1.Payload.newBuilder()
                        .putMetadata(
                            "encoding", com.google.protobuf.ByteString.copyFromUtf8("json/plain"))
                        .setData(com.google.protobuf.ByteString.copyFromUtf8(recorded)))
                .build());

    CreateOrderResult read =
        CONVERTER.fromPayloads(0, encoded, CreateOrderResult.class, CreateOrderResult.class);

    assertThat(read.failureKind()).isEqualTo(CreateFailure.NONE);
    assertThat(read.outcome()).isEqualTo(ProviderOutcome.UNKNOWN);
  }
}
