package io.channelshift.provider.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.HttpServer;
import io.channelshift.payment.CreateFailure;
import io.channelshift.payment.ProviderCallback;
import io.channelshift.payment.ProviderOrderState.State;
import io.channelshift.payment.ProviderOutcome;
import io.channelshift.provider.CallbackRejectedException;
import io.channelshift.provider.CallbackRejectedException.Kind;
import io.channelshift.provider.ProviderErrorType;
import io.channelshift.provider.ProviderException;
import io.channelshift.provider.ProviderOrder;
import io.channelshift.provider.ProviderRefund;
import io.channelshift.provider.ProviderRefundNotice;
import io.channelshift.provider.StatementReader;
import io.channelshift.reconciliation.StatementLine;
import io.channelshift.sandbox.FaultSettings;
import io.channelshift.sandbox.SandboxConfig;
import io.channelshift.sandbox.SandboxServer;
import io.channelshift.sandbox.SandboxSignature;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The sandbox adapter against the sandbox provider over real HTTP. */
class SandboxProviderTest {

  private static final String MERCHANT = "M-LEGACY-001";
  private static final String SECRET = "a-merchant-secret-of-some-length";

  private SandboxServer sandbox;
  private SandboxProvider provider;
  private final Set<String> seenNonces = new HashSet<>();

