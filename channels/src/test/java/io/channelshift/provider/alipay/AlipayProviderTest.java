package io.channelshift.provider.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.channelshift.payment.ProviderCallback;
import io.channelshift.payment.ProviderOrderState.State;
import io.channelshift.payment.ProviderOutcome;
import io.channelshift.provider.CallbackRejectedException;
import io.channelshift.provider.CallbackRejectedException.Kind;
import io.channelshift.provider.GatewayFaultContract;
import io.channelshift.provider.PaymentProvider;
import io.channelshift.provider.ProviderOrder;
import io.channelshift.provider.ProviderRefund;
import io.channelshift.provider.StatementReader;
import io.channelshift.provider.fake.FakeAlipayGateway;
import io.channelshift.provider.fake.FakeGateway;
import io.channelshift.provider.fake.FakeKeys;
import io.channelshift.reconciliation.StatementLine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Alipay adapter, through the official SDK, against a local gateway that speaks Alipay's
 * protocol.
 */
class AlipayProviderTest {

  private FakeAlipayGateway alipay;
  private AlipayProvider provider;
  private final Set<String> seenNonces = new HashSet<>();

  @BeforeEach
  void start() {
    alipay = FakeAlipayGateway.start();
    provider = provider(alipay.appPrivateKeyPem());
  }

  @AfterEach
  void stop() {
    alipay.close();
  }

  private AlipayProvider provider(String appPrivateKey) {
    return new AlipayProvider(
        new AlipaySettings(
            "alipay",
            alipay.gatewayUrl(),
            FakeAlipayGateway.APP_ID,
            FakeAlipayGateway.SELLER_ID,
            appPrivateKey,
            alipay.alipayPublicKeyPem(),
            "http://127.0.0.1:1/notify/alipay",
            Duration.ofMillis(500),
            Duration.ofMillis(800)),
        (channel, nonce) -> seenNonces.add(channel + "/" + nonce),
        Clock.systemUTC());
  }

  private static ProviderOrder order(String id, long fen) {
    return new ProviderOrder(
        id,
        fen,
        "CNY",
        "game card",
        "203.0.113.9",
        Instant.now().plus(Duration.ofMinutes(15)).toEpochMilli());
  }

  private String form(Map<String, String> params) {
    return FakeAlipayGateway.form(params);
  }

  @Nested
  class Orders {

    @Test
    void createReturnsTheQrCodeForASignedRequestWithTheExactAmount() {
      var created = provider.create(order("o-1", 1234));

      assertThat(created.outcome()).isEqualTo(ProviderOutcome.PROCESSED);
      assertThat(created.payUrl()).isEqualTo("https://qr.alipay.com/fakeo-1");
      assertThat(alipay.trade("o-1"))
          .hasValueSatisfying(t -> assertThat(t.precreates()).isEqualTo(1));
      assertThat(provider.create(order("o-2", 1)).outcome()).isEqualTo(ProviderOutcome.PROCESSED);
    }

    @Test
    void aRequestSignedWithAnotherKeyIsRefusedForGood() {
      AlipayProvider wrongKey = provider(FakeKeys.pem(FakeKeys.newRsaKeyPair().getPrivate()));

      var created = wrongKey.create(order("o-1", 100));

      assertThat(created.outcome()).isEqualTo(ProviderOutcome.FAILED);
      assertThat(created.failure()).contains("isv.invalid-signature");
      assertThat(alipay.trade("o-1")).isEmpty();
    }

    @Test
    void aCurrencyAlipayDoesNotTakeIsRefusedBeforeAnyCall() {
      var created = provider.create(new ProviderOrder("o-usd", 100, "USD", "x", null, 0));

      assertThat(created.outcome()).isEqualTo(ProviderOutcome.FAILED);
      assertThat(alipay.requests()).isEmpty();
    }

