package io.channelshift.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the client does with each kind of answer, against a scripted HTTP server: the real starter's
 * answers are exercised end to end in the app module (ChannelShiftClientEndToEndTest); here are the
 * ones a healthy starter rarely gives (no answer, 503, a proxy's 502).
 */
class ChannelShiftClientTest {

  private static final String KEY = "csk_test_key_123";
  private static final NewPayment PAYMENT =
      new NewPayment("order-1", "user-7", 3000, "CNY", "game_card", "60 gems", "203.0.113.9");
  private static final String CREATED =
      """
      {"orderId":"order-1","status":"AWAITING_PAYMENT","channel":"legacy","payUrl":"http://pay/1",
       "expiresAt":"2026-11-26T08:00:00Z"}""";

  private MockWebServer server;
  private ChannelShiftClient client;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    client =
        ChannelShiftClient.builder(URI.create(server.url("/").toString()), KEY)
            .firstBackoff(Duration.ofMillis(10))
            .requestTimeout(Duration.ofMillis(800))
            .build();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  @Test
  void createsAPayment_withTheKeyAndTheRequestAsJson() throws Exception {
    server.enqueue(json(201, CREATED));

    PaymentCreated created = client.createPayment(PAYMENT);

    assertThat(created)
        .isEqualTo(
            new PaymentCreated(
                "order-1",
                PaymentStatus.AWAITING_PAYMENT,
                "legacy",
                "http://pay/1",
                Instant.parse("2026-11-26T08:00:00Z")));
    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getMethod()).isEqualTo("POST");
    assertThat(sent.getPath()).isEqualTo("/api/payments");
    assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(sent.getBody().readUtf8())
        .isEqualTo(
            "{\"orderId\":\"order-1\",\"userId\":\"user-7\","
                + "\"amountMinor\":3000,\"currency\":\"CNY\",\"productType\":\"game_card\",\"subject\":\"60 gems\","
                + "\"clientIp\":\"203.0.113.9\"}");
  }

  @Test
  void sendsTheSameRequestAgain_whenChannelShiftIsNotReady() throws Exception {
    server.enqueue(problem(503, "Payment not ready", "the pay URL was not ready within 10000 ms"));
    server.enqueue(json(201, CREATED));

    assertThat(client.createPayment(PAYMENT).payUrl()).isEqualTo("http://pay/1");
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(server.takeRequest().getBody().readUtf8())
        .isEqualTo(server.takeRequest().getBody().readUtf8());
  }

  @Test
  void sendsTheSameRequestAgain_whenTheConnectionDropsWithoutAnAnswer() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    server.enqueue(json(201, CREATED));

    assertThat(client.createPayment(PAYMENT).orderId()).isEqualTo("order-1");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void givesUpAfterItsAttempts_withARetryableException() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(problem(503, "Payment not ready", "not ready"));
    }

    assertThatThrownBy(() -> client.createPayment(PAYMENT))
        .isInstanceOfSatisfying(
            ChannelShiftException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.detail()).isEqualTo("not ready");
              assertThat(e.retryable()).isTrue();
            });
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void anAnswerThatNeverComesIsStatusZero_afterItsAttempts() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    }

    assertThatThrownBy(() -> client.payment("order-1"))
        .isInstanceOfSatisfying(
            ChannelShiftException.class,
            e -> {
              assertThat(e.status()).isZero();
              assertThat(e.retryable()).isTrue();
              assertThat(e.getMessage()).contains("no answer after 3 attempts");
            });
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aRefusalIsNotRetried_andNamesTheFields() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(400)
            .setHeader("Content-Type", "application/problem+json")
            .setBody(
                "{\"title\":\"Invalid request\",\"status\":400,\"detail\":\"1 field is invalid\","
                    + "\"errors\":[{\"field\":\"amountMinor\",\"problem\":\"must be a positive integer\"}]}"));

    assertThatThrownBy(() -> client.createPayment(PAYMENT))
        .isInstanceOfSatisfying(
            ChannelShiftException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.title()).isEqualTo("Invalid request");
              assertThat(e.fieldErrors())
                  .containsExactly(
                      new ChannelShiftException.FieldError(
                          "amountMinor", "must be a positive integer"));
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).contains("amountMinor: must be a positive integer");
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void theProvidersRefusalIsNotRetried_butAProxysBadGatewayIs() {
    server.enqueue(problem(502, "Payment not started", "payment order-1 is FAILED: declined"));
    assertThatThrownBy(() -> client.createPayment(PAYMENT))
        .isInstanceOfSatisfying(
            ChannelShiftException.class, e -> assertThat(e.status()).isEqualTo(502));
    assertThat(server.getRequestCount()).isEqualTo(1);

    server.enqueue(
        new MockResponse()
            .setResponseCode(502)
            .setHeader("Content-Type", "text/html")
            .setBody("<html>bad gateway</html>"));
    server.enqueue(json(201, CREATED));
    assertThat(client.createPayment(PAYMENT).orderId()).isEqualTo("order-1");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aGatewayAskingToSlowDownIsWaitedFor_andSaidRetryableWhenItDoesNotStop() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setResponseCode(429).setBody("slow down"));
    }

    assertThatThrownBy(() -> client.payment("order-1"))
        .isInstanceOfSatisfying(
            ChannelShiftException.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.detail()).isEqualTo("slow down");
              assertThat(e.retryable()).isTrue();
            });
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void anUnknownPaymentIsEmpty() {
    server.enqueue(problem(404, "Payment not found", "no payment nope"));

    assertThat(client.payment("nope")).isEmpty();
  }

  @Test
  void readsAPayment_knowingNothingOfStatesOrFieldsNewerThanItself() {
    server.enqueue(
        json(
            200,
            """
        {"orderId":"order-1","status":"ON_HOLD_FOR_A_NEW_REASON","channel":"nova","routingVersion":4,
         "amountMinor":3000,"currency":"CNY","productType":"game_card","paidAmountMinor":3000,
         "refundedAmountMinor":1000,"tradeNo":"T1","payUrl":"http://pay/1","expiresAt":"2026-11-26T08:00:00Z",
         "anomalyReason":null,"refunds":[{"refundId":"r1","amountMinor":1000,"reason":"gone","status":"SUCCEEDED",
         "automatic":false,"failure":null,"someNewField":1}],"notes":["paid by an active query"],
         "createdAt":"2026-11-26T07:45:00Z","paidAt":"2026-11-26T07:46:00Z","updatedAt":"2026-11-26T07:47:00Z",
         "aFieldFromTheFuture":true}"""));

    Payment p = client.payment("order-1").orElseThrow();

    assertThat(p.status()).isEqualTo(PaymentStatus.UNKNOWN);
    assertThat(p.paidAmountMinor() - p.refundedAmountMinor()).isEqualTo(2000);
    assertThat(p.refunds())
        .containsExactly(new Refund("r1", 1000, "gone", RefundStatus.SUCCEEDED, false, null));
    assertThat(p.paidAt()).isEqualTo(Instant.parse("2026-11-26T07:46:00Z"));
  }

  @Test
  void refundsAndReadsTheRefund() throws Exception {
    server.enqueue(
        json(
            202,
            "{\"refundId\":\"r1\",\"amountMinor\":1000,\"reason\":\"gone\","
                + "\"status\":\"REQUESTED\",\"automatic\":false,\"failure\":null}"));
    server.enqueue(
        json(
            200,
            "{\"refundId\":\"r1\",\"amountMinor\":1000,\"reason\":\"gone\","
                + "\"status\":\"SUCCEEDED\",\"automatic\":false,\"failure\":null}"));

    assertThat(client.refund("order-1", new NewRefund("r1", 1000, "gone")).status())
        .isEqualTo(RefundStatus.REQUESTED);
    assertThat(client.refund("order-1", "r1"))
        .get()
        .extracting(Refund::status)
        .isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(server.takeRequest().getPath()).isEqualTo("/api/payments/order-1/refunds");
    assertThat(server.takeRequest().getPath()).isEqualTo("/api/payments/order-1/refunds/r1");
  }

  @Test
  void anIdCannotChangeWhichPathIsCalled() throws Exception {
    server.enqueue(problem(404, "Payment not found", "no"));

    client.payment("a/../../actuator");

    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getPath())
        .isEqualTo("/api/payments/a%2F..%2F..%2Factuator");
  }

  @Test
  void neverShowsTheKey() {
    assertThat(client.toString()).doesNotContain(KEY);
    assertThatThrownBy(() -> ChannelShiftClient.builder(URI.create("http://x"), " "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private static MockResponse problem(int status, String title, String detail) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/problem+json")
        .setBody(
            "{\"title\":\""
                + title
                + "\",\"status\":"
                + status
                + ",\"detail\":\""
                + detail
                + "\"}");
  }
}
