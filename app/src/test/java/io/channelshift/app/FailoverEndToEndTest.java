package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.demo.DemoClient.Reply;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.StackOptions;
import io.channelshift.payment.PaymentTiming;
import io.channelshift.routing.RoutingTable;
import io.channelshift.sandbox.FaultSettings;
import io.channelshift.store.RoutingStore;
import io.channelshift.temporal.TemporalNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Failover per payment at create over HTTP, on the embedded stack with its two sandbox channels:
 * {@code legacy} is in force with {@code nova} as its scope's backup, and {@code legacy} cannot
 * take orders (its sandbox in outage, or its merchant restricted).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailoverEndToEndTest {

  /** The starter's default {@code checkout-timeout}: the platform must have its 201 within it. */
  private static final Duration CHECKOUT_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newHttpClient();
  private EmbeddedStack stack;
  private DemoClient api;

  /** Long enough for the user to pay an order that landed at legacy after its create timed out. */
  private static final PaymentTiming TIMING =
      new PaymentTiming(
          Duration.ofSeconds(20),
          List.of(Duration.ofSeconds(5)),
          Duration.ofMinutes(3),
          Duration.ofSeconds(30));

  @BeforeAll
  void start() {
    // legacy's calls time out after a second, well inside the checkout timeout
    stack =
        EmbeddedStack.start(
            StackOptions.ephemeral(TIMING)
                .withProperties(Map.of("channelshift.channels.legacy.request-timeout", "1s")));
    api = new DemoClient(stack);
    new RoutingStore(stack.dataSource())
        .write(
            RoutingTable.ALL,
            Map.of(EmbeddedStack.LEGACY, RoutingTable.FULL),
            null,
            List.of(EmbeddedStack.NOVA),
            "test",
            "nova backs legacy up");
  }

  @AfterEach
  void healLegacy() {
    stack.sandbox(EmbeddedStack.LEGACY).setFaults(FaultSettings.NONE);
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void
      givenLegacyInOutage_thePaymentIsCreatedAtNovaWithinTheCheckoutTimeout_andNovasCallbackSettlesIt()
          throws Exception {
    stack.sandbox(EmbeddedStack.LEGACY).setFaults(FaultSettings.NONE.with("{\"outage\":true}"));

    long started = System.nanoTime();
    Reply created = api.createPayment("fo-1", "user-fo-1", 1500);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.text("channel")).isEqualTo(EmbeddedStack.NOVA);
    assertThat(created.text("payUrl")).startsWith(stack.sandbox(EmbeddedStack.NOVA).baseUrl());
    assertThat(took).isLessThan(CHECKOUT_TIMEOUT);

    assertThat(api.payOn(EmbeddedStack.NOVA, "fo-1", Map.of()).status()).isEqualTo(200);
    Reply fulfilled = api.awaitStatus("fo-1", Set.of("FULFILLED"), Duration.ofSeconds(30));
    assertThat(fulfilled.text("status")).isEqualTo("FULFILLED");
    assertThat(fulfilled.text("channel")).isEqualTo(EmbeddedStack.NOVA);
    assertThat(notes(fulfilled))
        .anyMatch(n -> n.startsWith("legacy could not take the order (unavailable"));
    assertThat(
            stack
                .client()
                .newUntypedWorkflowStub(TemporalNames.paymentWorkflowId("fo-1"))
                .describe()
                .getTypedSearchAttributes()
                .get(TemporalNames.PAYMENT_CHANNEL))
        .isEqualTo(EmbeddedStack.NOVA);

    // legacy comes back: the order possibly left there is asked about and closed (it never got it).
    stack.sandbox(EmbeddedStack.LEGACY).setFaults(FaultSettings.NONE);
    assertThat(awaitNote("fo-1", "legacy never had the order left there: nothing to close"))
        .isTrue();

    String scrape = awaitScrape(stack.workerMetricsUrl(), "channelshift_failovers_total");
    assertThat(scrape)
        .containsPattern(
            "channelshift_failovers_total\\{[^}]*from=\"legacy\"[^}]*reason=\"unavailable\""
                + "[^}]*to=\"nova\"[^}]*\\} [1-9]");
  }

  @Test
  void
      givenLegacysMerchantRestricted_thePaymentIsCreatedAtNova_andACallbackFromLegacyForAnotherOrderIsStillRefused() {
    stack
        .sandbox(EmbeddedStack.LEGACY)
        .setFaults(FaultSettings.NONE.with("{\"merchantRestricted\":true}"));

    Reply created = api.createPayment("fo-2", "user-fo-2", 900);

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.text("channel")).isEqualTo(EmbeddedStack.NOVA);
    assertThat(api.payOn(EmbeddedStack.NOVA, "fo-2", Map.of()).status()).isEqualTo(200);
    Reply fulfilled = api.awaitStatus("fo-2", Set.of("FULFILLED"), Duration.ofSeconds(30));
    assertThat(fulfilled.text("status")).isEqualTo("FULFILLED");
    assertThat(notes(fulfilled)).anyMatch(n -> n.contains("(restricted: MERCHANT_RESTRICTED"));
    // legacy refused the create: it has no such order, and nothing can be paid there.
    assertThat(api.providerOrder("fo-2").status()).isEqualTo(404);
  }

  @Test
  void
      givenLegacysCreateTimingOutButLandingLater_moneyPaidThereIsRefundedThere_andNovasPaymentKept()
          throws Exception {
    // legacy creates the order after 2.5 s, long after its caller gave up (1 s): UNKNOWN, timeout.
    stack
        .sandbox(EmbeddedStack.LEGACY)
        .setFaults(FaultSettings.NONE.with("{\"createLatencyMs\":2500}"));

    Reply created = api.createPayment("fo-3", "user-fo-3", 700);

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.text("channel")).isEqualTo(EmbeddedStack.NOVA);
    assertThat(api.payOn(EmbeddedStack.NOVA, "fo-3", Map.of()).status()).isEqualTo(200);
    assertThat(api.awaitStatus("fo-3", Set.of("FULFILLED"), Duration.ofSeconds(30)).text("status"))
        .isEqualTo("FULFILLED");

    // The user also pays the order that landed at legacy: legacy's signed callback reaches the
    // payment (the order left there is this order's), and the money goes back at legacy.
    awaitProviderOrder("fo-3");
    assertThat(api.payOn(EmbeddedStack.LEGACY, "fo-3", Map.of()).status()).isEqualTo(200);
    Reply refunded = awaitRefundSucceeded("fo-3");

    assertThat(refunded.text("status")).isEqualTo("FULFILLED");
    assertThat(refunded.body().path("refundedAmountMinor").asLong()).isZero();
    assertThat(refunded.body().path("refunds")).hasSize(1);
    assertThat(refunded.body().path("refunds").get(0).path("automatic").asBoolean()).isTrue();
    assertThat(notes(refunded))
        .anyMatch(n -> n.startsWith("paid at legacy on the order left there"));
    assertThat(api.providerOrder("fo-3").text("refundedAmountMinor")).isEqualTo("700");
    assertThat(
            new org.springframework.jdbc.core.JdbcTemplate(stack.dataSource())
                .queryForObject(
                    "select channel from ledger_entries where order_id = 'fo-3' and entry_type = 'REFUND'",
                    String.class))
        .isEqualTo(EmbeddedStack.LEGACY);
  }

  private void awaitProviderOrder(String orderId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (api.providerOrder(orderId).status() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  private Reply awaitRefundSucceeded(String orderId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Reply last = api.payment(orderId);
    while (System.nanoTime() < deadline
        && !(last.body().path("refunds").size() == 1
            && "SUCCEEDED".equals(last.body().path("refunds").get(0).path("status").asText()))) {
      Thread.sleep(200);
      last = api.payment(orderId);
    }
    return last;
  }

  private static List<String> notes(Reply payment) {
    return StreamSupport.stream(payment.body().path("notes").spliterator(), false)
        .map(n -> n.asText())
        .toList();
  }

  private boolean awaitNote(String orderId, String note) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (notes(api.payment(orderId)).contains(note)) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  private String awaitScrape(String url, String name) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String scrape = get(url);
    while (!scrape.contains(name) && System.nanoTime() < deadline) {
      Thread.sleep(500);
      scrape = get(url);
    }
    return scrape;
  }

  private String get(String url) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
