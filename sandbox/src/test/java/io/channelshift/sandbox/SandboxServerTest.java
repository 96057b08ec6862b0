package io.channelshift.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The sandbox provider over real HTTP, with a real merchant endpoint receiving its callbacks. */
class SandboxServerTest {

  private static final String MERCHANT = "M-1";
  private static final String SECRET = "0123456789abcdef-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private SandboxServer sandbox;
  private HttpServer merchant;
  private final List<Map<String, String>> callbacks = new CopyOnWriteArrayList<>();
  private final AtomicInteger failFirst = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    merchant = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    merchant.createContext(
        "/notify",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          var h = exchange.getRequestHeaders();
          callbacks.add(
              Map.of(
                  "body",
                  body,
                  "ts",
                  h.getFirst(SandboxSignature.TIMESTAMP_HEADER),
                  "nonce",
                  h.getFirst(SandboxSignature.NONCE_HEADER),
                  "sig",
                  h.getFirst(SandboxSignature.SIGNATURE_HEADER)));
          byte[] answer =
              (failFirst.getAndDecrement() > 0 ? "fail" : "success")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    merchant.start();
    sandbox =
        SandboxServer.start(
            new SandboxConfig(
                "legacy",
                "127.0.0.1",
                0,
                MERCHANT,
                SECRET,
                FaultSettings.NONE,
                List.of(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(50)),
                Duration.ofMillis(200),
                7,
                60));
  }

  @AfterEach
  void stop() {
    sandbox.close();
    merchant.stop(0);
  }

  @Nested
  class Orders {

    @Test
    void aSignedCreateAnswersThePayUrl_andRepeatingItAnswersTheSameOrder() throws Exception {
      HttpResponse<String> first = create("o-1", 1234);
      HttpResponse<String> again = create("o-1", 1234);

      assertThat(first.statusCode()).isEqualTo(200);
      JsonNode order = JSON.readTree(first.body());
      assertThat(order.path("payUrl").asText()).isEqualTo(sandbox.baseUrl() + "/cashier/o-1");
      assertThat(order.path("status").asText()).isEqualTo("NOTPAY");
      assertThat(JSON.readTree(again.body()).path("tradeNo")).isEqualTo(order.path("tradeNo"));
    }

    @Test
    void theSameOrderIdWithAnotherAmountIsRefused() throws Exception {
      create("o-2", 100);

      HttpResponse<String> conflict = create("o-2", 200);

      assertThat(conflict.statusCode()).isEqualTo(409);
      assertThat(JSON.readTree(conflict.body()).path("code").asText())
          .isEqualTo("OUT_TRADE_NO_CONFLICT");
    }

    @Test
    void closingAPaidOrderIsRefusedAsPaid() throws Exception {
      create("o-3", 100);
      admin("/admin/orders/o-3/pay", "{\"deliverCallback\":false}");

      HttpResponse<String> close = signed("POST", "/v1/orders/o-3/close", "");

      assertThat(close.statusCode()).isEqualTo(409);
      assertThat(JSON.readTree(close.body()).path("code").asText()).isEqualTo("ORDER_PAID");
    }

    @Test
    void refundsNeverExceedThePaidAmount_andSucceedAfterTheRefundDelay() throws Exception {
      create("o-4", 1000);
      admin("/admin/orders/o-4/pay", "{\"deliverCallback\":false}");

      HttpResponse<String> refund =
          signed(
              "POST",
              "/v1/refunds",
              "{\"outTradeNo\":\"o-4\",\"outRefundNo\":\"r-1\",\"amountMinor\":600}");
      HttpResponse<String> tooMuch =
          signed(
              "POST",
              "/v1/refunds",
              "{\"outTradeNo\":\"o-4\",\"outRefundNo\":\"r-2\",\"amountMinor\":401}");

      assertThat(JSON.readTree(refund.body()).path("status").asText()).isEqualTo("PROCESSING");
      assertThat(tooMuch.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(tooMuch.body()).path("code").asText())
          .isEqualTo("REFUND_AMOUNT_EXCEEDED");
      Thread.sleep(300);
      JsonNode settled = JSON.readTree(signed("GET", "/v1/refunds/r-1", "").body());
      assertThat(settled.path("status").asText()).isEqualTo("SUCCESS");
      // The order and amount the refund is for are in the answer: the merchant believes it only for
      // its own.
      assertThat(settled.path("outTradeNo").asText()).isEqualTo("o-4");
      assertThat(settled.path("amountMinor").asLong()).isEqualTo(600);
    }

    @Test
    void theStatementListsTheDaysPaymentsAndRefunds() throws Exception {
      create("o-5", 700);
      admin("/admin/orders/o-5/pay", "{\"deliverCallback\":false}");
      signed(
          "POST",
          "/v1/refunds",
          "{\"outTradeNo\":\"o-5\",\"outRefundNo\":\"r-5\",\"amountMinor\":200}");

      String today = LocalDate.now(ZoneOffset.UTC).toString();
      String statement = signed("GET", "/v1/statements/" + today, "").body();

      assertThat(statement).startsWith("type,tradeNo,outTradeNo");
      assertThat(statement)
          .contains(",o-5,,700,CNY,")
          .contains("REFUND,")
          .contains(",o-5,r-5,200,CNY,");
    }

