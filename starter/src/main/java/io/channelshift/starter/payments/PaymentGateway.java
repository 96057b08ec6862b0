package io.channelshift.starter.payments;

import static io.channelshift.temporal.TemporalNames.PAYMENT_CHANNEL;
import static io.channelshift.temporal.TemporalNames.PAYMENT_STATUS;
import static io.channelshift.temporal.TemporalNames.PRODUCT_TYPE;
import static io.channelshift.temporal.TemporalNames.ROUTING_VERSION;

import io.channelshift.config.PaymentProperties;
import io.channelshift.payment.Checkout;
import io.channelshift.payment.CheckoutRequest;
import io.channelshift.payment.CloseRequest;
import io.channelshift.payment.PaymentRequest;
import io.channelshift.payment.PaymentStatus;
import io.channelshift.payment.PaymentView;
import io.channelshift.payment.PaymentWorkflow;
import io.channelshift.payment.ProviderCallback;
import io.channelshift.payment.RefundNotice;
import io.channelshift.payment.RefundRequest;
import io.channelshift.payment.RefundView;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.starter.web.BoundedWaits;
import io.channelshift.store.PaymentStore;
import io.channelshift.store.StoredPayment;
import io.channelshift.temporal.TemporalNames;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The starter's side of the payment workflow: start it, read it, refund through it, hand it
 * callbacks. Every call that waits on the workflow waits at most the checkout timeout, in a
 * bulkhead of the payment's channel (see {@link BoundedWaits}).
 */
@Service
public class PaymentGateway {

  /**
   * How many callers of one channel may wait at once; past it that channel's callers get a 503 at
   * once.
   */
  static final int WAITING_PER_CHANNEL = 64;

  /**
   * The bulkhead of calls about an order the ledger does not know (yet): nothing to tell its
   * channel by.
   */
  private static final String UNKNOWN_CHANNEL = "an unknown order";

  private final WorkflowClient client;
  private final Function<String, Optional<String>> channelOf;
  private final BoundedWaits waits;

  @Autowired
  PaymentGateway(WorkflowClient client, PaymentProperties payment, PaymentStore ledger) {
    this(
        client,
        payment.checkoutTimeout(),
        orderId -> ledger.find(orderId).map(StoredPayment::channel));
  }

  PaymentGateway(
      WorkflowClient client,
      Duration checkoutTimeout,
      Function<String, Optional<String>> channelOf) {
    this(client, new BoundedWaits("Payment", WAITING_PER_CHANNEL, checkoutTimeout), channelOf);
  }

  PaymentGateway(
      WorkflowClient client, BoundedWaits waits, Function<String, Optional<String>> channelOf) {
    this.client = client;
    this.waits = waits;
    this.channelOf = channelOf;
  }

  /**
   * Starts the payment (or reaches the running one with the same order id) and waits for its pay
   * URL, in one round trip: update-with-start. Waits at most the checkout timeout: past it the
   * payment may well have started, and the same request again answers it.
   */
  public Checkout start(PaymentRequest request) {
    return waits.call(
        request.route().channel(),
        () -> updateWithStart(request),
        "the pay URL was not ready within "
            + waits.timeout().toMillis()
            + " ms; the payment may have started: send the same request again to get it");
  }

  /** The bulkhead of a call about an existing order: its channel, as the ledger has it. */
  private String channelOfOrder(String orderId) {
    return channelOf.apply(orderId).orElse(UNKNOWN_CHANNEL);
  }

