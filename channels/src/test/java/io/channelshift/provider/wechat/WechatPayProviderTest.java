package io.channelshift.provider.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.channelshift.payment.ProviderCallback;
import io.channelshift.payment.ProviderOrderState.State;
import io.channelshift.payment.ProviderOutcome;
import io.channelshift.provider.CallbackRejectedException;
import io.channelshift.provider.CallbackRejectedException.Kind;
import io.channelshift.provider.GatewayFaultContract;
import io.channelshift.provider.PaymentProvider;
import io.channelshift.provider.ProviderOrder;
import io.channelshift.provider.ProviderRefund;
import io.channelshift.provider.ProviderRefundNotice;
import io.channelshift.provider.StatementReader;
import io.channelshift.provider.fake.FakeGateway;
import io.channelshift.provider.fake.FakeKeys;
import io.channelshift.provider.fake.FakeWechatPayGateway;
import io.channelshift.provider.fake.FakeWechatPayGateway.Notification;
import io.channelshift.reconciliation.StatementLine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The WeChat Pay adapter, through the official SDK, against a local gateway that speaks API v3. */
class WechatPayProviderTest {

  private FakeWechatPayGateway wechat;
  private WechatPayProvider provider;
  private final Set<String> seenNonces = new HashSet<>();

  @BeforeEach
  void start() {
    wechat = FakeWechatPayGateway.start();
    provider = provider(wechat.merchantPrivateKeyPem());
  }

  @AfterEach
  void stop() {
    wechat.close();
  }

