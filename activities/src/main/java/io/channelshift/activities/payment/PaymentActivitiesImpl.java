package io.channelshift.activities.payment;

import io.channelshift.activities.fulfilment.WebhookSender;
import io.channelshift.activities.risk.RiskRules;
import io.channelshift.payment.CallbackRef;
import io.channelshift.payment.CreateOrderCommand;
import io.channelshift.payment.CreateOrderResult;
import io.channelshift.payment.FailoverCommand;
import io.channelshift.payment.FulfilmentCommand;
import io.channelshift.payment.OrderRef;
import io.channelshift.payment.PaymentActivities;
import io.channelshift.payment.PaymentReceipt;
import io.channelshift.payment.PaymentStatus;
import io.channelshift.payment.ProviderCallback;
import io.channelshift.payment.ProviderOrderState;
import io.channelshift.payment.ProviderOutcome;
import io.channelshift.payment.RefundCommand;
import io.channelshift.payment.RefundResult;
import io.channelshift.payment.RefundSettlement;
import io.channelshift.payment.RefundWebhook;
import io.channelshift.payment.RiskCheck;
import io.channelshift.payment.RiskDecision;
import io.channelshift.payment.RouteDecision;
import io.channelshift.payment.StatusChange;
import io.channelshift.provider.PaymentProvider;
import io.channelshift.provider.ProviderCreateResult;
import io.channelshift.provider.ProviderException;
import io.channelshift.provider.ProviderOrder;
import io.channelshift.provider.ProviderRefund;
import io.channelshift.provider.ProviderRefundResult;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.store.CallbackStore;
import io.channelshift.store.FailoverStore;
import io.channelshift.store.PaymentStore;
import io.channelshift.store.RoutingDecisions;
import io.channelshift.store.RoutingStore;
import io.channelshift.store.StoredPayment;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The payment workflow's activities: provider calls through the channel's adapter, writes to the
 * store, the fulfilment webhook. Each is idempotent on the ids it gets; a provider error that will
 * not go away by retrying becomes a non-retryable failure typed with its {@link
 * io.channelshift.provider.ProviderErrorType}.
 */
public class PaymentActivitiesImpl implements PaymentActivities {

  private final ProviderRegistry providers;
  private final PaymentStore store;
  private final RouteClaims routes;
  private final WebhookSender webhooks;
  private final RiskRules risk;
  private final CallbackStore inbox;
  private final RoutingStore routing;
  private final FailoverStore failovers;

  public PaymentActivitiesImpl(
      ProviderRegistry providers,
      PaymentStore store,
      RoutingStore routing,
      WebhookSender webhooks,
      RiskRules risk,
      CallbackStore inbox,
      FailoverStore failovers) {
    this.providers = providers;
    this.routing = routing;
    this.failovers = failovers;
    this.store = store;
    this.inbox = inbox;
    this.routes = new RouteClaims(store, routing);
    this.webhooks = webhooks;
    this.risk = risk;
  }

  @Override
  public RiskDecision assessRisk(RiskCheck check) {
    return risk.assess(check);
  }

  @Override
  public CreateOrderResult createOrder(CreateOrderCommand requested) {
    RouteDecision rerouted;
    try {
      rerouted = routes.claim(requested);
    } catch (RouteClaims.NoActiveChannelException e) {
      // Drained between the starter's decision and here, with nowhere to go: nothing was created.
      return new CreateOrderResult(
          ProviderOutcome.CANCELED,
          null,
          null,
          null,
          "no channel takes new payments: " + e.getMessage());
    }
    CreateOrderCommand c =
        rerouted == null
            ? requested
            : requested.withRoute(rerouted.channel(), rerouted.tableVersion());
    PaymentProvider provider = provider(c.channel());
    long started = System.nanoTime();
    ProviderCreateResult result =
        provider.create(
            new ProviderOrder(
                c.orderId(),
                c.amountMinor(),
                c.currency(),
                c.subject(),
                c.clientIp(),
                c.expiresAtEpochMs()));
    int latencyMs = (int) ((System.nanoTime() - started) / 1_000_000);
    boolean created = result.outcome() == ProviderOutcome.PROCESSED;
    store.recordCreated(
        c,
        created ? result.tradeNo() : null,
        created ? result.payUrl() : null,
        result.outcome().name(),
        latencyMs);
    return new CreateOrderResult(
        result.outcome(),
        result.payUrl(),
        result.tradeNo(),
        provider.merchantId(),
        result.failure(),
        rerouted,
        result.failureKind());
  }

