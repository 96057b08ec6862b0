package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.embedded.DevKeys;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.StackOptions;
import io.channelshift.payment.PaymentTiming;
import io.channelshift.sandbox.FaultSettings;
import io.channelshift.sandbox.SandboxServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine;

/**
 * By hand, in an emergency, over HTTP against the running stack (sandbox providers, embedded
 * Temporal and PostgreSQL): a payment whose callback the sandbox dropped is settled by ops on the
 * provider's answer and fulfilled; a fulfilment webhook the platform never acknowledged is sent
 * again; and what a hostile or hurried operator can try. The payments here query their provider
 * only every ten minutes, so nothing but the request by hand can settle them within the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ByHandEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PaymentTiming TIMING =
      new PaymentTiming(
          Duration.ofMinutes(10),
          List.of(Duration.ofMinutes(10)),
          Duration.ofMinutes(10),
          Duration.ofSeconds(6));
  private static final FaultSettings CALLBACKS_LOST =
      new FaultSettings(0, 0, 1, 0, 0, 1.0, 0, false, false);

  private EmbeddedStack stack;
  private DemoClient api;
  private JdbcTemplate db;
  private HttpServer platform;
  private final AtomicBoolean platformUp = new AtomicBoolean(true);
  private final Map<String, AtomicInteger> acknowledged = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  void start() throws Exception {
    // the platform's webhook endpoint: it counts each event it got, and can be down
    platform = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    platform.createContext(
        "/",
        exchange -> {
          String eventId = exchange.getRequestHeaders().getFirst("X-ChannelShift-Event-Id");
          exchange.getRequestBody().readAllBytes();
          received
              .computeIfAbsent(String.valueOf(eventId), k -> new AtomicInteger())
              .incrementAndGet();
          boolean up = platformUp.get();
          if (up) {
            acknowledged
                .computeIfAbsent(String.valueOf(eventId), k -> new AtomicInteger())
                .incrementAndGet();
          }
          exchange.sendResponseHeaders(up ? 200 : 500, -1);
          exchange.close();
        });
    platform.start();
    stack =
        EmbeddedStack.start(
            StackOptions.ephemeral(TIMING)
                .withWebhookUrl(
                    "http://127.0.0.1:" + platform.getAddress().getPort() + "/webhooks"));
    api = new DemoClient(stack);
    db = new JdbcTemplate(stack.dataSource());
  }

  @AfterAll
  void stop() {
    stack.close();
    platform.stop(0);
  }

  @Test
  void aLostCallback_settledByOps_isPaidOnTheProvidersWord_andThePlatformIsToldOnce()
      throws Exception {
    SandboxServer legacy = stack.sandbox(EmbeddedStack.LEGACY);
    legacy.setFaults(CALLBACKS_LOST);
    try {
      assertThat(api.createPayment("hand-1", "hana", 1000).status()).isEqualTo(201);
      api.pay("hand-1", Map.of());
      assertThat(api.providerOrder("hand-1").text("status")).isEqualTo("SUCCESS");
      Thread.sleep(500);
      assertThat(api.payment("hand-1").text("status")).isEqualTo("AWAITING_PAYMENT");

      HttpResponse<String> settle =
          send(
              "POST",
              "/api/payments/hand-1/settle",
              DevKeys.OPS,
              "{\"reason\":\"ticket 17\"}",
              "alice");

      assertThat(settle.statusCode()).as(settle.body()).isEqualTo(200);
      JsonNode answer = JSON.readTree(settle.body());
      assertThat(answer.path("outcome").asText()).isEqualTo("SETTLED");
      assertThat(answer.path("providerState").asText()).isEqualTo("PAID");
      assertThat(answer.path("requestedBy").asText()).isEqualTo("alice (key dev-ops)");
      DemoClient.Reply end = api.awaitStatus("hand-1", Set.of("FULFILLED"), Duration.ofSeconds(20));
      assertThat(end.body().path("notes").toString())
          .contains("settlement by hand asked by alice (key dev-ops): ticket 17");
      awaitAcknowledged("fulfil-hand-1", 1);
      assertThat(received.get("fulfil-hand-1").get()).isEqualTo(1);
      assertThat(
              db.queryForList(
                  "select requested_by, reason, outcome, payment_status from manual_requests"
                      + " where order_id = 'hand-1'"))
          .singleElement()
          .satisfies(
              row -> {
                assertThat(row.get("requested_by")).isEqualTo("alice (key dev-ops)");
                assertThat(row.get("outcome")).isEqualTo("SETTLED");
                assertThat(row.get("payment_status")).isEqualTo("PAID");
              });
      // a second request finds nothing to settle
      assertThat(
              send(
                      "POST",
                      "/api/payments/hand-1/settle",
                      DevKeys.OPS,
                      "{\"reason\":\"again\"}",
                      null)
                  .statusCode())
          .isEqualTo(409);
    } finally {
      legacy.setFaults(FaultSettings.NONE);
    }
  }

  @Test
  void anUnpaidOrder_settledFromTheCli_staysUnpaid_andTheAnswerSaysWhatTheProviderSaid()
      throws Exception {
    assertThat(api.createPayment("hand-2", "hugo", 1000).status()).isEqualTo(201);
    Path keyFile = Files.createTempFile("channelshift-ops-key", ".txt");
    Files.writeString(keyFile, DevKeys.OPS + "\n");
    StringWriter out = new StringWriter();
    CommandLine cli =
        new CommandLine(new ChannelShiftCommand())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(new StringWriter()));

    int code =
        cli.execute(
            "payment",
            "settle",
            "--api",
            stack.apiBaseUrl(),
            "--api-key-file",
            keyFile.toString(),
            "hand-2",
            "--reason",
            "user says paid, screenshot only",
            "--by",
            "bob");

    assertThat(code).isEqualTo(3);
    assertThat(out.toString()).startsWith("hand-2 NOT_PAID (payment AWAITING_PAYMENT)");
    assertThat(api.payment("hand-2").text("status")).isEqualTo("AWAITING_PAYMENT");
  }

  @Test
  void hostileAndHurriedRequests_areRefused_andNothingIsSettledOrRecorded() throws Exception {
    assertThat(api.createPayment("hand-3", "ivan", 1000).status()).isEqualTo(201);
    long rowsBefore = manualRequestRows();

    assertThat(
            send(
                    "POST",
                    "/api/payments/hand-3/settle",
                    DevKeys.PLATFORM,
                    "{\"reason\":\"x\"}",
                    null)
                .statusCode())
        .isEqualTo(403);
    assertThat(
            send(
                    "POST",
                    "/api/payments/hand-3/settle",
                    DevKeys.ENGINEER,
                    "{\"reason\":\"x\"}",
                    null)
                .statusCode())
        .isEqualTo(403);
    assertThat(
            send("POST", "/api/payments/hand-3/settle", null, "{\"reason\":\"x\"}", null)
                .statusCode())
        .isEqualTo(401);
    assertThat(
            send(
                    "POST",
                    "/api/payments/no-such-order/settle",
                    DevKeys.OPS,
                    "{\"reason\":\"x\"}",
                    null)
                .statusCode())
        .isEqualTo(404);
    for (String body :
        List.of(
            "{\"reason\":\"\"}",
            "{\"reason\":\"   \"}",
            "{}",
            "{\"reason\":\"" + "x".repeat(300) + "\"}",
            "{\"reason\":\"x\",\"paid\":true,\"tradeNo\":\"T-forged\"}")) {
      HttpResponse<String> r = send("POST", "/api/payments/hand-3/settle", DevKeys.OPS, body, null);
      assertThat(r.statusCode()).as(body + " → " + r.body()).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type").orElse(""))
          .contains("application/problem+json");
    }
    assertThat(
            send(
                    "POST",
                    "/api/payments/hand-3/fulfilment/resend",
                    DevKeys.PLATFORM,
                    "{\"reason\":\"x\"}",
                    null)
                .statusCode())
        .isEqualTo(403);
    assertThat(send("GET", "/api/manual-requests", DevKeys.PLATFORM, null, null).statusCode())
        .isEqualTo(403);

    assertThat(api.payment("hand-3").text("status")).isEqualTo("AWAITING_PAYMENT");
    assertThat(manualRequestRows()).isEqualTo(rowsBefore);
  }

  @Test
  void tenConcurrentSettlements_settleOnce_andOneFulfilmentWebhookGoesOut() throws Exception {
    SandboxServer legacy = stack.sandbox(EmbeddedStack.LEGACY);
    legacy.setFaults(CALLBACKS_LOST);
    try {
      assertThat(api.createPayment("hand-4", "jade", 1000).status()).isEqualTo(201);
      api.pay("hand-4", Map.of());
      ExecutorService operators = Executors.newFixedThreadPool(10);
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      try {
        for (int i = 0; i < 10; i++) {
          String body = "{\"reason\":\"operator " + i + "\"}";
          answers.add(
              operators.submit(
                  () -> send("POST", "/api/payments/hand-4/settle", DevKeys.OPS, body, null)));
        }
        List<Integer> codes = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        for (Future<HttpResponse<String>> a : answers) {
          HttpResponse<String> r = a.get();
          codes.add(r.statusCode());
          outcomes.add(JSON.readTree(r.body()).path("outcome").asText(""));
        }

        assertThat(codes).as(outcomes.toString()).containsOnly(200, 409);
        assertThat(outcomes).containsOnlyOnce("SETTLED");
      } finally {
        operators.shutdownNow();
      }
      DemoClient.Reply end = api.awaitStatus("hand-4", Set.of("FULFILLED"), Duration.ofSeconds(20));
      assertThat(end.body().path("paidAmountMinor").asLong()).isEqualTo(1000);
      awaitAcknowledged("fulfil-hand-4", 1);
      Thread.sleep(1000); // time for a second webhook, if there were one
      assertThat(received.get("fulfil-hand-4").get()).isEqualTo(1);
      assertThat(
              db.queryForObject(
                  "select count(*) from manual_requests where order_id = 'hand-4'", Long.class))
          .isEqualTo(10);
    } finally {
      legacy.setFaults(FaultSettings.NONE);
    }
  }

  @Test
  void aFulfilmentWebhookGivenUp_isRefusedWhileRetried_andDeliveredWhenSentAgain()
      throws Exception {
    platformUp.set(false);
    try {
      assertThat(api.createPayment("hand-5", "kira", 1000).status()).isEqualTo(201);
      api.pay("hand-5", Map.of());
      awaitReceived("fulfil-hand-5");

      HttpResponse<String> early =
          send(
              "POST",
              "/api/payments/hand-5/fulfilment/resend",
              DevKeys.OPS,
              "{\"reason\":\"x\"}",
              null);
      assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
      assertThat(early.body()).contains("still being sent");

      DemoClient.Reply givenUp = awaitNote("hand-5", "needs a human", Duration.ofSeconds(30));
      assertThat(givenUp.text("status")).isEqualTo("PAID");
    } finally {
      platformUp.set(true);
    }

    HttpResponse<String> resend =
        send(
            "POST",
            "/api/payments/hand-5/fulfilment/resend",
            DevKeys.OPS,
            "{\"reason\":\"platform back after its outage\"}",
            "carol");

    assertThat(resend.statusCode()).as(resend.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(resend.body());
    assertThat(answer.path("outcome").asText()).isEqualTo("DELIVERED");
    assertThat(answer.path("eventId").asText()).isEqualTo("fulfil-hand-5");
    assertThat(api.payment("hand-5").text("status")).isEqualTo("FULFILLED");
    assertThat(acknowledged.get("fulfil-hand-5").get()).isEqualTo(1);
    HttpResponse<String> again =
        send(
            "POST",
            "/api/payments/hand-5/fulfilment/resend",
            DevKeys.OPS,
            "{\"reason\":\"x\"}",
            null);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("was delivered");
    HttpResponse<String> listed =
        send("GET", "/api/manual-requests?orderId=hand-5", DevKeys.OPS, null, null);
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(listed.body()).findValuesAsText("outcome"))
        .containsExactly("REFUSED", "DELIVERED", "REFUSED");
  }

  @Test
  void aRefundWebhookGivenUp_isDeliveredWhenSentAgain() throws Exception {
    assertThat(api.createPayment("hand-6", "lena", 1000).status()).isEqualTo(201);
    api.pay("hand-6", Map.of());
    api.awaitStatus("hand-6", Set.of("FULFILLED"), Duration.ofSeconds(20));
    platformUp.set(false);
    try {
      assertThat(api.refund("hand-6", "hand-6-r", 1000).status()).isEqualTo(202);
      api.awaitStatus("hand-6", Set.of("REFUNDED"), Duration.ofSeconds(30));
      awaitNote("hand-6", "tell the platform by hand", Duration.ofSeconds(30));
    } finally {
      platformUp.set(true);
    }

    HttpResponse<String> resend =
        send(
            "POST",
            "/api/payments/hand-6/refunds/hand-6-r/webhook/resend",
            DevKeys.OPS,
            "{\"reason\":\"platform back\"}",
            null);

    assertThat(resend.statusCode()).as(resend.body()).isEqualTo(200);
    assertThat(JSON.readTree(resend.body()).path("outcome").asText()).isEqualTo("DELIVERED");
    assertThat(acknowledged.get("refund/hand-6/hand-6-r").get()).isEqualTo(1);
    assertThat(
            send(
                    "POST",
                    "/api/payments/hand-6/refunds/hand-6-r/webhook/resend",
                    DevKeys.OPS,
                    "{\"reason\":\"again\"}",
                    null)
                .statusCode())
        .isEqualTo(409);
  }

  private long manualRequestRows() {
    return db.queryForObject("select count(*) from manual_requests", Long.class);
  }

  private void awaitAcknowledged(String eventId, int times) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (acknowledged.getOrDefault(eventId, new AtomicInteger()).get() < times
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(acknowledged.getOrDefault(eventId, new AtomicInteger()).get()).isEqualTo(times);
  }

  private void awaitReceived(String eventId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!received.containsKey(eventId) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(received).containsKey(eventId);
  }

  private DemoClient.Reply awaitNote(String orderId, String note, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    DemoClient.Reply last = api.payment(orderId);
    while (!last.body().path("notes").toString().contains(note) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      last = api.payment(orderId);
    }
    assertThat(last.body().path("notes").toString()).contains(note);
    return last;
  }

  private HttpResponse<String> send(
      String method, String path, String key, String body, String user) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(stack.apiBaseUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    if (user != null) {
      request.header("X-ChannelShift-User", user);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