    @Test
    void theCashierPageOffersPayAndCancel() throws Exception {
      create("o-6", 1999);

      String page =
          http.send(
                  HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/cashier/o-6")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();

      assertThat(page).contains("19.99 CNY").contains(">Pay</button>").contains(">Cancel</button>");
    }
  }

  @Nested
  class Authentication {

    @Test
    void anUnsignedRequestIsRefused() throws Exception {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/v1/orders/x")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void aRequestSignedWithAnotherKeyIsRefused() throws Exception {
      HttpResponse<String> r =
          send(
              "GET",
              "/v1/orders/x",
              "",
              "another-secret-000000",
              Long.toString(Instant.now().getEpochSecond()),
              UUID.randomUUID().toString());
      assertThat(JSON.readTree(r.body()).path("code").asText()).isEqualTo("SIGNATURE_INVALID");
    }

    @Test
    void aStaleTimestampIsRefused() throws Exception {
      HttpResponse<String> r =
          send(
              "GET",
              "/v1/orders/x",
              "",
              SECRET,
              Long.toString(Instant.now().minusSeconds(600).getEpochSecond()),
              UUID.randomUUID().toString());
      assertThat(JSON.readTree(r.body()).path("code").asText()).isEqualTo("TIMESTAMP_EXPIRED");
    }

    @Test
    void aReplayedNonceIsRefused() throws Exception {
      String ts = Long.toString(Instant.now().getEpochSecond());
      send("GET", "/v1/orders/x", "", SECRET, ts, "nonce-1");
      HttpResponse<String> replay = send("GET", "/v1/orders/x", "", SECRET, ts, "nonce-1");
      assertThat(JSON.readTree(replay.body()).path("code").asText()).isEqualTo("NONCE_REPLAYED");
    }
  }

  @Nested
  class Callbacks {

    @Test
    void aPaymentIsCalledBackSigned_andRetriedUntilTheMerchantSaysSuccess() throws Exception {
      failFirst.set(1);
      create("c-1", 500);

      admin("/admin/orders/c-1/pay", "{}");
      awaitCallbacks(2);

      Map<String, String> cb = callbacks.get(1);
      assertThat(
              SandboxSignature.verify(
                  SECRET, cb.get("ts"), cb.get("nonce"), cb.get("body"), cb.get("sig")))
          .isTrue();
      JsonNode body = JSON.readTree(cb.get("body"));
      assertThat(body.path("outTradeNo").asText()).isEqualTo("c-1");
      assertThat(body.path("amountMinor").asLong()).isEqualTo(500);
      assertThat(body.path("merchantId").asText()).isEqualTo(MERCHANT);
      assertThat(body.path("notifyId").asText())
          .isEqualTo(JSON.readTree(callbacks.get(0).get("body")).path("notifyId").asText());
      assertThat(sandbox.callbacksDelivered()).isEqualTo(1);
    }

    @Test
    void aDroppedCallbackIsNeverSent_butTheOrderIsPaid() throws Exception {
      admin("/admin/faults", "{\"callbackDropRate\":1.0}");
      create("c-2", 500);

      admin("/admin/orders/c-2/pay", "{}");
      Thread.sleep(300);

      assertThat(callbacks).isEmpty();
      assertThat(JSON.readTree(signed("GET", "/v1/orders/c-2", "").body()).path("status").asText())
          .isEqualTo("SUCCESS");
    }

    @Test
    void duplicatedCallbacksCarryTheSameNotifyId() throws Exception {
      admin("/admin/faults", "{\"callbackDuplicateRate\":1.0}");
      create("c-3", 500);

      admin("/admin/orders/c-3/pay", "{}");
      awaitCallbacks(2);

      assertThat(JSON.readTree(callbacks.get(0).get("body")).path("notifyId"))
          .isEqualTo(JSON.readTree(callbacks.get(1).get("body")).path("notifyId"));
    }

    @Test
    void anOutageAnswers503AndSendsNoCallback() throws Exception {
      create("c-4", 500);
      admin("/admin/faults", "{\"outage\":true}");

      assertThat(create("c-5", 500).statusCode()).isEqualTo(503);
      admin("/admin/orders/c-4/pay", "{}");
      Thread.sleep(300);
      assertThat(callbacks).isEmpty();
    }

    @Test
    void aCreateFailureRateOfOneFailsEveryCreate() throws Exception {
      admin("/admin/faults", "{\"create5xxRate\":1.0}");
      assertThat(create("c-6", 500).statusCode()).isEqualTo(503);
    }

