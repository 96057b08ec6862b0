package io.channelshift.starter.payments;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelshift.config.PaymentProperties;
import io.channelshift.payment.Checkout;
import io.channelshift.payment.CloseRequest;
import io.channelshift.payment.PaymentRequest;
import io.channelshift.payment.PaymentStatus;
import io.channelshift.payment.PaymentView;
import io.channelshift.payment.RefundIds;
import io.channelshift.payment.RefundRequest;
import io.channelshift.payment.RefundView;
import io.channelshift.privacy.Masking;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.store.PaymentStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The platform's payment API. */
@RestController
@RequestMapping(path = "/api/payments", produces = MediaType.APPLICATION_JSON_VALUE)
class PaymentController {

  private final PaymentGateway gateway;
  private final PaymentRouting routing;
  private final PaymentStore store;
  private final PaymentRequestParser parser;
  private final PaymentProperties payment;
  private final MeterRegistry meters;

  PaymentController(
      PaymentGateway gateway,
      PaymentRouting routing,
      PaymentStore store,
      PaymentProperties payment,
      MeterRegistry meters) {
    this.gateway = gateway;
    this.meters = meters;
    this.routing = routing;
    this.store = store;
    this.payment = payment;
    this.parser = new PaymentRequestParser(payment);
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> create(@RequestBody JsonNode body) {
    PaymentRequestParser.NewPayment p = parser.payment(body);
    PaymentRequest request =
        new PaymentRequest(
            p.orderId(),
            p.userId(),
            p.amount().minor(),
            p.amount().currency(),
            p.productType(),
            p.subject(),
            p.clientIp(),
            routing.decide(p.userId(), p.productType()),
            payment.timing());
    Checkout checkout;
    try {
      checkout = gateway.start(request);
    } catch (ApiProblem e) {
      countStart(
          request, "http_" + e.status().value()); // 409 order id used, 422 refused, 503 not ready
      throw e;
    }
    countStart(request, checkout.status().name());
    if (checkout.status() == PaymentStatus.REJECTED) {
      throw new ApiProblem(
          HttpStatus.UNPROCESSABLE_ENTITY, "Payment rejected", Masking.mask(checkout.reason()));
    }
    if (checkout.status() != PaymentStatus.AWAITING_PAYMENT) {
      throw new ApiProblem(
          HttpStatus.BAD_GATEWAY,
          "Payment not started",
          "payment " + p.orderId() + " is " + checkout.status() + ": " + checkout.reason());
    }
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("orderId", checkout.orderId());
    response.put("status", checkout.status());
    response.put("channel", checkout.channel());
    response.put("payUrl", checkout.payUrl());
    response.put("expiresAt", Instant.ofEpochMilli(checkout.expiresAtEpochMs()).toString());
    return ResponseEntity.status(HttpStatus.CREATED).body(response);
  }

  @GetMapping("/{orderId}")
  Map<String, Object> get(@PathVariable String orderId) {
    PaymentView view =
        gateway
            .view(PaymentRequestParser.pathId("orderId", orderId))
            .orElseThrow(() -> notFound(orderId));
    return answer(view);
  }

  /**
   * The platform closes an unpaid payment (its user cancelled the order): closed at the provider
   * before the answer, so nobody can pay it any more. The answer is the payment as {@code GET}
   * shows it: CLOSED, or PAID when the user paid first. Money already come → 409.
   */
  @PostMapping(path = "/{orderId}/close")
  Map<String, Object> close(
      @PathVariable String orderId, @RequestBody(required = false) JsonNode body) {
    String reason = parser.closeReason(body);
    return answer(
        gateway.close(PaymentRequestParser.pathId("orderId", orderId), new CloseRequest(reason)));
  }

  private Map<String, Object> answer(PaymentView view) {
    String orderId = view.orderId();
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("orderId", view.orderId());
    response.put("status", view.status());
    response.put("channel", view.channel());
    response.put("routingVersion", view.routingVersion());
    response.put("amountMinor", view.amountMinor());
    response.put("currency", view.currency());
    response.put("productType", view.productType());
    response.put("paidAmountMinor", view.paidAmountMinor());
    response.put("refundedAmountMinor", view.refundedAmountMinor());
    response.put("tradeNo", view.tradeNo());
    response.put("payUrl", view.payUrl());
    response.put("expiresAt", Instant.ofEpochMilli(view.expiresAtEpochMs()).toString());
    response.put("anomalyReason", Masking.mask(view.anomalyReason()));
    response.put("refunds", view.refunds().stream().map(PaymentController::masked).toList());
    response.put("notes", view.notes().stream().map(Masking::mask).toList());
    store
        .find(orderId)
        .ifPresent(
            row -> {
              response.put("createdAt", row.createdAt());
              response.put("paidAt", row.paidAt());
              response.put("updatedAt", row.updatedAt());
            });
    return response;
  }

  @PostMapping(path = "/{orderId}/refunds", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<RefundView> refund(@PathVariable String orderId, @RequestBody JsonNode body) {
    PaymentRequestParser.NewRefund r = parser.refund(body);
    RefundView view =
        gateway.refund(
            PaymentRequestParser.pathId("orderId", orderId),
            new RefundRequest(r.refundId(), r.amountMinor(), r.reason()));
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(masked(view));
  }

  /**
   * A platform's refund, or one the payment made itself (an automatic refund's id is of a form only
   * it gives).
   */
  @GetMapping("/{orderId}/refunds/{refundId}")
  RefundView getRefund(@PathVariable String orderId, @PathVariable String refundId) {
    if (!RefundIds.isAutomatic(refundId)) {
      PaymentRequestParser.pathId("refundId", refundId);
    }
    PaymentView view =
        gateway
            .view(PaymentRequestParser.pathId("orderId", orderId))
            .orElseThrow(() -> notFound(orderId));
    return view.refunds().stream()
        .filter(r -> r.refundId().equals(refundId))
        .findFirst()
        .map(PaymentController::masked)
        .orElseThrow(
            () ->
                new ApiProblem(
                    HttpStatus.NOT_FOUND,
                    "Refund not found",
                    "payment " + orderId + " has no refund " + refundId));
  }

  /**
   * {@code channelshift.payments.started}: each valid create request, by the channel it was routed
   * to, product type and what became of it (AWAITING_PAYMENT, REJECTED by a risk rule, FAILED at
   * the provider, or the HTTP status of a refusal). Requests refused as bad input start nothing and
   * are not counted here.
   */
  private void countStart(PaymentRequest request, String outcome) {
    meters
        .counter(
            "channelshift.payments.started",
            "channel",
            request.route().channel(),
            "product_type",
            request.productType(),
            "outcome",
            outcome)
        .increment();
  }

  /**
   * Free text (a refund's reason, why it failed) may quote a card or phone number; the API shows
   * them masked.
   */
  private static RefundView masked(RefundView r) {
    return new RefundView(
        r.refundId(),
        r.amountMinor(),
        Masking.mask(r.reason()),
        r.status(),
        r.automatic(),
        Masking.mask(r.failure()));
  }

  private static ApiProblem notFound(String orderId) {
    return new ApiProblem(HttpStatus.NOT_FOUND, "Payment not found", "no payment " + orderId);
  }
}
