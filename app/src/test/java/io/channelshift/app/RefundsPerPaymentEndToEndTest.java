package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.demo.DemoClient.Reply;
import io.channelshift.app.demo.DemoScenarios;
import io.channelshift.app.embedded.DevKeys;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.StackOptions;
import io.channelshift.client.ChannelShiftClient;
import io.channelshift.payment.RefundWebhook;
import io.channelshift.sandbox.FaultSettings;
import io.channelshift.sandbox.SandboxServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Refund ids are scoped to their payment (issue 15, item 2), through the REST API of an ephemeral
 * stack, the sandbox over HTTP: two payments may use the same refund id, each refunds its own
 * money, and a provider's answer about another payment's refund is never taken for this one's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefundsPerPaymentEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private EmbeddedStack stack;
  private DemoClient api;
  private SandboxServer legacy;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() {
    stack = EmbeddedStack.start(StackOptions.ephemeral(DemoScenarios.TIMING));
    api = new DemoClient(stack);
    legacy = stack.sandbox(EmbeddedStack.LEGACY);
  }

  @AfterEach
  void noFaults() {
    legacy.setFaults(FaultSettings.NONE);
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void twoPaymentsWithTheSameRefundId_eachRefundTheirOwnMoney() throws Exception {
    String a = paid(1000);
    String b = paid(2000);
    String shared = refundIdOfThisTest();

    Reply ofA = api.refund(a, shared, 300);
    Reply ofB = api.refund(b, shared, 500);

    assertThat(List.of(ofA.status(), ofB.status())).containsOnly(202);
    assertThat(
            api.awaitStatus(a, Set.of("PARTIALLY_REFUNDED", "FULFILLED"), WAIT)
                .body()
                .path("refundedAmountMinor")
                .asLong())
        .isEqualTo(300);
    assertThat(awaitRefund(b, shared)).isEqualTo("SUCCEEDED");
    assertThat(api.payment(b).body().path("refundedAmountMinor").asLong()).isEqualTo(500);
    assertThat(api.providerOrder(a).body().path("refundedAmountMinor").asLong()).isEqualTo(300);
    assertThat(api.providerOrder(b).body().path("refundedAmountMinor").asLong()).isEqualTo(500);
    assertThat(api.awaitWebhook(RefundWebhook.eventId(a, shared), WAIT))
        .get()
        .satisfies(e -> assertThat(e.path("amountMinor").asLong()).isEqualTo(300));
    assertThat(api.awaitWebhook(RefundWebhook.eventId(b, shared), WAIT))
        .get()
        .satisfies(e -> assertThat(e.path("amountMinor").asLong()).isEqualTo(500));
  }

  /**
   * The observed attack: A refunds r1 and it succeeds; B refunds r1 while the provider answers B's
   * refund call with a 5xx (nothing refunded). B must not be SUCCEEDED on the provider's answer
   * about A's refund; once the provider works again, B's own refund is made and only then succeeds.
   */
  @Test
  void aRefundWhoseCallMetA5xx_isNotSucceededOnAnotherPaymentsRefundOfTheSameId() throws Exception {
    String a = paid(1000);
    String b = paid(1000);
    String shared = refundIdOfThisTest();
    api.refund(a, shared, 400);
    assertThat(awaitRefund(a, shared)).isEqualTo("SUCCEEDED");
    legacy.setFaults(FaultSettings.NONE.with("{\"refund5xxRate\":1.0}"));

    assertThat(api.refund(b, shared, 400).status()).isEqualTo(202);
    List<String> seen = new ArrayList<>();
    long until =
        System.nanoTime() + Duration.ofSeconds(6).toNanos(); // past the first queries (1 s, 2 s)
    while (System.nanoTime() < until) {
      seen.add(refundStatus(b, shared));
      Thread.sleep(200);
    }

    assertThat(seen)
        .as("B's refund while the provider has refunded nothing for B")
        .doesNotContain("SUCCEEDED");
    assertThat(api.providerOrder(b).body().path("refundedAmountMinor").asLong()).isZero();
    assertThat(api.payment(b).body().path("refundedAmountMinor").asLong()).isZero();

    legacy.setFaults(FaultSettings.NONE);
    assertThat(awaitRefund(b, shared)).isEqualTo("SUCCEEDED");
    assertThat(api.providerOrder(b).body().path("refundedAmountMinor").asLong()).isEqualTo(400);
    assertThat(api.providerOrder(a).body().path("refundedAmountMinor").asLong()).isEqualTo(400);
  }

  /**
   * An automatic refund's id is of a form the API never accepts from the platform, and reads back
   * by its id.
   */
  @Test
  void anAutomaticRefundsIdCannotBeTakenByThePlatform_andReadsBack() throws Exception {
    String order = "late-" + UUID.randomUUID();
    api.createPayment(order, "frank", 3000);
    api.awaitStatus(order, Set.of("CLOSED"), WAIT);
    api.pay(order, Map.of("force", true));
    Reply end = api.awaitStatus(order, Set.of("REFUNDED"), WAIT);
    String automaticId = end.body().path("refunds").path(0).path("refundId").asText();

    HttpResponse<String> read = get("/api/payments/" + order + "/refunds/" + automaticId);
    Reply taken = api.refund(order, automaticId, 1);
    Reply another = api.refund(order, "auto~" + UUID.randomUUID(), 1);

    assertThat(automaticId).startsWith("auto~");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).contains("\"automatic\":true").contains(automaticId);
    // the Java client escapes ~ in the path (%7E): it reads back all the same
    ChannelShiftClient client =
        ChannelShiftClient.builder(URI.create(stack.apiBaseUrl()), DevKeys.PLATFORM).build();
    assertThat(client.refund(order, automaticId))
        .get()
        .satisfies(r -> assertThat(r.automatic()).isTrue());
    assertThat(List.of(taken.status(), another.status()))
        .allSatisfy(s -> assertThat(s).isBetween(400, 499));
    assertThat(api.payment(order).body().path("refunds")).hasSize(1);
  }

  /**
   * Each test's refunds share an id of their own, so that no test's refund meets another test's.
   */
  private static String refundIdOfThisTest() {
    return "r-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private String paid(long amount) {
    String order = "rp-" + UUID.randomUUID();
    assertThat(api.createPayment(order, "u-" + order, amount).status()).isEqualTo(201);
    api.pay(order, Map.of());
    assertThat(api.awaitStatus(order, Set.of("FULFILLED"), WAIT).text("status"))
        .isEqualTo("FULFILLED");
    return order;
  }

  private String awaitRefund(String order, String refundId) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    String status = refundStatus(order, refundId);
    while (!Set.of("SUCCEEDED", "FAILED").contains(status) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      status = refundStatus(order, refundId);
    }
    return status;
  }

  private String refundStatus(String order, String refundId) {
    for (JsonNode r : api.payment(order).body().path("refunds")) {
      if (r.path("refundId").asText().equals(refundId)) {
        return r.path("status").asText();
      }
    }
    return "NONE";
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(stack.apiBaseUrl() + path))
            .header("Authorization", "Bearer " + DevKeys.PLATFORM)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