  @BeforeEach
  void start() {
    sandbox =
        SandboxServer.start(SandboxConfig.defaults("legacy", 0, MERCHANT, SECRET).withFeeBps(60));
    provider = provider(sandbox.baseUrl());
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private SandboxProvider provider(String baseUrl) {
    return new SandboxProvider(
        new SandboxChannelSettings(
            "legacy",
            baseUrl,
            MERCHANT,
            SECRET,
            "http://127.0.0.1:1/notify/legacy",
            Duration.ofMillis(500),
            Duration.ofSeconds(2)),
        (channel, nonce) -> seenNonces.add(channel + "/" + nonce),
        Clock.systemUTC());
  }

  @Nested
  class Calls {

    @Test
    void createQueryAndClose() {
      var created = provider.create(order("o-1", 1500));
      assertThat(created.outcome()).isEqualTo(ProviderOutcome.PROCESSED);
      assertThat(created.payUrl()).endsWith("/cashier/o-1");

      assertThat(provider.query("o-1").state()).isEqualTo(State.NOT_PAID);
      assertThat(provider.close("o-1").state()).isEqualTo(State.CLOSED);
      assertThat(provider.query("missing").state()).isEqualTo(State.NOT_FOUND);
    }

    @Test
    void closingAnOrderPaidMeanwhileAnswersPaidWithTheAmount() throws Exception {
      provider.create(order("o-2", 900));
      adminPay("o-2");

      var closed = provider.close("o-2");

      assertThat(closed.state()).isEqualTo(State.PAID);
      assertThat(closed.paidAmountMinor()).isEqualTo(900);
      assertThat(closed.merchantId()).isEqualTo(MERCHANT);
    }

    @Test
    void aRefusedCreateIsFailed_notUnknown() {
      provider.create(order("o-3", 100));

      var conflict = provider.create(order("o-3", 200));

      assertThat(conflict.outcome()).isEqualTo(ProviderOutcome.FAILED);
      assertThat(conflict.failure()).contains("OUT_TRADE_NO_CONFLICT");
    }

    @Test
    void aCreateThatGetsA5xxIsUnknown_soTheWorkflowQueriesFirst() {
      sandbox.setFaults(new FaultSettings(0, 1.0, 1, 0, 0, 0, 0, false, false));

      assertThat(provider.create(order("o-4", 100)).outcome()).isEqualTo(ProviderOutcome.UNKNOWN);
    }

    @Test
    void aCreateRefusedForAnyOrderOfTheMerchantIsFailedAndSaysTheChannelIsRestricted() {
      provider.create(order("o-r1", 100));
      sandbox.setFaults(FaultSettings.NONE.with("{\"merchantRestricted\":true}"));

      var refused = provider.create(order("o-r2", 100));

      assertThat(refused.outcome()).isEqualTo(ProviderOutcome.FAILED);
      assertThat(refused.failureKind()).isEqualTo(CreateFailure.RESTRICTED);
      assertThat(refused.failure()).contains("MERCHANT_RESTRICTED");
      // Only creates are refused: the order created before is still asked about.
      assertThat(provider.query("o-r1").state()).isEqualTo(State.NOT_PAID);
    }

    @Test
    void aRefusalAboutTheOrderIsNotTheChannels_andAnOutageIsUnavailable() {
      provider.create(order("o-k1", 100));
      assertThat(provider.create(order("o-k1", 200)).failureKind()).isEqualTo(CreateFailure.ORDER);
      assertThat(provider.create(order("o-k2", 100)).failureKind()).isEqualTo(CreateFailure.NONE);

      sandbox.setFaults(new FaultSettings(0, 0, 1, 0, 0, 0, 0, false, true));

      var down = provider.create(order("o-k3", 100));
      assertThat(down.outcome()).isEqualTo(ProviderOutcome.UNKNOWN);
      assertThat(down.failureKind()).isEqualTo(CreateFailure.UNAVAILABLE);
      assertThat(provider("http://127.0.0.1:1").create(order("o-k4", 100)).failureKind())
          .isEqualTo(CreateFailure.TRANSPORT);
    }

    @Test
    void aCreateThatCannotConnectIsUnknown_andAQueryThrowsARetryableError() {
      SandboxProvider unreachable = provider("http://127.0.0.1:1");

      assertThat(unreachable.create(order("o-5", 100)).outcome())
          .isEqualTo(ProviderOutcome.UNKNOWN);
      assertThatThrownBy(() -> unreachable.query("o-5"))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.type()).isEqualTo(ProviderErrorType.TRANSPORT);
                assertThat(e.retryable()).isTrue();
              });
    }

    @Test
    void aSuccessThatIsNotJsonIsNoAnswer_soACreateIsUnknownAndAQueryIsRetried() throws Exception {
      HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
      proxy.createContext(
          "/",
          exchange -> {
            byte[] page = "<html>gateway maintenance</html>".getBytes();
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
          });
      proxy.start();
      try {
        SandboxProvider behindProxy = provider("http://127.0.0.1:" + proxy.getAddress().getPort());

        assertThat(behindProxy.create(order("o-9", 100)).outcome())
            .isEqualTo(ProviderOutcome.UNKNOWN);
        assertThatThrownBy(() -> behindProxy.query("o-9"))
            .isInstanceOfSatisfying(
                ProviderException.class, e -> assertThat(e.retryable()).isTrue());
      } finally {
        proxy.stop(0);
      }
    }

    @Test
    void aQueryDuringAnOutageThrowsARetryableError() {
      sandbox.setFaults(new FaultSettings(0, 0, 1, 0, 0, 0, 0, false, true));

      assertThatThrownBy(() -> provider.query("o-6"))
          .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void refundsAreIdempotentOnTheRefundIdAndRefusedAboveThePaidAmount() throws Exception {
      provider.create(order("o-7", 1000));
      adminPay("o-7");

      var first = provider.refund(new ProviderRefund("o-7", "r-7", 400, 1000, "CNY", "x"));
      var again = provider.refund(new ProviderRefund("o-7", "r-7", 400, 1000, "CNY", "x"));
      var tooMuch = provider.refund(new ProviderRefund("o-7", "r-8", 601, 1000, "CNY", "x"));

      assertThat(first.outcome()).isIn(ProviderOutcome.PENDING, ProviderOutcome.PROCESSED);
      assertThat(again.providerRefundNo()).isEqualTo(first.providerRefundNo());
      assertThat(tooMuch.outcome()).isEqualTo(ProviderOutcome.FAILED);
      assertThat(tooMuch.failure()).contains("REFUND_AMOUNT_EXCEEDED");
      assertThat(
              provider
                  .queryRefund(new ProviderRefund("o-7", "r-unknown", 1, 1000, "CNY", "x"))
                  .outcome())
          .isEqualTo(ProviderOutcome.CANCELED);
    }

    /**
     * The observed attack, at the adapter: order A's refund r1 exists; order B's refund call under
     * the same number meets a 5xx (nothing refunded), so B asks where r1 stands and the sandbox
     * answers with A's refund.
     */
    @Test
    void aRefundQueryAnsweredWithAnotherOrdersRefundIsNotBelieved() throws Exception {
      provider.create(order("o-a", 1000));
      adminPay("o-a");
      provider.create(order("o-b", 1000));
      adminPay("o-b");
      provider.refund(new ProviderRefund("o-a", "r1", 400, 1000, "CNY", "x"));
      sandbox.setFaults(FaultSettings.NONE.with("{\"refund5xxRate\":1.0}"));

      var call = provider.refund(new ProviderRefund("o-b", "r1", 400, 1000, "CNY", "x"));
      var query = provider.queryRefund(new ProviderRefund("o-b", "r1", 400, 1000, "CNY", "x"));

      assertThat(call.outcome()).isEqualTo(ProviderOutcome.UNKNOWN);
      assertThat(query.outcome()).isEqualTo(ProviderOutcome.FAILED);
      assertThat(query.failure()).contains("not believed").contains("order o-a");
    }

    @Test
    void aRefundQueryAnsweredForAnotherAmountIsNotBelieved() throws Exception {
      provider.create(order("o-c", 1000));
      adminPay("o-c");
      provider.refund(new ProviderRefund("o-c", "r-c", 400, 1000, "CNY", "x"));

      var other = provider.queryRefund(new ProviderRefund("o-c", "r-c", 500, 1000, "CNY", "x"));

      assertThat(other.outcome()).isEqualTo(ProviderOutcome.FAILED);
      assertThat(other.failure()).contains("not believed").contains("400");
    }

    @Test
    void theStatementIsReadPageByPageAndResumesAfterAGivenLine() throws Exception {
      for (int i = 1; i <= 5; i++) {
        provider.create(order("s-" + i, 1000 + i));
        adminPay("s-" + i);
      }
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      List<StatementLine> all = new ArrayList<>();
      try (StatementReader reader = provider.openStatement(today, 0)) {
        for (List<StatementLine> page = reader.next(2); !page.isEmpty(); page = reader.next(2)) {
          all.addAll(page);
        }
      }
      assertThat(all).extracting(StatementLine::lineNo).containsExactly(1L, 2L, 3L, 4L, 5L);
      StatementLine s3 =
          all.stream().filter(l -> l.orderId().equals("s-3")).findFirst().orElseThrow();
      assertThat(s3.amountMinor()).isEqualTo(1003);
      assertThat(s3.feeMinor()).isEqualTo(6); // the sandbox charges 0.60%: 6.018 fen, half up
      assertThat(s3.kind()).isEqualTo(StatementLine.Kind.PAYMENT);
      try (StatementReader resumed = provider.openStatement(today, 3)) {
        assertThat(resumed.next(10)).extracting(StatementLine::lineNo).containsExactly(4L, 5L);
      }
    }

    @ParameterizedTest
    @MethodSource("io.channelshift.provider.fake.HostileBillText#all")
    void aSubjectOrRefundReasonWithCommasQuotesOrLineBreaksRoundTripsThroughTheStatement(
        String text) throws Exception {
      provider.create(
          new ProviderOrder(
              "o-1", 1999, "CNY", text, "203.0.113.1", System.currentTimeMillis() + 60_000));
      provider.create(order("o-2", 500));
      adminPay("o-1");
      adminPay("o-2");
      provider.refund(new ProviderRefund("o-1", "r-1", 999, 1999, "CNY", text));
      LocalDate today = LocalDate.now(ZoneOffset.UTC);

      List<StatementLine> all = new ArrayList<>();
      try (StatementReader reader = provider.openStatement(today, 0)) {
        for (List<StatementLine> page = reader.next(1); !page.isEmpty(); page = reader.next(1)) {
          all.addAll(page);
        }
      }
      assertThat(all)
          .extracting(
              StatementLine::kind,
              StatementLine::orderId,
              StatementLine::refundId,
              StatementLine::amountMinor,
              StatementLine::feeMinor)
          .containsExactly(
              tuple(StatementLine.Kind.PAYMENT, "o-1", null, 1999L, 12L),
              tuple(StatementLine.Kind.PAYMENT, "o-2", null, 500L, 3L),
              tuple(StatementLine.Kind.REFUND, "o-1", "r-1", 999L, 6L));
      assertThat(all).extracting(StatementLine::lineNo).containsExactly(1L, 2L, 3L);
    }
  }

  @Nested
  class CallbackVerification {

    private static final String BODY =
        "{\"notifyId\":\"N1\",\"merchantId\":\""
            + MERCHANT
            + "\",\"outTradeNo\":\"o-1\","
            + "\"tradeNo\":\"T1\",\"status\":\"SUCCESS\",\"amountMinor\":1500,\"currency\":\"CNY\",\"paidAt\":\"x\"}";

    @Test
    void aGenuineCallbackIsParsed() {
      ProviderCallback cb = provider.verifyCallback(headers(SECRET, now(), "n-1", BODY), BODY);

      assertThat(cb.outTradeNo()).isEqualTo("o-1");
      assertThat(cb.amountMinor()).isEqualTo(1500);
      assertThat(cb.paid()).isTrue();
    }

    @Test
    void aForgedSignatureIsRejected() {
      assertRejected(
          headers("not-the-merchant-secret", now(), "n-2", BODY),
          BODY,
          "signature does not verify",
          Kind.BAD_SIGNATURE);
    }

    @Test
    void aTamperedBodyIsRejected() {
      String tampered = BODY.replace("1500", "1");
      assertRejected(
          headers(SECRET, now(), "n-3", BODY),
          tampered,
          "signature does not verify",
          Kind.BAD_SIGNATURE);
    }

    @Test
    void aStaleCallbackIsRejected() {
      String old = Long.toString(Instant.now().minusSeconds(301).getEpochSecond());
      assertRejected(headers(SECRET, old, "n-4", BODY), BODY, "timestamp outside", Kind.STALE);
    }

    @Test
    void aReplayedCallbackIsRejected() {
      provider.verifyCallback(headers(SECRET, now(), "n-5", BODY), BODY);
      assertRejected(headers(SECRET, now(), "n-5", BODY), BODY, "replayed", Kind.REPLAYED);
    }

    @Test
    void anotherMerchantsCallbackIsRejected() {
      String other = BODY.replace(MERCHANT, "M-OTHER");
      assertRejected(headers(SECRET, now(), "n-6", other), other, "merchantId", Kind.FOREIGN);
    }

    @Test
    void aCallbackWithoutHeadersOrJsonIsRejected() {
      assertRejected(Map.of(), BODY, "missing signature headers", Kind.UNSIGNED);
      assertRejected(
          headers(SECRET, now(), "n-7", "not json"), "not json", "not JSON", Kind.MALFORMED);
    }

    private static final String REFUND_BODY =
        "{\"notifyId\":\"NR1\",\"merchantId\":\""
            + MERCHANT
            + "\","
            + "\"type\":\"REFUND\",\"outTradeNo\":\"o-1\",\"outRefundNo\":\"r-1\",\"refundNo\":\"R1\","
            + "\"status\":\"SUCCESS\",\"amountMinor\":500,\"currency\":\"CNY\",\"succeededAt\":\"x\"}";

    @Test
    void aGenuineRefundNoticeIsParsed_andIsNoPaymentCallback() {
      ProviderRefundNotice notice =
          provider.verifyRefundNotice(headers(SECRET, now(), "n-8", REFUND_BODY), REFUND_BODY);

      assertThat(notice).isEqualTo(new ProviderRefundNotice("NR1", "o-1", "r-1", "SUCCESS"));
      assertRejected(
          headers(SECRET, now(), "n-9", REFUND_BODY),
          REFUND_BODY,
          "a refund notice",
          Kind.MALFORMED);
      assertThatThrownBy(
              () -> provider.verifyRefundNotice(headers(SECRET, now(), "n-10", BODY), BODY))
          .isInstanceOf(CallbackRejectedException.class)
          .hasMessageContaining("not a refund notice");
    }

    @Test
    void aRefundNoticeIsVerifiedLikeACallback() {
      assertThatThrownBy(
              () ->
                  provider.verifyRefundNotice(
                      headers("not-the-merchant-secret", now(), "n-11", REFUND_BODY), REFUND_BODY))
          .isInstanceOf(CallbackRejectedException.class)
          .hasMessageContaining("signature does not verify");
      provider.verifyRefundNotice(headers(SECRET, now(), "n-12", REFUND_BODY), REFUND_BODY);
      assertThatThrownBy(
              () ->
                  provider.verifyRefundNotice(
                      headers(SECRET, now(), "n-12", REFUND_BODY), REFUND_BODY))
          .isInstanceOf(CallbackRejectedException.class)
          .hasMessageContaining("replayed");
    }

    /**
     * Refused for the reason, and classified: only a refusal of what the channel signed is
     * evidence.
     */
    private void assertRejected(
        Map<String, String> headers, String body, String reason, Kind kind) {
      assertThatThrownBy(() -> provider.verifyCallback(headers, body))
          .isInstanceOf(CallbackRejectedException.class)
          .hasMessageContaining(reason)
          .satisfies(
              e -> {
                CallbackRejectedException r = (CallbackRejectedException) e;
                assertThat(r.kind()).isEqualTo(kind);
                assertThat(r.signature() != null)
                    .as("identified by its signature")
                    .isEqualTo(kind.evidence());
              });
    }

    private Map<String, String> headers(String secret, String ts, String nonce, String body) {
      return Map.of(
          "x-sandbox-timestamp",
          ts,
          "x-sandbox-nonce",
          nonce,
          "x-sandbox-signature",
          SandboxSignature.sign(secret, ts, nonce, body));
    }

    private String now() {
      return Long.toString(Instant.now().getEpochSecond());
    }
  }

  private static ProviderOrder order(String id, long amount) {
    return new ProviderOrder(
        id, amount, "CNY", "card", "203.0.113.1", System.currentTimeMillis() + 60_000);
  }

  private void adminPay(String orderId) throws Exception {
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create(sandbox.baseUrl() + "/admin/orders/" + orderId + "/pay"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"deliverCallback\":false}"))
                .build(),
            HttpResponse.BodyHandlers.discarding());
  }
}
