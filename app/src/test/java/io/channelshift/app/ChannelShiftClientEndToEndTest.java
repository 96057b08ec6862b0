package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.demo.DemoScenarios;
import io.channelshift.app.embedded.DevKeys;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.StackOptions;
import io.channelshift.client.ChannelShiftClient;
import io.channelshift.client.ChannelShiftException;
import io.channelshift.client.InvalidWebhookException;
import io.channelshift.client.NewPayment;
import io.channelshift.client.NewRefund;
import io.channelshift.client.Payment;
import io.channelshift.client.PaymentCreated;
import io.channelshift.client.PaymentStatus;
import io.channelshift.client.Refund;
import io.channelshift.client.RefundStatus;
import io.channelshift.client.WebhookEvent;
import io.channelshift.client.WebhookVerifier;
import io.channelshift.privacy.Masking;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The platform's side, as a platform would write it with the Java client: payments and refunds
 * through {@link ChannelShiftClient} against the real starter (embedded stack: Temporal test
 * server, PostgreSQL, sandbox over HTTP), and a webhook endpoint of its own that believes only what
 * {@link WebhookVerifier} verifies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelShiftClientEndToEndTest {

  private HttpServer platform;
  private final List<WebhookEvent> fulfilments = new CopyOnWriteArrayList<>();
  private final List<String> refusedWebhooks = new CopyOnWriteArrayList<>();
  private WebhookVerifier verifier;
  private EmbeddedStack stack;
  private ChannelShiftClient payments;
  private DemoClient payingUser;

  @BeforeAll
  void start() throws IOException {
    platform = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    platform.createContext("/webhooks", this::receive);
    platform.start();
    stack =
        EmbeddedStack.start(
            StackOptions.ephemeral(DemoScenarios.TIMING)
                .withWebhookUrl(
                    "http://127.0.0.1:" + platform.getAddress().getPort() + "/webhooks"));
    verifier = new WebhookVerifier(stack.workerProperties().get("channelshift.webhook.secret"));
    payments = ChannelShiftClient.builder(URI.create(stack.apiBaseUrl()), DevKeys.PLATFORM).build();
    payingUser = new DemoClient(stack);
  }

  @AfterAll
  void stop() {
    stack.close();
    platform.stop(0);
  }

  @Test
  void aPlatformTakesAPaymentFulfilsItAndRefundsPartOfIt() {
    NewPayment order =
        new NewPayment("jc-1", "13812345678", 3000, "CNY", "game_card", "60 gems", "203.0.113.9");

    PaymentCreated created = payments.createPayment(order);
    assertThat(created.status()).isEqualTo(PaymentStatus.AWAITING_PAYMENT);
    assertThat(created.payUrl()).startsWith("http");
    assertThat(payments.createPayment(order))
        .as("the same request again is the same payment")
        .isEqualTo(created);

    payingUser.pay("jc-1", Map.of());

    WebhookEvent.PaymentPaid paid =
        await(
            "the fulfilment webhook",
            () ->
                fulfilments.stream()
                    .flatMap(e -> e.paymentPaid().stream())
                    .filter(p -> p.orderId().equals("jc-1"))
                    .findFirst()
                    .orElse(null));
    assertThat(paid.amountMinor()).isEqualTo(3000);
    assertThat(paid.currency()).isEqualTo("CNY");
    assertThat(paid.channel()).isEqualTo(created.channel());
    assertThat(paid.maskedUserId())
        .as("a phone number as user id")
        .isEqualTo(Masking.mask("13812345678"))
        .doesNotContain("1234");
    assertThat(refusedWebhooks).isEmpty();
    assertThat(awaitStatus("jc-1", PaymentStatus.FULFILLED).paidAmountMinor()).isEqualTo(3000);

    Refund asked = payments.refund("jc-1", new NewRefund("jc-1-r1", 1000, "one card unused"));
    assertThat(asked.status()).isEqualTo(RefundStatus.REQUESTED);
    assertThat(
            payments.refund("jc-1", new NewRefund("jc-1-r1", 1000, "one card unused")).refundId())
        .as("the same refund again is the same refund")
        .isEqualTo("jc-1-r1");
    Refund done =
        await(
            "the refund's end",
            () ->
                payments.refund("jc-1", "jc-1-r1").filter(r -> r.status().finished()).orElse(null));
    assertThat(done.status()).isEqualTo(RefundStatus.SUCCEEDED);
    Payment afterRefund = awaitStatus("jc-1", PaymentStatus.PARTIALLY_REFUNDED);
    assertThat(afterRefund.refundedAmountMinor()).isEqualTo(1000);
    assertThat(afterRefund.refunds()).extracting(Refund::refundId).containsExactly("jc-1-r1");
    WebhookEvent.RefundSettled told =
        await(
            "the refund's webhook",
            () ->
                fulfilments.stream()
                    .flatMap(e -> e.refundSettled().stream())
                    .filter(r -> r.refundId().equals("jc-1-r1"))
                    .findFirst()
                    .orElse(null));
    assertThat(told)
        .isEqualTo(
            new WebhookEvent.RefundSettled(
                "jc-1", "jc-1-r1", true, 1000, "CNY", false, null, 1000, "PARTIALLY_REFUNDED"));

    assertThatThrownBy(() -> payments.refund("jc-1", new NewRefund("jc-1-r2", 2001, null)))
        .as("more than is left to refund")
        .isInstanceOfSatisfying(
            ChannelShiftException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.retryable()).isFalse();
            });
    assertThatThrownBy(() -> payments.closePayment("jc-1", "too late"))
        .as("money has come: no close")
        .isInstanceOfSatisfying(
            ChannelShiftException.class, e -> assertThat(e.status()).isEqualTo(409));

    payments.createPayment(
        new NewPayment("jc-2", "13812345678", 1500, "CNY", "game_card", "Diamonds", null));
    assertThat(payments.closePayment("jc-2", "user cancelled the order").status())
        .isEqualTo(PaymentStatus.CLOSED);
    assertThat(payments.closePayment("jc-2", null).status())
        .as("closed again")
        .isEqualTo(PaymentStatus.CLOSED);
  }

  @Test
  void refusalsSayWhatIsWrong_andUnknownIdsAreEmpty() {
    assertThatThrownBy(
            () ->
                payments.createPayment(
                    new NewPayment("jc-bad", "user-jc", 0, "CNY", "game_card", null, null)))
        .isInstanceOfSatisfying(
            ChannelShiftException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.fieldErrors())
                  .extracting(ChannelShiftException.FieldError::field)
                  .contains("amountMinor");
            });
    assertThat(payments.payment("jc-bad")).as("nothing was started").isEmpty();
    assertThat(payments.refund("jc-none", "r1")).isEmpty();

    ChannelShiftClient wrongKey =
        ChannelShiftClient.builder(URI.create(stack.apiBaseUrl()), "csk_not_ours").build();
    assertThatThrownBy(() -> wrongKey.payment("jc-1"))
        .isInstanceOfSatisfying(
            ChannelShiftException.class, e -> assertThat(e.status()).isEqualTo(401));
  }

  /** The platform's webhook endpoint: 401 for what does not verify, 200 once recorded. */
  private void receive(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new HashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    int status;
    try {
      WebhookEvent event = verifier.verify(headers, body);
      if (fulfilments.stream().noneMatch(e -> e.eventId().equals(event.eventId()))) {
        fulfilments.add(event);
      }
      status = 200;
    } catch (InvalidWebhookException e) {
      refusedWebhooks.add(e.getMessage());
      status = 401;
    }
    byte[] answer = (status == 200 ? "ok" : "refused").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, answer.length);
    exchange.getResponseBody().write(answer);
    exchange.close();
  }

  private Payment awaitStatus(String orderId, PaymentStatus status) {
    return await(
        orderId + " " + status,
        () -> payments.payment(orderId).filter(p -> p.status() == status).orElse(null));
  }

  private static <T> T await(String what, Supplier<T> probe) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("waited 30 s for " + what);
  }
}
