package io.channelshift.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {

  private static final String SECRET = "webhook-secret-0123456789";
  private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
  private static final String BODY =
      "{\"eventId\":\"fulfil-order-1\",\"type\":\"payment.paid\",\"orderId\":\"order-1\","
          + "\"userId\":\"138****5678\",\"productType\":\"topup\",\"amountMinor\":3000,\"currency\":\"CNY\","
          + "\"channel\":\"legacy\",\"tradeNo\":\"T1\",\"paidAt\":\"2026-11-26T07:59:58Z\"}";

  private final WebhookVerifier verifier =
      new WebhookVerifier(SECRET, Duration.ofSeconds(300), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aSignedRecentWebhookIsTheEvent_withThePaymentToFulfil() {
    WebhookEvent event = verifier.verify(headers(NOW.getEpochSecond(), BODY, SECRET), BODY);

    assertThat(event.eventId()).isEqualTo("fulfil-order-1");
    assertThat(event.paymentPaid())
        .get()
        .isEqualTo(
            new WebhookEvent.PaymentPaid(
                "order-1",
                "138****5678",
                "topup",
                3000,
                "CNY",
                "legacy",
                "T1",
                "2026-11-26T07:59:58Z"));
  }

  @Test
  void aRefundWebhookIsTheRefundThatSettled() {
    String body =
        "{\"eventId\":\"refund-order-1-r1\",\"type\":\"refund.failed\",\"orderId\":\"order-1\","
            + "\"userId\":\"138****5678\",\"refundId\":\"r1\",\"amountMinor\":500,\"currency\":\"CNY\","
            + "\"channel\":\"legacy\",\"automatic\":false,\"failure\":\"ACCOUNT_FROZEN\",\"refundedTotalMinor\":0,"
            + "\"paymentStatus\":\"FULFILLED\",\"aFieldOfLater\":1}";

    WebhookEvent event = verifier.verify(headers(NOW.getEpochSecond(), body, SECRET), body);

    assertThat(event.paymentPaid()).isEmpty();
    assertThat(event.refundSettled())
        .get()
        .isEqualTo(
            new WebhookEvent.RefundSettled(
                "order-1", "r1", false, 500, "CNY", false, "ACCOUNT_FROZEN", 0, "FULFILLED"));
  }

  @Test
  void headersAreFoundInAnyCase() {
    Map<String, String> lower =
        Map.of(
            "x-channelshift-timestamp",
            Long.toString(NOW.getEpochSecond()),
            "x-channelshift-nonce",
            "n1",
            "x-channelshift-signature",
            WebhookSignature.sign(SECRET, Long.toString(NOW.getEpochSecond()), "n1", BODY));

    assertThat(verifier.verify(lower, BODY).type()).isEqualTo(WebhookEvent.PAYMENT_PAID);
  }

  @Test
  void aChangedBodyIsRefused() {
    Map<String, String> headers = headers(NOW.getEpochSecond(), BODY, SECRET);

    assertThatThrownBy(() -> verifier.verify(headers, BODY.replace("3000", "300000")))
        .isInstanceOf(InvalidWebhookException.class)
        .hasMessageContaining("signature");
  }

  @Test
  void anotherSecretIsRefused() {
    assertThatThrownBy(
            () ->
                verifier.verify(
                    headers(NOW.getEpochSecond(), BODY, "another-secret-0123456"), BODY))
        .isInstanceOf(InvalidWebhookException.class)
        .hasMessageContaining("signature");
  }

  @Test
  void aWebhookPlayedBackLaterIsRefused_andOneFromTheFutureToo() {
    assertThat(verifier.verify(headers(NOW.getEpochSecond() - 300, BODY, SECRET), BODY).eventId())
        .isEqualTo("fulfil-order-1");
    assertThatThrownBy(
            () -> verifier.verify(headers(NOW.getEpochSecond() - 301, BODY, SECRET), BODY))
        .isInstanceOf(InvalidWebhookException.class)
        .hasMessageContaining("window");
    assertThatThrownBy(
            () -> verifier.verify(headers(NOW.getEpochSecond() + 301, BODY, SECRET), BODY))
        .isInstanceOf(InvalidWebhookException.class)
        .hasMessageContaining("window");
  }

  @Test
  void anUnsignedWebhookIsRefused() {
    assertThatThrownBy(() -> verifier.verify(Map.of(), BODY))
        .isInstanceOf(InvalidWebhookException.class)
        .hasMessageContaining("missing");
  }

  @Test
  void anEventIdHeaderThatIsNotTheSignedOneIsRefused() {
    String ts = Long.toString(NOW.getEpochSecond());
    String signature = WebhookSignature.sign(SECRET, ts, "n1", BODY);

    assertThatThrownBy(() -> verifier.verify(ts, "n1", signature, "fulfil-order-2", BODY))
        .isInstanceOf(InvalidWebhookException.class)
        .hasMessageContaining("event id");
  }

  @Test
  void otherEventsHaveNoPaymentToFulfil() {
    String body = "{\"eventId\":\"migration-m1-ROLLED_BACK\",\"type\":\"migration.rolled_back\"}";

    WebhookEvent event = verifier.verify(headers(NOW.getEpochSecond(), body, SECRET), body);

    assertThat(event.paymentPaid()).isEmpty();
    assertThat(event.body().path("type").asText()).isEqualTo("migration.rolled_back");
  }

  @Test
  void aSignedBodyThatIsNotAnEventIsRefused() {
    String body = "[1,2]";

    assertThatThrownBy(() -> verifier.verify(headers(NOW.getEpochSecond(), body, SECRET), body))
        .isInstanceOf(InvalidWebhookException.class)
        .hasMessageContaining("eventId");
  }

  private static Map<String, String> headers(long epochSecond, String body, String secret) {
    String ts = Long.toString(epochSecond);
    return Map.of(
        WebhookSignature.TIMESTAMP_HEADER,
        ts,
        WebhookSignature.NONCE_HEADER,
        "nonce-1",
        WebhookSignature.SIGNATURE_HEADER,
        WebhookSignature.sign(secret, ts, "nonce-1", body));
  }
}