  /** The next backup is chosen by the routing owner, {@link RoutingDecisions#failoverRoute}. */
  @Override
  public RouteDecision failOver(FailoverCommand c) {
    return RoutingDecisions.failoverRoute(
            failovers, routing, c.orderId(), c.fromChannel(), c.reason())
        .orElse(null);
  }

  @Override
  public ProviderOrderState queryOrder(OrderRef order) {
    return call(() -> provider(order.channel()).query(order.orderId()).toState());
  }

  @Override
  public ProviderOrderState closeOrder(OrderRef order) {
    return call(() -> provider(order.channel()).close(order.orderId()).toState());
  }

  @Override
  public void recordStatus(StatusChange change) {
    store.recordStatus(change.orderId(), change.status(), change.reason());
  }

  @Override
  public ProviderCallback verifiedCallback(CallbackRef c) {
    return inbox.verified(c.channel(), c.orderId(), c.notifyId()).orElse(null);
  }

  @Override
  public void recordReceipt(PaymentReceipt receipt) {
    store.recordReceipt(receipt);
  }

  @Override
  public void fulfil(FulfilmentCommand c) {
    PaymentReceipt paid =
        new PaymentReceipt(
            c.orderId(),
            c.channel(),
            c.tradeNo(),
            c.amountMinor(),
            c.currency(),
            c.paidAt(),
            PaymentStatus.PAID,
            null);
    if (!store.recordReceiptAndCheckDelivered(paid, c.eventId())) {
      webhooks.send(c);
    }
    store.markFulfilled(c.orderId(), c.eventId());
  }

  @Override
  public RefundResult refund(RefundCommand c) {
    PaymentProvider provider = provider(c.channel());
    long orderAmount =
        store
            .find(c.orderId())
            .map(StoredPayment::amountMinor)
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "no ledger row for order " + c.orderId(), "NO_LEDGER_ROW"));
    String outRefundNo = store.insertRefund(c);
    ProviderRefundResult r =
        provider.refund(
            new ProviderRefund(
                c.orderId(), outRefundNo, c.amountMinor(), orderAmount, c.currency(), c.reason()));
    return new RefundResult(r.outcome(), r.providerRefundNo(), r.failure(), outRefundNo);
  }

  /**
   * Asks under the number the refund was recorded (and sent) with, read back from the store. A
   * refund never recorded was never sent: the provider cannot have it (CANCELED), so sending it is
   * safe.
   */
  @Override
  public RefundResult queryRefund(RefundCommand c) {
    Optional<String> outRefundNo = store.providerRefundNo(c.orderId(), c.refundId());
    if (outRefundNo.isEmpty()) {
      return new RefundResult(
          ProviderOutcome.CANCELED, null, "refund " + c.refundId() + " was never sent", null);
    }
    return call(
        () -> {
          ProviderRefundResult r =
              provider(c.channel())
                  .queryRefund(
                      new ProviderRefund(
                          c.orderId(),
                          outRefundNo.get(),
                          c.amountMinor(),
                          0,
                          c.currency(),
                          c.reason()));
          return new RefundResult(
              r.outcome(), r.providerRefundNo(), r.failure(), outRefundNo.get());
        });
  }

  @Override
  public void settleRefund(RefundSettlement settlement) {
    store.settleRefund(settlement);
  }

  @Override
  public void notifyRefund(RefundWebhook webhook) {
    webhooks.send(webhook);
  }

  private PaymentProvider provider(String channel) {
    return call(() -> providers.get(channel));
  }

  private static <T> T call(Supplier<T> providerCall) {
    try {
      return providerCall.get();
    } catch (ProviderException e) {
      if (e.retryable()) {
        throw e;
      }
      throw ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), e.type().name(), e);
    }
  }
}
