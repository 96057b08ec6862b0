package io.channelshift.starter.payments;

import io.channelshift.config.PaymentProperties;
import io.channelshift.payment.ByHandRequest;
import io.channelshift.payment.PaymentView;
import io.channelshift.payment.PaymentWorkflow;
import io.channelshift.payment.RefundResendRequest;
import io.channelshift.payment.ResendResult;
import io.channelshift.payment.SettleResult;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.starter.web.BoundedWaits;
import io.channelshift.store.ManualRequests;
import io.channelshift.store.ManualRequests.Action;
import io.channelshift.store.PaymentStore;
import io.channelshift.store.StoredPayment;
import io.channelshift.temporal.TemporalNames;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import jakarta.annotation.PreDestroy;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The starter's side of what ops do by hand (issue 17, section 5): ask a payment to settle on its
 * provider's answer, or to send its given-up fulfilment webhook again. Each waits at most the
 * checkout timeout, in the payment's channel's bulkhead like every call that waits on a payment,
 * and each request that reaches a payment is recorded in {@link ManualRequests} with what came of
 * it: the payment's answer, its refusal, or that the caller stopped waiting.
 */
@Service
class ByHandGateway {

  private static final String UNKNOWN_CHANNEL = "an unknown order";

  private final WorkflowClient client;
  private final BoundedWaits waits;
  private final PaymentStore ledger;
  private final ManualRequests requests;

  ByHandGateway(
      WorkflowClient client,
      PaymentProperties payment,
      PaymentStore ledger,
      ManualRequests requests) {
    this.client = client;
    this.ledger = ledger;
    this.requests = requests;
    this.waits =
        new BoundedWaits("Payment", PaymentGateway.WAITING_PER_CHANNEL, payment.checkoutTimeout());
  }

  /**
   * The payment asks its provider now and answers what it said; NOTHING_TO_SETTLE (the payment was
   * settled while this request waited its turn) is refused like the validator's refusal, 409.
   */
  SettleResult settle(String orderId, ByHandRequest request) {
    SettleResult result =
        call(
            orderId,
            Action.SETTLE,
            null,
            request,
            () -> stub(orderId).settle(request),
            "the provider has not answered within "
                + waits.timeout().toMillis()
                + " ms; the payment records its answer in its notes when it comes: read the"
                + " payment, then ask again if it still waits for its money");
    record(
        orderId,
        Action.SETTLE,
        null,
        request,
        result.outcome().name(),
        result.status(),
        result.detail());
    if (result.outcome() == SettleResult.Outcome.NOTHING_TO_SETTLE) {
      throw new ApiProblem(HttpStatus.CONFLICT, "Nothing to settle", result.detail());
    }
    return result;
  }

  /** The fulfilment webhook sent again; its answer, or 503 while its retries go on. */
  ResendResult resendFulfilment(String orderId, ByHandRequest request) {
    ResendResult result =
        call(
            orderId,
            Action.RESEND_FULFILMENT,
            null,
            request,
            () -> stub(orderId).resendFulfilment(request),
            "the platform has not acknowledged the webhook within "
                + waits.timeout().toMillis()
                + " ms; the payment keeps sending it until its fulfilment deadline: read the"
                + " payment for the outcome (FULFILLED once delivered)");
    record(
        orderId,
        Action.RESEND_FULFILMENT,
        null,
        request,
        result.outcome().name(),
        result.status(),
        result.detail());
    return result;
  }

  /** A refund's given-up webhook sent again; its answer, or 503 while its retries go on. */
  ResendResult resendRefundWebhook(String orderId, String refundId, ByHandRequest request) {
    ResendResult result =
        call(
            orderId,
            Action.RESEND_REFUND_WEBHOOK,
            refundId,
            request,
            () -> stub(orderId).resendRefundWebhook(new RefundResendRequest(refundId, request)),
            "the platform has not acknowledged the refund's webhook within "
                + waits.timeout().toMillis()
                + " ms; the payment keeps sending it until its deadline: read the payment's notes"
                + " for the outcome");
    record(
        orderId,
        Action.RESEND_REFUND_WEBHOOK,
        refundId,
        request,
        result.outcome().name(),
        result.status(),
        result.detail());
    return result;
  }

  private <T> T call(
      String orderId,
      Action action,
      String refundId,
      ByHandRequest request,
      Supplier<T> update,
      String tooSlow) {
    try {
      return waits.call(
          ledger.find(orderId).map(StoredPayment::channel).orElse(UNKNOWN_CHANNEL),
          () -> {
            try {
              return update.get();
            } catch (WorkflowNotFoundException e) {
              throw notRunning(orderId);
            } catch (WorkflowUpdateException e) {
              throw PaymentGateway.refusal(e);
            }
          },
          tooSlow);
    } catch (ApiProblem refused) {
      if (refused.status() == HttpStatus.CONFLICT
          || refused.status() == HttpStatus.SERVICE_UNAVAILABLE) {
        // it reached the payment (or may have): kept with who asked, like an answer
        record(
            orderId,
            action,
            refundId,
            request,
            refused.status() == HttpStatus.CONFLICT ? "REFUSED" : "NOT_ANSWERED_IN_TIME",
            null,
            refused.getMessage());
      }
      throw refused;
    }
  }

  /** A payment that has ended (or never was): nothing it can do by hand. */
  private ApiProblem notRunning(String orderId) {
    Optional<PaymentView> ended;
    try {
      ended = Optional.ofNullable(stub(orderId).status());
    } catch (WorkflowNotFoundException e) {
      ended = Optional.empty();
    }
    return ended
        .map(
            v ->
                new ApiProblem(
                    HttpStatus.CONFLICT,
                    "Payment has ended",
                    "payment "
                        + orderId
                        + " is "
                        + v.status()
                        + " and has ended: nothing to do by hand; money that came after it is"
                        + " found by the day's reconciliation"))
        .orElseGet(
            () ->
                new ApiProblem(HttpStatus.NOT_FOUND, "Payment not found", "no payment " + orderId));
  }

  private void record(
      String orderId,
      Action action,
      String refundId,
      ByHandRequest request,
      String outcome,
      Object status,
      String detail) {
    requests.record(
        orderId,
        action,
        refundId,
        request.requestedBy(),
        request.reason(),
        outcome,
        status == null ? null : status.toString(),
        detail);
  }

  private PaymentWorkflow stub(String orderId) {
    return client.newWorkflowStub(PaymentWorkflow.class, TemporalNames.paymentWorkflowId(orderId));
  }

  @PreDestroy
  void stop() {
    waits.close();
  }
}