    @Test
    void queryFollowsTheTradeFromUnscannedToPaid() {
      provider.create(order("o-1", 1500));
      assertThat(provider.query("o-1").state()).isEqualTo(State.NOT_FOUND); // nobody scanned yet

      alipay.scan("o-1");
      assertThat(provider.query("o-1").state()).isEqualTo(State.NOT_PAID);

      alipay.pay("o-1");
      var paid = provider.query("o-1");
      assertThat(paid.state()).isEqualTo(State.PAID);
      assertThat(paid.paidAmountMinor()).isEqualTo(1500);
      assertThat(paid.currency()).isEqualTo("CNY");
      assertThat(paid.merchantId()).isEqualTo(FakeAlipayGateway.APP_ID);
      assertThat(paid.tradeNo()).isEqualTo(alipay.trade("o-1").orElseThrow().tradeNo());
      assertThat(Instant.parse(paid.paidAt()))
          .isCloseTo(
              Instant.now(),
              org.assertj.core.api.Assertions.within(5, java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void expiryClosesAWaitingTradeAndFindsAPaidOne() {
      provider.create(order("unscanned", 100));
      provider.create(order("waiting", 100));
      provider.create(order("paid", 100));
      alipay.scan("waiting");
      alipay.pay("paid");

      assertThat(provider.close("unscanned").state()).isEqualTo(State.NOT_FOUND);
      assertThat(provider.close("waiting").state()).isEqualTo(State.CLOSED);
      assertThat(alipay.trade("waiting").orElseThrow().status()).isEqualTo("TRADE_CLOSED");
      var paid = provider.close("paid");
      assertThat(paid.state()).isEqualTo(State.PAID);
      assertThat(paid.paidAmountMinor()).isEqualTo(100);
    }

    @Test
    void theStatementIsTheBillsDetailLinesReadAsPaymentsWithTheirFee() {
      provider.create(order("o-1", 1999));
      provider.create(order("o-2", 500));
      alipay.pay("o-1");
      alipay.pay("o-2");
      LocalDate today = LocalDate.now(provider.statementZone());

      List<StatementLine> lines;
      try (StatementReader reader = provider.openStatement(today, 0)) {
        lines = reader.next(10);
        assertThat(reader.next(10)).isEmpty();
      }
      assertThat(lines).hasSize(2);
      StatementLine first =
          lines.stream().filter(l -> l.orderId().equals("o-1")).findFirst().orElseThrow();
      assertThat(first.kind()).isEqualTo(StatementLine.Kind.PAYMENT);
      assertThat(first.amountMinor()).isEqualTo(1999);
      assertThat(first.feeMinor()).isEqualTo(12); // 0.60% of 19.99 = 0.11994, half up to the fen
      assertThat(first.tradeNo()).isEqualTo(alipay.trade("o-1").orElseThrow().tradeNo());
      try (StatementReader resumed = provider.openStatement(today, 1)) {
        assertThat(resumed.next(10)).extracting(StatementLine::lineNo).containsExactly(2L);
      }
    }

    @Test
    void refundRowsAreRefundsWithOurRefundIdAndTheFeeGivenBack() {
      provider.create(order("o-3", 25_000));
      alipay.pay("o-3");
      provider.refund(new ProviderRefund("o-3", "r-3", 10_000, 25_000, "CNY", "changed mind"));

      List<StatementLine> lines;
      try (StatementReader reader =
          provider.openStatement(LocalDate.now(provider.statementZone()), 0)) {
        lines = reader.next(10);
      }
      StatementLine refund =
          lines.stream()
              .filter(l -> l.kind() == StatementLine.Kind.REFUND)
              .findFirst()
              .orElseThrow();
      assertThat(refund.orderId()).isEqualTo("o-3");
      assertThat(refund.refundId()).isEqualTo("r-3");
      assertThat(refund.amountMinor()).isEqualTo(10_000);
      assertThat(refund.feeMinor()).isEqualTo(60); // 150 charged on 250.00, 40% of it back
    }

    @ParameterizedTest
    @MethodSource("io.channelshift.provider.fake.HostileBillText#all")
    void freeTextWithCommasQuotesBackquotesOrLineBreaksMovesNoOtherColumn(String text) {
      alipay.billFreeText(text);
      provider.create(
          new ProviderOrder(
              "o-1",
              1999,
              "CNY",
              text,
              "203.0.113.9",
              Instant.now().plus(Duration.ofMinutes(15)).toEpochMilli()));
      provider.create(order("o-2", 500));
      alipay.pay("o-1");
      alipay.pay("o-2");
      provider.refund(new ProviderRefund("o-1", "r-1", 999, 1999, "CNY", text));
      LocalDate today = LocalDate.now(provider.statementZone());

      List<StatementLine> lines = new ArrayList<>();
      try (StatementReader reader = provider.openStatement(today, 0)) {
        for (List<StatementLine> page = reader.next(1); !page.isEmpty(); page = reader.next(1)) {
          lines.addAll(page);
        }
      }
      assertThat(lines)
          .extracting(
              StatementLine::kind,
              StatementLine::orderId,
              StatementLine::refundId,
              StatementLine::amountMinor,
              StatementLine::feeMinor)
          .containsExactlyInAnyOrder(
              tuple(StatementLine.Kind.PAYMENT, "o-1", null, 1999L, 12L),
              tuple(StatementLine.Kind.PAYMENT, "o-2", null, 500L, 3L),
              tuple(StatementLine.Kind.REFUND, "o-1", "r-1", 999L, 6L)); // 12 x 999/1999, half up
      assertThat(lines).extracting(StatementLine::lineNo).containsExactly(1L, 2L, 3L);
      try (StatementReader resumed = provider.openStatement(today, 2)) {
        assertThat(resumed.next(10)).extracting(StatementLine::lineNo).containsExactly(3L);
      }
    }
  }

  @Nested
  class Refunds {

    @BeforeEach
    void paidOrder() {
      provider.create(order("o-1", 1000));
      alipay.pay("o-1");
    }

    @Test
    void partialThenFullRefundsAreEachMadeOnceEvenWhenAskedTwice() {
      var first = provider.refund(new ProviderRefund("o-1", "r-1", 300, 1000, "CNY", "partial"));
      var again = provider.refund(new ProviderRefund("o-1", "r-1", 300, 1000, "CNY", "partial"));
      var rest = provider.refund(new ProviderRefund("o-1", "r-2", 700, 1000, "CNY", "the rest"));

      // Alipay's refund answer names the trade's refunded total, not this refund's amount: pending
      // until a query, which names it, confirms it.
      assertThat(List.of(first.outcome(), again.outcome(), rest.outcome()))
          .containsOnly(ProviderOutcome.PENDING);
      assertThat(
              provider
                  .queryRefund(new ProviderRefund("o-1", "r-1", 300, 1000, "CNY", "partial"))
                  .outcome())
          .isEqualTo(ProviderOutcome.PROCESSED);
      assertThat(
              provider
                  .queryRefund(new ProviderRefund("o-1", "r-2", 700, 1000, "CNY", "the rest"))
                  .outcome())
          .isEqualTo(ProviderOutcome.PROCESSED);
      assertThat(alipay.trade("o-1").orElseThrow().refunds())
          .isEqualTo(Map.of("r-1", 300L, "r-2", 700L));
      var tooMuch = provider.refund(new ProviderRefund("o-1", "r-3", 1, 1000, "CNY", "over"));
      assertThat(tooMuch.outcome()).isEqualTo(ProviderOutcome.FAILED);
      assertThat(tooMuch.failure()).contains("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");
    }

    @Test
    void refundQueryFindsARefundAndSaysWhenThereIsNone() {
      provider.refund(new ProviderRefund("o-1", "r-1", 250, 1000, "CNY", "partial"));

      assertThat(
              provider
                  .queryRefund(new ProviderRefund("o-1", "r-1", 250, 1000, "CNY", "partial"))
                  .outcome())
          .isEqualTo(ProviderOutcome.PROCESSED);
      assertThat(
              provider
                  .queryRefund(new ProviderRefund("o-1", "r-never", 250, 1000, "CNY", "partial"))
                  .outcome())
          .isEqualTo(ProviderOutcome.CANCELED);
    }

    @Test
    void aRefundQueryAnsweredForAnotherAmountIsNotBelieved() {
      provider.refund(new ProviderRefund("o-1", "r-1", 250, 1000, "CNY", "partial"));

      // The number is held by a refund of 250: asked about one of 300 under it, the answer is
      // someone else's.
      var other =
          provider.queryRefund(new ProviderRefund("o-1", "r-1", 300, 1000, "CNY", "partial"));

      assertThat(other.outcome()).isEqualTo(ProviderOutcome.FAILED);
      assertThat(other.failure()).contains("not believed").contains("250").contains("300");
    }
  }

  @Nested
  class GatewayFaults extends GatewayFaultContract {

    @Override
    protected PaymentProvider provider() {
      return provider;
    }

    @Override
    protected FakeGateway gateway() {
      return alipay;
    }

    @Override
    protected void userPays(String orderId) {
      alipay.pay(orderId);
    }

    @Override
    protected State unpaidState() {
      return State.NOT_FOUND; // not scanned
    }

    @Override
    protected Map<String, Long> refundsAtGateway(String orderId) {
      return alipay.trade(orderId).orElseThrow().refunds();
    }
  }

  @Nested
  class Callbacks {

    private Map<String, String> paid;

    @BeforeEach
    void paidOrder() {
      provider.create(order("o-1", 2500));
      paid = alipay.pay("o-1");
    }

    @Test
    void aGenuineNotificationIsParsedWithTheExactAmount() {
      ProviderCallback cb = provider.verifyCallback(Map.of(), form(paid));

      assertThat(cb.paid()).isTrue();
      assertThat(cb.outTradeNo()).isEqualTo("o-1");
      assertThat(cb.tradeNo()).isEqualTo(alipay.trade("o-1").orElseThrow().tradeNo());
      assertThat(cb.amountMinor()).isEqualTo(2500);
      assertThat(cb.currency()).isEqualTo("CNY");
      assertThat(cb.merchantId()).isEqualTo(FakeAlipayGateway.APP_ID);
      assertThat(cb.notifyId()).isEqualTo(paid.get("notify_id"));
      assertThat(provider.callbackAcknowledgement().body()).isEqualTo("success");
    }

    @Test
    void aForgedSignatureIsRejected() {
      Map<String, String> forged = new TreeMap<>(paid);
      forged.put("total_amount", "0.01"); // changed after signing

      assertRejected(forged, "signature", Kind.BAD_SIGNATURE);
      Map<String, String> otherKey = new TreeMap<>(paid);
      otherKey.put("sign", FakeKeys.sign(FakeKeys.newRsaKeyPair().getPrivate(), "anything"));
      assertRejected(otherKey, "signature", Kind.BAD_SIGNATURE);
      Map<String, String> unsigned = new TreeMap<>(paid);
      unsigned.remove("sign");
      assertRejected(unsigned, "unsigned", Kind.UNSIGNED);
    }

    @Test
    void aNotificationForAnotherAppOrSellerIsRejected() {
      Map<String, String> otherApp = new TreeMap<>(paid);
      otherApp.put("app_id", "2021000000009999");
      assertRejected(alipay.signNotification(otherApp), "app_id", Kind.FOREIGN);

      Map<String, String> otherSeller = new TreeMap<>(paid);
      otherSeller.put("seller_id", "2088000000009999");
      assertRejected(alipay.signNotification(otherSeller), "seller_id", Kind.FOREIGN);
    }

    @Test
    void aStaleNotificationIsRejected() {
      Map<String, String> stale = new TreeMap<>(paid);
      stale.put(
          "notify_time",
          DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
              .format(
                  Instant.now().minus(Duration.ofMinutes(6)).atZone(ZoneId.of("Asia/Shanghai"))));
      assertRejected(alipay.signNotification(stale), "notify_time outside", Kind.STALE);
    }

    @Test
    void aReplayedNotificationIsRejected() {
      provider.verifyCallback(Map.of(), form(paid));

      assertRejected(paid, "already seen", Kind.REPLAYED);
    }

    @Test
    void anAmountWithMoreDecimalsThanFenIsRejected() {
      Map<String, String> odd = new TreeMap<>(paid);
      odd.put("total_amount", "25.001");
      assertRejected(alipay.signNotification(odd), "total_amount", Kind.MALFORMED);
    }

    private void assertRejected(Map<String, String> params, String why, Kind kind) {
      int before = seenNonces.size();
      assertThatThrownBy(() -> provider.verifyCallback(Map.of(), form(params)))
          .isInstanceOf(CallbackRejectedException.class)
          .hasMessageContaining(why)
          .satisfies(e -> assertThat(((CallbackRejectedException) e).kind()).isEqualTo(kind))
          .satisfies(
              e ->
                  assertThat(((CallbackRejectedException) e).signature() != null)
                      .as("evidence is identified by its signature")
                      .isEqualTo(kind.evidence()));
      if (!why.equals("already seen")) {
        assertThat(seenNonces).as("a rejected notification uses up no nonce").hasSize(before);
      }
    }
  }
}