  private WechatPayProvider provider(String merchantPrivateKey) {
    return new WechatPayProvider(
        new WechatPaySettings(
            "wechat",
            wechat.baseUrl(),
            FakeWechatPayGateway.MCH_ID,
            FakeWechatPayGateway.APP_ID,
            merchantPrivateKey,
            FakeWechatPayGateway.MERCHANT_SERIAL,
            FakeWechatPayGateway.API_V3_KEY,
            wechat.platformPublicKeyPem(),
            FakeWechatPayGateway.PUBLIC_KEY_ID,
            "http://127.0.0.1:1/notify/wechat",
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

  @Nested
  class Orders {

    @Test
    void createReturnsTheCodeUrlForASignedRequestWithTheExactAmount() {
      var created = provider.create(order("o-1", 1234));

      assertThat(created.outcome()).isEqualTo(ProviderOutcome.PROCESSED);
      assertThat(created.payUrl()).isEqualTo("weixin://wxpay/bizpayurl?pr=o-1");
      assertThat(wechat.trade("o-1")).hasValueSatisfying(t -> assertThat(t.prepays()).isEqualTo(1));
      assertThat(wechat.requests()).containsExactly("POST /v3/pay/transactions/native");
    }

    @Test
    void aRequestSignedWithAnotherKeyIsRefusedForGood() {
      WechatPayProvider wrongKey = provider(FakeKeys.pem(FakeKeys.newRsaKeyPair().getPrivate()));

      var created = wrongKey.create(order("o-1", 100));

      assertThat(created.outcome()).isEqualTo(ProviderOutcome.FAILED);
      assertThat(created.failure()).contains("401").contains("SIGN_ERROR");
      assertThat(wechat.trade("o-1")).isEmpty();
    }

    @Test
    void anAmountOrCurrencyWechatPayCannotTakeIsRefusedBeforeAnyCall() {
      assertThat(provider.create(new ProviderOrder("o-usd", 100, "USD", "x", null, 0)).outcome())
          .isEqualTo(ProviderOutcome.FAILED);
      assertThat(provider.create(order("o-big", 1L + Integer.MAX_VALUE)).outcome())
          .isEqualTo(ProviderOutcome.FAILED);
      assertThat(wechat.requests()).isEmpty();
    }

    @Test
    void queryFollowsTheOrderToPaid() {
      provider.create(order("o-1", 1500));
      assertThat(provider.query("o-1").state()).isEqualTo(State.NOT_PAID);
      assertThat(provider.query("never").state()).isEqualTo(State.NOT_FOUND);

      wechat.pay("o-1");
      var paid = provider.query("o-1");
      assertThat(paid.state()).isEqualTo(State.PAID);
      assertThat(paid.paidAmountMinor()).isEqualTo(1500);
      assertThat(paid.currency()).isEqualTo("CNY");
      assertThat(paid.merchantId()).isEqualTo(FakeWechatPayGateway.MCH_ID);
      assertThat(paid.tradeNo()).isEqualTo(wechat.trade("o-1").orElseThrow().transactionId());
      assertThat(Instant.parse(paid.paidAt()))
          .isCloseTo(Instant.now(), within(5, ChronoUnit.SECONDS));
    }

    @Test
    void expiryClosesAnUnpaidOrderAndFindsAPaidOne() {
      provider.create(order("unpaid", 100));
      provider.create(order("paid", 100));
      wechat.pay("paid");

      assertThat(provider.close("unpaid").state()).isEqualTo(State.CLOSED);
      assertThat(wechat.trade("unpaid").orElseThrow().state()).isEqualTo("CLOSED");
      assertThat(provider.close("never").state()).isEqualTo(State.NOT_FOUND);
      var paid = provider.close("paid");
      assertThat(paid.state()).isEqualTo(State.PAID);
      assertThat(paid.paidAmountMinor()).isEqualTo(100);
    }

    @Test
    void theStatementIsTheTradeBillItsDigestCheckedReadAsPaymentsWithTheirFee() {
      provider.create(order("o-1", 1999));
      wechat.pay("o-1");

      List<StatementLine> lines;
      try (StatementReader reader =
          provider.openStatement(LocalDate.now(provider.statementZone()), 0)) {
        lines = reader.next(10);
      }
      assertThat(lines).hasSize(1);
      StatementLine line = lines.get(0);
      assertThat(line.orderId()).isEqualTo("o-1");
      assertThat(line.kind()).isEqualTo(StatementLine.Kind.PAYMENT);
      assertThat(line.amountMinor()).isEqualTo(1999);
      assertThat(line.feeMinor()).isEqualTo(12);
      assertThat(line.currency()).isEqualTo("CNY");
      try (StatementReader none = provider.openStatement(LocalDate.of(2020, 1, 1), 0)) {
        assertThat(none.next(10)).isEmpty();
      }
    }

    @Test
    void refundRowsAreRefundsWithOurRefundIdAndTheFeeGivenBack() {
      provider.create(order("o-3", 25_000));
      wechat.pay("o-3");
      provider.refund(new ProviderRefund("o-3", "r-3", 10_000, 25_000, "CNY", "changed mind"));

      List<StatementLine> lines;
      try (StatementReader reader =
          provider.openStatement(LocalDate.now(provider.statementZone()), 0)) {
        lines = reader.next(10);
      }
      assertThat(lines)
          .extracting(StatementLine::kind)
          .containsExactly(StatementLine.Kind.PAYMENT, StatementLine.Kind.REFUND);
      StatementLine refund = lines.get(1);
      assertThat(refund.orderId()).isEqualTo("o-3");
      assertThat(refund.refundId()).isEqualTo("r-3");
      assertThat(refund.amountMinor()).isEqualTo(10_000);
      assertThat(refund.feeMinor()).isEqualTo(60);
    }

    @ParameterizedTest
    @MethodSource("io.channelshift.provider.fake.HostileBillText#all")
    void freeTextWithCommasQuotesBackquotesOrLineBreaksMovesNoOtherColumn(String text) {
      wechat.billFreeText(text);
      provider.create(
          new ProviderOrder(
              "o-1",
              1999,
              "CNY",
              text,
              "203.0.113.9",
              Instant.now().plus(Duration.ofMinutes(15)).toEpochMilli()));
      provider.create(order("o-2", 500));
      wechat.pay("o-1");
      wechat.pay("o-2");
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
      wechat.pay("o-1");
    }

    @Test
    void partialThenFullRefundsAreEachMadeOnceEvenWhenAskedTwice() {
      var first = provider.refund(new ProviderRefund("o-1", "r-1", 300, 1000, "CNY", "partial"));
      var again = provider.refund(new ProviderRefund("o-1", "r-1", 300, 1000, "CNY", "partial"));
      var rest = provider.refund(new ProviderRefund("o-1", "r-2", 700, 1000, "CNY", "the rest"));

      assertThat(List.of(first.outcome(), again.outcome(), rest.outcome()))
          .containsOnly(ProviderOutcome.PROCESSED);
      assertThat(again.providerRefundNo()).isEqualTo(first.providerRefundNo());
      assertThat(wechat.refundsOf("o-1")).isEqualTo(Map.of("r-1", 300L, "r-2", 700L));
      var tooMuch = provider.refund(new ProviderRefund("o-1", "r-3", 1, 1000, "CNY", "over"));
      assertThat(tooMuch.outcome()).isEqualTo(ProviderOutcome.FAILED);
      assertThat(tooMuch.failure()).contains("INVALID_REQUEST");
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
    void anAnswerForAnotherOrdersRefundUnderTheSameNumberIsNotBelieved() {
      provider.refund(new ProviderRefund("o-1", "r-1", 300, 1000, "CNY", "partial"));
      provider.create(order("o-2", 1000));
      wechat.pay("o-2");

      // out_refund_no is unique per merchant: WeChat Pay answers o-2's refund call and query with
      // o-1's refund.
      var call = provider.refund(new ProviderRefund("o-2", "r-1", 300, 1000, "CNY", "partial"));
      var query =
          provider.queryRefund(new ProviderRefund("o-2", "r-1", 300, 1000, "CNY", "partial"));

      assertThat(List.of(call.outcome(), query.outcome())).containsOnly(ProviderOutcome.FAILED);
      assertThat(query.failure()).contains("not believed").contains("order o-1");
      assertThat(wechat.refundsOf("o-2")).isEmpty();
    }

    @Test
    void aRefundQueryAnsweredForAnotherAmountIsNotBelieved() {
      provider.refund(new ProviderRefund("o-1", "r-1", 250, 1000, "CNY", "partial"));

      var other =
          provider.queryRefund(new ProviderRefund("o-1", "r-1", 300, 1000, "CNY", "partial"));

      assertThat(other.outcome()).isEqualTo(ProviderOutcome.FAILED);
      assertThat(other.failure()).contains("not believed").contains("250");
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
      return wechat;
    }

    @Override
    protected void userPays(String orderId) {
      wechat.pay(orderId);
    }

    @Override
    protected State unpaidState() {
      return State.NOT_PAID;
    }

    @Override
    protected Map<String, Long> refundsAtGateway(String orderId) {
      return wechat.refundsOf(orderId);
    }
  }

  @Nested
  class Callbacks {

    private Notification paid;
    private FakeWechatPayGateway.Trade trade;

    @BeforeEach
    void paidOrder() {
      provider.create(order("o-1", 2500));
      paid = wechat.pay("o-1");
      trade = wechat.trade("o-1").orElseThrow();
    }

    @Test
    void aGenuineNotificationIsDecryptedWithTheExactAmount() {
      ProviderCallback cb = provider.verifyCallback(paid.headers(), paid.body());

      assertThat(cb.paid()).isTrue();
      assertThat(cb.outTradeNo()).isEqualTo("o-1");
      assertThat(cb.tradeNo()).isEqualTo(trade.transactionId());
      assertThat(cb.amountMinor()).isEqualTo(2500);
      assertThat(cb.currency()).isEqualTo("CNY");
      assertThat(cb.merchantId()).isEqualTo(FakeWechatPayGateway.MCH_ID);
      assertThat(Instant.parse(cb.paidAt()))
          .isCloseTo(Instant.now(), within(5, ChronoUnit.SECONDS));
    }

    @Test
    void aForgedSignatureOrATamperedBodyIsRejected() {
      Notification forged = wechat.forgedNotification(trade);
      assertRejected(forged.headers(), forged.body(), "does not verify", Kind.BAD_SIGNATURE);

      assertRejected(
          paid.headers(),
          paid.body().replace("TRANSACTION.SUCCESS", "TRANSACTION.SUCCEED"),
          "does not verify",
          Kind.BAD_SIGNATURE);
      Map<String, String> noSignature = new java.util.HashMap<>(paid.headers());
      noSignature.remove("Wechatpay-Signature");
      assertRejected(noSignature, paid.body(), "missing", Kind.UNSIGNED);
    }

    @Test
    void aNotificationForAnotherMerchantOrAppIsRejected() {
      Notification otherMerchant =
          wechat.notification(trade, tx -> tx.put("mchid", "1900009999"), now(), nonce());
      assertRejected(otherMerchant.headers(), otherMerchant.body(), "mchid", Kind.FOREIGN);

      Notification otherApp =
          wechat.notification(trade, tx -> tx.put("appid", "wx0000000000000000"), now(), nonce());
      assertRejected(otherApp.headers(), otherApp.body(), "appid", Kind.FOREIGN);
    }

    @Test
    void aStaleNotificationIsRejected() {
      Notification stale = wechat.notification(trade, tx -> {}, now() - 301, nonce());
      assertRejected(stale.headers(), stale.body(), "outside", Kind.STALE);
    }

    @Test
    void aReplayedNonceIsRejected() {
      provider.verifyCallback(paid.headers(), paid.body());

      assertRejected(paid.headers(), paid.body(), "already seen", Kind.REPLAYED);
      assertThat(provider.callbackAcknowledgement().body()).contains("SUCCESS");
    }

    @Test
    void aRefundAsksForItsNotificationsBesideThePayments_andTheNotificationIsVerifiedAndRead() {
      provider.refund(new ProviderRefund("o-1", "r-1", 1000, 2500, "CNY", "partial"));
      assertThat(wechat.refundNotifyUrl("r-1"))
          .contains("http://127.0.0.1:1/notify/wechat/refunds");
      Notification done = wechat.refundNotification("r-1", "REFUND.SUCCESS", now(), nonce());

      ProviderRefundNotice notice = provider.verifyRefundNotice(done.headers(), done.body());

      assertThat(notice.orderId()).isEqualTo("o-1");
      assertThat(notice.refundId()).isEqualTo("r-1");
      assertThat(notice.status()).isEqualTo("SUCCESS");
      assertThat(notice.notifyId()).isNotBlank();
      assertThatThrownBy(() -> provider.verifyRefundNotice(done.headers(), done.body()))
          .isInstanceOf(CallbackRejectedException.class)
          .hasMessageContaining("already seen");
    }

    @Test
    void aRefundNotificationMustBeSignedByWechatPay_fresh_andNotAPaymentsNotification() {
      provider.refund(new ProviderRefund("o-1", "r-2", 1000, 2500, "CNY", "partial"));
      Notification genuine = wechat.refundNotification("r-2", "REFUND.ABNORMAL", now(), nonce());
      Notification stale = wechat.refundNotification("r-2", "REFUND.SUCCESS", now() - 301, nonce());

      assertThatThrownBy(
              () ->
                  provider.verifyRefundNotice(
                      genuine.headers(),
                      genuine.body().replace("REFUND.ABNORMAL", "REFUND.SUCCESS")))
          .isInstanceOf(CallbackRejectedException.class)
          .hasMessageContaining("does not verify");
      assertThatThrownBy(() -> provider.verifyRefundNotice(stale.headers(), stale.body()))
          .isInstanceOf(CallbackRejectedException.class)
          .hasMessageContaining("outside");
      assertThatThrownBy(() -> provider.verifyRefundNotice(paid.headers(), paid.body()))
          .isInstanceOf(CallbackRejectedException.class)
          .hasMessageContaining("not a refund notification");
      assertThat(provider.verifyRefundNotice(genuine.headers(), genuine.body()).status())
          .isEqualTo("ABNORMAL");
    }

    private void assertRejected(Map<String, String> headers, String body, String why, Kind kind) {
      int before = seenNonces.size();
      assertThatThrownBy(() -> provider.verifyCallback(headers, body))
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

    private static long now() {
      return Instant.now().getEpochSecond();
    }

    private static String nonce() {
      return UUID.randomUUID().toString();
    }
  }
}