    @Test
    void aRefundFailureRateOfOneAnswers503_andRefundsNothing() throws Exception {
      create("c-8", 500);
      admin("/admin/orders/c-8/pay", "{\"deliverCallback\":false}");
      admin("/admin/faults", "{\"refund5xxRate\":1.0}");

      HttpResponse<String> refund =
          signed(
              "POST",
              "/v1/refunds",
              "{\"outTradeNo\":\"c-8\",\"outRefundNo\":\"c-8-r\",\"amountMinor\":100}");

      assertThat(refund.statusCode()).isEqualTo(503);
      assertThat(signed("GET", "/v1/refunds/c-8-r", "").statusCode()).isEqualTo(404);
      assertThat(
              JSON.readTree(signed("GET", "/v1/orders/c-8", "").body())
                  .path("refundedAmountMinor")
                  .asLong())
          .isZero();
    }

    @Test
    void badFaultSettingsAreRefusedAndTheOldOnesKept() throws Exception {
      HttpResponse<String> r = admin("/admin/faults", "{\"callbackDropRate\":2}");
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(sandbox.faults()).isEqualTo(FaultSettings.NONE);
    }

    @Test
    void aRefundThatNamesANotifyUrl_isNoticedSignedWhenItSucceeds_once() throws Exception {
      create("c-7", 1000);
      admin("/admin/orders/c-7/pay", "{\"deliverCallback\":false}");
      assertThat(
              JSON.readTree(admin("/admin/refund-delay", "{\"refundDelayMs\":600}").body())
                  .path("refundDelayMs")
                  .asLong())
          .isEqualTo(600);
      String refund =
          "{\"outTradeNo\":\"c-7\",\"outRefundNo\":\"c-7-r\",\"amountMinor\":400,\"notifyUrl\":"
              + "\"http://127.0.0.1:"
              + merchant.getAddress().getPort()
              + "/notify/refunds\"}";
      long askedAt = System.nanoTime();

      signed("POST", "/v1/refunds", refund);
      signed("POST", "/v1/refunds", refund); // asked again: the same refund, noticed once
      awaitCallbacks(1);

      assertThat(Duration.ofNanos(System.nanoTime() - askedAt))
          .isGreaterThanOrEqualTo(Duration.ofMillis(500));
      Map<String, String> notice = callbacks.get(0);
      assertThat(
              SandboxSignature.verify(
                  SECRET,
                  notice.get("ts"),
                  notice.get("nonce"),
                  notice.get("body"),
                  notice.get("sig")))
          .isTrue();
      JsonNode body = JSON.readTree(notice.get("body"));
      assertThat(body.path("type").asText()).isEqualTo("REFUND");
      assertThat(body.path("outTradeNo").asText()).isEqualTo("c-7");
      assertThat(body.path("outRefundNo").asText()).isEqualTo("c-7-r");
      assertThat(body.path("status").asText()).isEqualTo("SUCCESS");
      assertThat(body.path("amountMinor").asLong()).isEqualTo(400);
      assertThat(body.path("merchantId").asText()).isEqualTo(MERCHANT);
      // by the time the notice comes, a query says the same
      assertThat(
              JSON.readTree(signed("GET", "/v1/refunds/c-7-r", "").body()).path("status").asText())
          .isEqualTo("SUCCESS");
      Thread.sleep(300);
      assertThat(callbacks).hasSize(1);
    }

    @Test
    void aRefundDelayThatIsNotANumber_isRefused() throws Exception {
      assertThat(admin("/admin/refund-delay", "{\"refundDelayMs\":\"soon\"}").statusCode())
          .isEqualTo(400);
      assertThat(admin("/admin/refund-delay", "{\"refundDelayMs\":-1}").statusCode())
          .isEqualTo(400);
    }

    private void awaitCallbacks(int n) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (callbacks.size() < n && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(callbacks).hasSizeGreaterThanOrEqualTo(n);
    }
  }

  private HttpResponse<String> create(String orderId, long amount) throws Exception {
    return signed(
        "POST",
        "/v1/orders",
        "{\"outTradeNo\":\""
            + orderId
            + "\",\"amountMinor\":"
            + amount
            + ",\"currency\":\"CNY\",\"subject\":\"card\",\"notifyUrl\":\"http://127.0.0.1:"
            + merchant.getAddress().getPort()
            + "/notify\"}");
  }

  private HttpResponse<String> signed(String method, String path, String body) throws Exception {
    return send(
        method,
        path,
        body,
        SECRET,
        Long.toString(Instant.now().getEpochSecond()),
        UUID.randomUUID().toString());
  }

  private HttpResponse<String> send(
      String method, String path, String body, String secret, String ts, String nonce)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
            .header(SandboxSignature.MERCHANT_HEADER, MERCHANT)
            .header(SandboxSignature.TIMESTAMP_HEADER, ts)
            .header(SandboxSignature.NONCE_HEADER, nonce)
            .header(
                SandboxSignature.SIGNATURE_HEADER, SandboxSignature.sign(secret, ts, nonce, body))
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> admin(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
