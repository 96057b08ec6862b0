package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.demo.DemoScenarios;
import io.channelshift.app.demo.ScenarioResult;
import io.channelshift.app.embedded.DevKeys;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.StackOptions;
import io.channelshift.http.HmacSignature;
import io.channelshift.sandbox.SandboxServer;
import io.channelshift.store.InvariantChecks;
import io.channelshift.temporal.TemporalNames;
import io.temporal.client.WorkflowNotFoundException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine;

/**
 * The whole product as a user runs it: the embedded stack (Temporal test server on a port, embedded
 * PostgreSQL, sandbox providers over HTTP, worker, REST API), driven over HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EmbeddedStack stack;
  private DemoClient api;
  private JdbcTemplate db;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() {
    stack = EmbeddedStack.start(StackOptions.ephemeral(DemoScenarios.TIMING));
    api = new DemoClient(stack);
    db = new JdbcTemplate(stack.dataSource());
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @TestFactory
  @Order(1)
  Stream<DynamicTest> theDemoScenariosHold() {
    List<DemoScenarios.Scenario> scenarios =
        new DemoScenarios(api, stack.dataSource(), "e2e").all();
    return scenarios.stream()
        .map(
            s ->
                DynamicTest.dynamicTest(
                    s.name(),
                    () -> {
                      ScenarioResult r = s.run().get();
                      assertThat(r.ok())
                          .as("%s: expected %s, got %s", r.name(), r.expected(), r.actual())
                          .isTrue();
                    }));
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class BadInput {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "{\"orderId\":\"bad-1\",\"userId\":\"u\",\"amountMinor\":-1,\"currency\":\"CNY\",\"productType\":\"topup\"}",
          "{\"orderId\":\"bad-2\",\"userId\":\"u\",\"amountMinor\":100,\"currency\":\"ZZZ\",\"productType\":\"topup\"}",
          "{\"orderId\":\"bad-3\",\"userId\":\"u\",\"amountMinor\":100,\"currency\":\"CNY\",\"productType\":\"gold\"}",
          "{\"orderId\":\"bad-4\",\"userId\":\"u\",\"amountMinor\":1e3,\"currency\":\"CNY\",\"productType\":\"topup\"}",
          "{\"orderId\":\"bad-5\"",
          "[]"
        })
    void isRefusedAsProblemJson_andNothingIsStartedOrWritten(String body) throws Exception {
      HttpResponse<String> r = post("/api/payments", body, "application/json");

      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type"))
          .get()
          .asString()
          .startsWith("application/problem+json");
      assertThat(JSON.readTree(r.body()).path("title").asText()).isNotBlank();
      String orderId =
          body.contains("bad-")
              ? body.substring(body.indexOf("bad-"), body.indexOf("bad-") + 5)
              : "none";
      assertNothingFor(orderId);
    }

    @Test
    void aWrongFieldIsNamedInTheProblem() throws Exception {
      HttpResponse<String> r =
          post(
              "/api/payments",
              "{\"orderId\":\"bad-6\",\"userId\":\"u\",\"amountMinor\":0,\"currency\":\"CNY\",\"productType\":\"topup\"}",
              "application/json");

      JsonNode problem = JSON.readTree(r.body());
      assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("amountMinor");
      assertNothingFor("bad-6");
    }

    @Test
    void aNonJsonContentTypeIsRefused() throws Exception {
      HttpResponse<String> r =
          post("/api/payments", "orderId=bad-7", "application/x-www-form-urlencoded");

      assertThat(r.statusCode()).isEqualTo(415);
      assertNothingFor("bad-7");
    }

    @Test
    void anOversizedBodyIsRefused() throws Exception {
      String huge = "{\"orderId\":\"bad-8\",\"subject\":\"" + "x".repeat(70_000) + "\"}";
      HttpResponse<String> r = post("/api/payments", huge, "application/json");

      assertThat(r.statusCode()).isEqualTo(413);
      assertNothingFor("bad-8");
    }

    @Test
    void anOversizedChunkedBodyIsRefused() throws Exception {
      byte[] huge =
          ("{\"orderId\":\"bad-9\",\"subject\":\"" + "x".repeat(200_000) + "\"}").getBytes();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(stack.apiBaseUrl() + "/api/payments"))
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + DevKeys.PLATFORM)
                  .POST(
                      HttpRequest.BodyPublishers.ofInputStream(
                          () -> new java.io.ByteArrayInputStream(huge)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(r.statusCode()).isEqualTo(413);
      assertThat(r.headers().firstValue("Content-Type"))
          .get()
          .asString()
          .startsWith("application/problem+json");
      assertNothingFor("bad-9");
    }

    @Test
    void anUnknownPaymentIs404() throws Exception {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(stack.apiBaseUrl() + "/api/payments/nope"))
                  .header("Authorization", "Bearer " + DevKeys.PLATFORM)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(404);
    }

    @Test
    void aCallbackForAnUnknownChannelIs404_andAnUnsignedOneIs401() throws Exception {
      assertThat(post("/notify/paypal", "{}", "application/json").statusCode()).isEqualTo(404);
      assertThat(post("/notify/legacy", "{}", "application/json").statusCode()).isEqualTo(401);
    }

    @Test
    void aSignedCallbackForAnUnknownOrderIsAnswered_andRecordedForReview() throws Exception {
      HttpResponse<String> r = signedCallback("unknown-order-1", "nonce-unknown-1");

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("success");
      assertThat(
              db.queryForObject(
                  "select outcome from callback_inbox where order_id = ?",
                  String.class,
                  "unknown-order-1"))
          .isEqualTo("UNKNOWN_ORDER");
    }

    @Test
    void aRefundNoticeMustBeSigned_andOneForNoRunningPaymentIsAnswered() throws Exception {
      String body =
          "{\"notifyId\":\"NR-x\",\"merchantId\":\"M-LEGACY-001\",\"type\":\"REFUND\","
              + "\"outTradeNo\":\"no-such-order\",\"outRefundNo\":\"r-x\",\"status\":\"SUCCESS\"}";
      String ts = Long.toString(System.currentTimeMillis() / 1000);
      HttpRequest.Builder notice =
          HttpRequest.newBuilder(URI.create(stack.apiBaseUrl() + "/notify/legacy/refunds"))
              .header("Content-Type", "application/json")
              .header("X-Sandbox-Timestamp", ts)
              .header("X-Sandbox-Nonce", "nonce-refund-notice-1")
              .POST(HttpRequest.BodyPublishers.ofString(body));

      HttpResponse<String> forged =
          http.send(
              notice
                  .copy()
                  .header(
                      "X-Sandbox-Signature",
                      HmacSignature.sign(
                          "not-the-merchant-secret", ts, "nonce-refund-notice-1", body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> genuine =
          http.send(
              notice
                  .copy()
                  .header(
                      "X-Sandbox-Signature",
                      HmacSignature.sign(
                          stack.sandboxSecret(EmbeddedStack.LEGACY),
                          ts,
                          "nonce-refund-notice-1",
                          body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(forged.statusCode()).isEqualTo(401);
      assertThat(forged.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(genuine.statusCode()).isEqualTo(200);
      assertThat(genuine.body()).isEqualTo("success");
    }

    @Test
    void aReplayedCallbackIsRefused() throws Exception {
      assertThat(signedCallback("replayed-order-1", "nonce-replay-1").statusCode()).isEqualTo(200);
      HttpResponse<String> replay = signedCallback("replayed-order-1", "nonce-replay-1");

      assertThat(replay.statusCode()).isEqualTo(401);
      assertThat(JSON.readTree(replay.body()).path("detail").asText()).contains("replayed");
    }

    private HttpResponse<String> signedCallback(String orderId, String nonce) throws Exception {
      String body =
          "{\"notifyId\":\"N-"
              + orderId
              + "\",\"merchantId\":\"M-LEGACY-001\",\"outTradeNo\":\""
              + orderId
              + "\",\"tradeNo\":\"T1\",\"status\":\"SUCCESS\",\"amountMinor\":100,\"currency\":\"CNY\"}";
      String ts = Long.toString(System.currentTimeMillis() / 1000);
      String signature =
          HmacSignature.sign(stack.sandboxSecret(EmbeddedStack.LEGACY), ts, nonce, body);
      return http.send(
          HttpRequest.newBuilder(URI.create(stack.apiBaseUrl() + "/notify/legacy"))
              .header("Content-Type", "application/json")
              .header("X-Sandbox-Timestamp", ts)
              .header("X-Sandbox-Nonce", nonce)
              .header("X-Sandbox-Signature", signature)
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    private void assertNothingFor(String orderId) {
      Integer rows =
          db.queryForObject(
              "select count(*) from payments where order_id = ?", Integer.class, orderId);
      assertThat(rows).isZero();
      assertThat(workflowExists(orderId)).isFalse();
    }

    private boolean workflowExists(String orderId) {
      try {
        stack.client().newUntypedWorkflowStub(TemporalNames.paymentWorkflowId(orderId)).describe();
        return true;
      } catch (WorkflowNotFoundException e) {
        return false;
      }
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class AccessControl {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "GET /api/payments/some-order",
          "POST /api/payments",
          "POST /api/payments/o/refunds",
          "GET /api/migrations",
          "POST /api/migrations",
          "POST /api/migrations/m/rollback",
          "GET /api/routes",
          "GET /actuator/metrics",
          "GET /api/nothing-here"
        })
    void withoutAKeyOrWithAWrongOneEveryCallIs401ProblemJson(String call) throws Exception {
      for (String key : new String[] {null, "csk_not_a_key_of_ours"}) {
        HttpResponse<String> r = call(call, key);
        assertThat(r.statusCode()).as("%s with key %s", call, key).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type"))
            .get()
            .asString()
            .startsWith("application/problem+json");
      }
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "ENGINEER POST /api/payments", "OPS POST /api/payments",
              "OPS POST /api/payments/o/refunds",
          "PLATFORM GET /api/migrations", "PLATFORM POST /api/migrations",
              "OPS POST /api/migrations",
          "OPS POST /api/migrations/m/rollback", "ENGINEER GET /api/payments/o"
        })
    void aKeyWithoutTheRoleIs403AndNothingIsStarted(String roleAndCall) throws Exception {
      String role = roleAndCall.substring(0, roleAndCall.indexOf(' '));
      HttpResponse<String> r = call(roleAndCall.substring(role.length() + 1), key(role));

      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(JSON.readTree(r.body()).path("title").asText()).isEqualTo("Forbidden");
      assertThat(
              db.queryForObject(
                  "select count(*) from payments where order_id = 'acl-1'", Integer.class))
          .isZero();
      assertThat(
              db.queryForObject(
                  "select count(*) from migrations where migration_id = 'acl-m'", Integer.class))
          .isZero();
    }

    @Test
    void refusalsDoNotTellWhetherThePaymentExists() throws Exception {
      api.createPayment("acl-exists", "u", 100);

      for (String key : new String[] {null, DevKeys.ENGINEER}) {
        HttpResponse<String> existing = call("GET /api/payments/acl-exists", key);
        HttpResponse<String> missing = call("GET /api/payments/acl-missing", key);
        assertThat(existing.statusCode()).isEqualTo(missing.statusCode()).isIn(401, 403);
        assertThat(existing.body()).isEqualTo(missing.body());
      }
      assertThat(call("GET /api/payments/acl-exists", DevKeys.OPS).statusCode())
          .as("ops reads")
          .isEqualTo(200);
      assertThat(call("GET /api/payments/acl-missing", DevKeys.OPS).statusCode()).isEqualTo(404);
    }

    @Test
    void theHealthProbeAndProviderCallbacksNeedNoKey() throws Exception {
      assertThat(call("GET /actuator/health", null).statusCode()).isEqualTo(200);
      HttpResponse<String> unsignedCallback = call("POST /notify/legacy", null);
      assertThat(JSON.readTree(unsignedCallback.body()).path("title").asText())
          .isEqualTo("Callback rejected");
    }

    private String key(String role) {
      return switch (role) {
        case "PLATFORM" -> DevKeys.PLATFORM;
        case "ENGINEER" -> DevKeys.ENGINEER;
        default -> DevKeys.OPS;
      };
    }

    private HttpResponse<String> call(String methodAndPath, String key) throws Exception {
      String method = methodAndPath.substring(0, methodAndPath.indexOf(' '));
      String path = methodAndPath.substring(method.length() + 1);
      String body =
          path.equals("/api/migrations")
              ? "{\"migrationId\":\"acl-m\",\"scope\":\"all\",\"fromChannel\":\"legacy\",\"toChannel\":\"nova\"}"
              : "{\"orderId\":\"acl-1\",\"userId\":\"u\",\"amountMinor\":100,\"currency\":\"CNY\","
                  + "\"productType\":\"topup\",\"refundId\":\"r\"}";
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(stack.apiBaseUrl() + path))
              .header("Content-Type", "application/json")
              .method(
                  method,
                  method.equals("GET")
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      if (key != null) {
        request.header("Authorization", "Bearer " + key);
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class PayloadEncryption {

    private static final String USER = "enc-user-13912345678";
    private static final String SUBJECT = "Secret-Subject-Diamond-Pack";
    private static final String CLIENT_IP = "198.51.100.77";

    private String history;
    private String payUrl;
    private String encryptedInput;

    @BeforeAll
    void payAndReadTheHistoryAsTheServerHoldsIt() throws Exception {
      HttpResponse<String> created =
          http.send(
              HttpRequest.newBuilder(URI.create(stack.apiBaseUrl() + "/api/payments"))
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + DevKeys.PLATFORM)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"orderId\":\"enc-1\",\"userId\":\""
                              + USER
                              + "\",\"amountMinor\":4321,\"currency\":\"CNY\",\"productType\":\"topup\",\"subject\":\""
                              + SUBJECT
                              + "\",\"clientIp\":\""
                              + CLIENT_IP
                              + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      payUrl = JSON.readTree(created.body()).path("payUrl").asText();
      api.pay("enc-1", java.util.Map.of());
      assertThat(
              api.awaitStatus(
                      "enc-1", java.util.Set.of("FULFILLED"), java.time.Duration.ofSeconds(20))
                  .text("status"))
          .isEqualTo("FULFILLED");
      // fetchHistory hands back the events as stored: payloads are not decoded on the way
      var raw = stack.client().fetchHistory(TemporalNames.paymentWorkflowId("enc-1")).getHistory();
      history = new String(raw.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
      var input =
          raw.getEvents(0).getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0);
      encryptedInput =
          com.google.protobuf.util.JsonFormat.printer()
              .print(io.temporal.api.common.v1.Payloads.newBuilder().addPayloads(input).build());
    }

    @Test
    void nothingReadableAboutThePaymentIsStoredInItsHistory() {
      assertThat(payUrl).isNotBlank();
      assertThat(history)
          .contains("binary/encrypted")
          .doesNotContain(USER)
          .doesNotContain(SUBJECT)
          .doesNotContain(CLIENT_IP)
          .doesNotContain(payUrl)
          .doesNotContain("4321");
    }

    @Test
    void theApiStillAnswersInClear() {
      assertThat(api.payment("enc-1").body().path("payUrl").asText()).isEqualTo(payUrl);
    }

    @Test
    void anOpsKeyDecodesThroughTheCodecEndpointAndNoOtherKeyDoes() throws Exception {
      HttpResponse<String> decoded = codec("/codec/decode", encryptedInput, DevKeys.OPS);
      assertThat(decoded.statusCode()).isEqualTo(200);
      String data = JSON.readTree(decoded.body()).path("payloads").get(0).path("data").asText();
      assertThat(new String(java.util.Base64.getDecoder().decode(data)))
          .contains(USER)
          .contains(SUBJECT);

      assertThat(
              codec("/codec/decode", encryptedInput + " {\"payloads\":[]}", DevKeys.OPS)
                  .statusCode())
          .as("content after the value")
          .isEqualTo(400);
      assertThat(
              codec("/codec/decode", "{\"payloads\":[],\"payloads\":[]}", DevKeys.OPS).statusCode())
          .as("a key given twice")
          .isEqualTo(400);
      assertThat(codec("/codec/decode", encryptedInput, DevKeys.PLATFORM).statusCode())
          .isEqualTo(403);
      assertThat(codec("/codec/decode", encryptedInput, null).statusCode()).isEqualTo(401);
      HttpResponse<String> reencoded = codec("/codec/encode", decoded.body(), DevKeys.OPS);
      assertThat(reencoded.body()).contains("YmluYXJ5L2VuY3J5cHRlZA=="); // "binary/encrypted"
    }

    @Test
    void theTemporalUiOriginMayCallTheCodecFromTheBrowser() throws Exception {
      HttpResponse<String> preflight =
          http.send(
              HttpRequest.newBuilder(URI.create(stack.apiBaseUrl() + "/codec/decode"))
                  .header("Origin", EmbeddedStack.TEMPORAL_UI)
                  .header("Access-Control-Request-Method", "POST")
                  .header(
                      "Access-Control-Request-Headers", "authorization,content-type,x-namespace")
                  .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(preflight.statusCode()).isEqualTo(200);
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
          .hasValue(EmbeddedStack.TEMPORAL_UI);

      HttpResponse<String> otherSite =
          http.send(
              HttpRequest.newBuilder(URI.create(stack.apiBaseUrl() + "/codec/decode"))
                  .header("Origin", "https://evil.example")
                  .header("Access-Control-Request-Method", "POST")
                  .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(otherSite.statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> codec(String path, String body, String key) throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(stack.apiBaseUrl() + path))
              .header("Content-Type", "application/json")
              .header("X-Namespace", "default")
              .POST(HttpRequest.BodyPublishers.ofString(body));
      if (key != null) {
        request.header("Authorization", "Bearer " + key);
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  @Order(2)
  void cardAndPhoneNumbersAreMaskedInApiAnswersAndWebhooks() throws Exception {
    HttpResponse<String> created =
        post(
            "/api/payments",
            "{\"orderId\":\"mask-1\",\"userId\":\"13800138000\","
                + "\"amountMinor\":1000,\"currency\":\"CNY\",\"productType\":\"topup\",\"subject\":\"Top-up\"}",
            "application/json");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    api.pay("mask-1", java.util.Map.of());
    api.awaitStatus("mask-1", java.util.Set.of("FULFILLED"), java.time.Duration.ofSeconds(20));

    HttpResponse<String> refund =
        post(
            "/api/payments/mask-1/refunds",
            "{\"refundId\":\"mask-1-r\",\"amountMinor\":"
                + "100,\"reason\":\"wrong number 13800138000, card 4111 1111 1111 1111\"}",
            "application/json");
    String payment = api.payment("mask-1").body().toString();
    String webhooks =
        http.send(
                HttpRequest.newBuilder(URI.create(stack.apiBaseUrl() + "/dev/webhooks")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();

    assertThat(refund.body())
        .contains("138****8000")
        .contains("************1111")
        .doesNotContain("13800138000")
        .doesNotContain("4111 1111");
    assertThat(payment)
        .contains("138****8000")
        .doesNotContain("13800138000")
        .doesNotContain("4111 1111");
    assertThat(webhooks).contains("\"userId\":\"138****8000\"").doesNotContain("13800138000");
  }

  @Test
  @Order(2)
  void aRefundTheProviderSettlesLate_isKnownWhenItsNoticeArrives_notAtItsNextQuery() {
    SandboxServer legacy = stack.sandbox(EmbeddedStack.LEGACY);
    legacy.setRefundDelay(Duration.ofSeconds(12));
    try {
      assertThat(api.createPayment("notice-1", "nina", 1000).status()).isEqualTo(201);
      api.pay("notice-1", Map.of());
      api.awaitStatus("notice-1", Set.of("FULFILLED"), Duration.ofSeconds(20));
      long askedAt = System.nanoTime();

      assertThat(api.refund("notice-1", "notice-1-r", 1000).status()).isEqualTo(202);
      DemoClient.Reply end =
          api.awaitStatus("notice-1", Set.of("REFUNDED"), Duration.ofSeconds(40));

      // The payment asks after 1, 3, 8 and then 23 s; the sandbox settles the refund at 12 s and
      // sends its notice. Without the notice the refund is known at the 23 s query at the earliest.
      Duration took = Duration.ofNanos(System.nanoTime() - askedAt);
      assertThat(end.body().path("refundedAmountMinor").asLong()).isEqualTo(1000);
      assertThat(took)
          .isGreaterThanOrEqualTo(Duration.ofSeconds(11))
          .isLessThan(Duration.ofSeconds(20));
    } finally {
      legacy.setRefundDelay(Duration.ofMillis(200));
    }
  }

  @Test
  @Order(2)
  void thePlatformClosesAnUnpaidPayment_atTheProvider_andCannotCloseAPaidOne() throws Exception {
    assertThat(api.createPayment("close-1", "olga", 1000).status()).isEqualTo(201);

    DemoClient.Reply closed = api.close("close-1", "user cancelled the order");
    DemoClient.Reply again = api.close("close-1", "asked twice");

    assertThat(closed.status()).isEqualTo(200);
    assertThat(closed.text("status")).isEqualTo("CLOSED");
    assertThat(closed.body().path("notes").toString())
        .contains("as the platform asked: user cancelled the order");
    assertThat(api.providerOrder("close-1").text("status"))
        .as("closed at the sandbox too")
        .isEqualTo("CLOSED");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.text("status")).isEqualTo("CLOSED");

    api.createPayment("close-2", "olga", 1000);
    api.pay("close-2", Map.of());
    api.awaitStatus("close-2", Set.of("FULFILLED"), Duration.ofSeconds(20));
    HttpResponse<String> paid = post("/api/payments/close-2/close", "{}", "application/json");
    assertThat(paid.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(paid.body()).path("detail").asText()).contains("refund it instead");

    assertThat(post("/api/payments/no-such-order/close", "{}", "application/json").statusCode())
        .isEqualTo(404);
    assertThat(
            post(
                    "/api/payments/close-1/close",
                    "{\"reason\":\"" + "x".repeat(200) + "\"}",
                    "application/json")
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  @Order(2)
  void theCliStartsAndShowsAPayment() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli =
        new CommandLine(new ChannelShiftCommand())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(new StringWriter()));

    Path keyFile = Files.createTempFile("channelshift-key", ".txt");
    Files.writeString(keyFile, DevKeys.PLATFORM + "\n");
    String key = keyFile.toString();
    int pay =
        cli.execute(
            "pay",
            "--api",
            stack.apiBaseUrl(),
            "--api-key-file",
            key,
            "--order",
            "cli-1",
            "--user",
            "zoe",
            "--amount",
            "4200");
    int show = cli.execute("payment", "--api", stack.apiBaseUrl(), "--api-key-file", key, "cli-1");

    assertThat(pay).isZero();
    assertThat(show).isZero();
    assertThat(out.toString())
        .contains("\"payUrl\"")
        .contains("\"status\" : \"AWAITING_PAYMENT\"")
        .contains("\"amountMinor\" : 4200");

    int close =
        cli.execute(
            "close",
            "--api",
            stack.apiBaseUrl(),
            "--api-key-file",
            key,
            "cli-1",
            "--reason",
            "zoe cancelled");
    assertThat(close).isZero();
    assertThat(out.toString())
        .contains("\"status\" : \"CLOSED\"")
        .contains("as the platform asked: zoe cancelled");
  }

  @Test
  @Order(3)
  void theInvariantsHoldInTheDatabase() {
    api.awaitStatus("cli-1", java.util.Set.of("CLOSED"), java.time.Duration.ofSeconds(20));

    assertThat(new InvariantChecks(stack.dataSource()).violations())
        .allSatisfy((name, count) -> assertThat(count).as(name).isZero());
  }

  private HttpResponse<String> post(String path, String body, String contentType) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(stack.apiBaseUrl() + path))
            .header("Content-Type", contentType)
            .header("Authorization", "Bearer " + DevKeys.PLATFORM)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