  private Checkout updateWithStart(PaymentRequest request) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(TemporalNames.paymentWorkflowId(request.orderId()))
            .setTaskQueue(TemporalNames.PAYMENTS_TASK_QUEUE)
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setTypedSearchAttributes(
                SearchAttributes.newBuilder()
                    .set(PAYMENT_STATUS, PaymentStatus.CREATED.name())
                    .set(PAYMENT_CHANNEL, request.route().channel())
                    .set(PRODUCT_TYPE, request.productType())
                    .set(ROUTING_VERSION, request.route().tableVersion())
                    .build())
            .setStaticSummary(
                "Order **"
                    + request.orderId()
                    + "**: "
                    + request.amount().decimal()
                    + " "
                    + request.currency()
                    + " on **"
                    + request.route().channel()
                    + "** (routing v"
                    + request.route().tableVersion()
                    + ")")
            .build();
    PaymentWorkflow workflow = client.newWorkflowStub(PaymentWorkflow.class, options);
    try {
      return WorkflowClient.executeUpdateWithStart(
          workflow::checkout,
          CheckoutRequest.of(request),
          UpdateOptions.<Checkout>newBuilder()
              .setWaitForStage(WorkflowUpdateStage.COMPLETED)
              .build(),
          new WithStartWorkflowOperation<>(workflow::run, request));
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw orderIdUsed(request);
    } catch (WorkflowServiceException e) {
      // Update-with-start reports the reuse policy's refusal as the start operation's
      // ALREADY_EXISTS, wrapped, not as WorkflowExecutionAlreadyStarted. With USE_EXISTING for a
      // running one, it means only: the payment ended.
      if (e.getCause() instanceof StatusRuntimeException status
          && status.getStatus().getCode() == Status.Code.ALREADY_EXISTS) {
        throw orderIdUsed(request);
      }
      throw e;
    } catch (WorkflowUpdateException e) {
      throw refusal(e);
    }
  }

  private static ApiProblem orderIdUsed(PaymentRequest request) {
    return new ApiProblem(
        HttpStatus.CONFLICT,
        "Order id used",
        "order " + request.orderId() + " was already used by a payment that has ended");
  }

  public Optional<PaymentView> view(String orderId) {
    return waits.call(
        channelOfOrder(orderId),
        () -> statusOf(orderId),
        "the payment did not answer within " + waits.timeout().toMillis() + " ms; ask again");
  }

  /** The payment as its query answers, from inside a call already waiting in its bulkhead. */
  private Optional<PaymentView> statusOf(String orderId) {
    try {
      return Optional.ofNullable(stub(orderId).status());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }

  public RefundView refund(String orderId, RefundRequest request) {
    return waits.call(
        channelOfOrder(orderId),
        () -> {
          try {
            return stub(orderId).refund(request);
          } catch (WorkflowNotFoundException e) {
            throw ended(orderId, "nothing can be refunded")
                .orElseGet(
                    () ->
                        new ApiProblem(
                            HttpStatus.NOT_FOUND, "Payment not found", "no payment " + orderId));
          } catch (WorkflowUpdateException e) {
            throw refusal(e);
          }
        },
        "the payment did not take the refund within "
            + waits.timeout().toMillis()
            + " ms; it may have: send the "
            + "same request again (same refundId) to get it");
  }

  /**
   * A payment that is no longer running but can still be read (REJECTED or FAILED ends at once;
   * others when their after-sales window closes): a refund or close of it conflicts with its state,
   * 409, not a 404 that would say there is no such payment.
   */
  private Optional<ApiProblem> ended(String orderId, String consequence) {
    return statusOf(orderId)
        .map(
            v ->
                new ApiProblem(
                    HttpStatus.CONFLICT,
                    "Payment has ended",
                    "payment " + orderId + " is " + v.status() + " and has ended: " + consequence));
  }

  /**
   * Closes the unpaid payment at the provider, as the platform asks, and answers it once closed (or
   * paid, when the user paid first). Refused with a 409 when money has come. Waits at most the
   * checkout timeout: a provider that does not answer is asked again by the payment until it does
   * (the close is under way), and the caller gets a 503 saying so rather than a request thread held
   * for as long as the provider is down.
   */
  public PaymentView close(String orderId, CloseRequest request) {
    return waits.call(
        channelOfOrder(orderId),
        () -> {
          try {
            return stub(orderId).close(request);
          } catch (WorkflowNotFoundException e) {
            Optional<PaymentView> ended = statusOf(orderId);
            if (ended.isPresent() && ended.get().status() == PaymentStatus.CLOSED) {
              return ended.get(); // closing again answers the same
            }
            throw ended(orderId, "there is nothing to close")
                .orElseGet(
                    () ->
                        new ApiProblem(
                            HttpStatus.NOT_FOUND, "Payment not found", "no payment " + orderId));
          } catch (WorkflowUpdateException e) {
            throw refusal(e);
          }
        },
        "the provider has not confirmed the close within "
            + waits.timeout().toMillis()
            + " ms; the payment keeps "
            + "asking it and closes as soon as it answers (a payment made first is kept): send the same request again "
            + "for the outcome");
  }

  /**
   * Hands a verified callback to its payment. Returns false when there is no such running payment.
   */
  public boolean deliver(ProviderCallback callback) {
    try {
      client
          .newUntypedWorkflowStub(TemporalNames.paymentWorkflowId(callback.outTradeNo()))
          .signal("providerCallback", callback);
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  /**
   * Hands a verified refund notice to its payment. Returns false when there is no such running
   * payment.
   */
  public boolean deliver(String orderId, RefundNotice notice) {
    try {
      client
          .newUntypedWorkflowStub(TemporalNames.paymentWorkflowId(orderId))
          .signal("refundNotice", notice);
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  @PreDestroy
  void stop() {
    waits.close();
  }

  private PaymentWorkflow stub(String orderId) {
    return client.newWorkflowStub(PaymentWorkflow.class, TemporalNames.paymentWorkflowId(orderId));
  }

  /** The workflow's validator refused: an argument problem is 422, a state conflict 409. */
  static ApiProblem refusal(WorkflowUpdateException e) {
    String message = e.getMessage();
    String type = "";
    if (e.getCause() instanceof ApplicationFailure failure) {
      message = failure.getOriginalMessage();
      type = failure.getType();
    }
    if (type.endsWith("IllegalArgumentException")) {
      return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Request refused", message);
    }
    return new ApiProblem(
        HttpStatus.CONFLICT, "Request conflicts with the payment's state", message);
  }
}
