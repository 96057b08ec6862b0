package io.channelshift.payment;

import static io.channelshift.temporal.TemporalNames.PAYMENT_STATUS;

import io.channelshift.payment.Answer.Answered;
import io.channelshift.payment.Creation.Created;
import io.channelshift.payment.Creation.NotCreated;
import io.channelshift.payment.Screening.Rejected;
import io.channelshift.temporal.Timers;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The payment process (docs/architecture.md, "A payment"): judge the request, create the order at
 * the provider, wait for the money (asking the provider when the callback is late), fulfil, then
 * take refunds and late callbacks until the after-sales window closes. The money and status live in
 * a {@link PaymentLedger}; the calls to the provider in a {@link ProviderConversation}; callbacks
 * and the settling of an unpaid order in {@link PaymentArrivals}; the fulfilment webhook in a
 * {@link Fulfilment}; refunds in a {@link RefundProcess}; what ops do by hand (settle, resend the
 * fulfilment webhook) in a {@link ManualSettlement} and the {@link Fulfilment}; the version gates
 * in {@link PaymentVersions}; the stubs and their options in {@link PaymentStubs}.
 */
public class PaymentWorkflowImpl implements PaymentWorkflow {

  private static final Logger log = Workflow.getLogger(PaymentWorkflowImpl.class);

  /**
   * Counted as payments reach each state, by channel: {@code
   * channelshift_payment_status_changes_total}.
   */
  static final String STATUS_CHANGES = "channelshift_payment_status_changes";

  private final PaymentVersions versions = new PaymentVersions();
  private final PaymentStubs stubs;
  private final PaymentLedger ledger;
  private final ProviderConversation provider;
  private final PaymentArrivals arrivals;
  private final RefundProcess refunds;
  private final Fulfilment fulfilment;
  private final ChannelFailover failover;
  private final ManualSettlement byHand;

  /**
   * The request is known before any handler runs: update-with-start delivers every create that
   * reached the payment before its first workflow task in that task, and each must be judged
   * against the request that started it.
   */
  @WorkflowInit
  public PaymentWorkflowImpl(PaymentRequest paymentRequest) {
    this.stubs = new PaymentStubs(paymentRequest.timing().fulfilmentDeadline());
    this.ledger = new PaymentLedger(paymentRequest, this::statusChanged);
    this.provider = new ProviderConversation(ledger, stubs, versions);
    this.refunds = new RefundProcess(ledger, stubs, versions, provider);
    this.failover = new ChannelFailover(ledger, stubs, refunds);
    this.arrivals = new PaymentArrivals(ledger, stubs, versions, provider, failover);
    this.fulfilment = new Fulfilment(ledger, stubs, versions);
    this.byHand = new ManualSettlement(ledger, arrivals, provider, versions);
  }

  @Override
  public PaymentView run(PaymentRequest paymentRequest) {
    PaymentRequest request = ledger.request();
    ledger.expiresAt(Workflow.currentTimeMillis() + request.timing().expiresIn().toMillis());
    Workflow.setCurrentDetails("Creating the order at **" + ledger.channel() + "**");

    if (passesRiskRules()) {
      createAtProvider();
      failover.closeLeftOrders(); // none unless the payment moved on from a channel at its create
    }
    if (ledger.status() == PaymentStatus.AWAITING_PAYMENT) {
      awaitPayment();
    }
    if (ledger.status() == PaymentStatus.PAID) {
      fulfilment.deliver();
    }
    // Refused by the provider or by the risk rules: no money can come, nothing to wait for.
    if (ledger.status() != PaymentStatus.FAILED && ledger.status() != PaymentStatus.REJECTED) {
      afterSales();
    } else if (failover.movedOn()) {
      // Failed on every backup too: what the payment left behind is still closed, its callbacks
      // taken, before it ends.
      awaitLeftOrders();
    }
    if (byHand.used() || fulfilment.resentByHand() || refunds.resentByHand()) {
      Workflow.await(Workflow::isEveryHandlerFinished); // an operator waits for the answer
    }
    Workflow.setCurrentDetails("Ended: **" + ledger.status() + "**");
    return status();
  }

  // ---- what the platform and the providers ask ----

  @Override
  public Checkout checkout(CheckoutRequest checkoutRequest) {
    Workflow.await(() -> ledger.checkout() != null);
    return ledger.checkout();
  }

  @Override
  public void validateCheckout(CheckoutRequest r) {
    ledger.checkSameOrder(r);
  }

  @Override
  public void providerCallback(ProviderCallback callback) {
    arrivals.signalled(callback);
  }

  @Override
  public PaymentView close(CloseRequest r) {
    Workflow.await(
        () -> ledger.status() != PaymentStatus.CREATED); // being created: close it once it exists
    ledger.askClose(r.reason());
    Workflow.await(() -> ledger.status() != PaymentStatus.AWAITING_PAYMENT);
    return status();
  }

  @Override
  public void validateClose(CloseRequest r) {
    ledger.checkClosable();
  }

  @Override
  public void refundNotice(RefundNotice notice) {
    refunds.notice(notice);
  }

  @Override
  public RefundView refund(RefundRequest r) {
    return ledger.takeRefund(r);
  }

  @Override
  public void validateRefund(RefundRequest r) {
    ledger.checkRefund(r);
  }

  @Override
  public SettleResult settle(ByHandRequest r) {
    return byHand.settle(r);
  }

  @Override
  public void validateSettle(ByHandRequest r) {
    byHand.check(r);
  }

  @Override
  public ResendResult resendFulfilment(ByHandRequest r) {
    return fulfilment.resend(r);
  }

  @Override
  public void validateResendFulfilment(ByHandRequest r) {
    fulfilment.checkResend(r);
  }

  @Override
  public ResendResult resendRefundWebhook(RefundResendRequest r) {
    return refunds.resendWebhook(r);
  }

  @Override
  public void validateResendRefundWebhook(RefundResendRequest r) {
    refunds.checkResend(r);
  }

  @Override
  public PaymentView status() {
    return ledger.view();
  }

  // ---- the process ----

  /**
   * The risk rules, before any provider is asked; payments started before the rules existed never
   * ran them.
   */
  private boolean passesRiskRules() {
    if (!versions.runsRiskRules()) {
      return true;
    }
    if (Screening.of(stubs.local.assessRisk(RiskCheck.of(ledger.request())))
        instanceof Rejected rejected) {
      ledger.rejected("rejected by risk rule " + rejected.rule() + ": " + rejected.detail());
      Workflow.setCurrentDetails(
          "**REJECTED** by risk rule " + rejected.rule() + "; nothing was sent to a provider");
      return false;
    }
    return true;
  }

  private void createAtProvider() {
    Creation creation = provider.create(failover);
    if (creation instanceof Created created) {
      ledger.awaiting(created.payUrl(), created.merchantId());
      Workflow.setCurrentDetails(
          "Waiting for the payment callback until "
              + Instant.ofEpochMilli(ledger.expiresAt())
              + "; active queries on a backoff meanwhile");
    } else {
      String reason = ((NotCreated) creation).reason();
      ledger.failed(reason);
      stubs.local.recordStatus(
          new StatusChange(ledger.request().orderId(), ledger.status(), reason));
    }
  }

  /**
   * Waits for the callback; when it is late, queries the provider on a backoff; at expiry, settles
   * the order.
   */
  private void awaitPayment() {
    int queries = 0;
    while (ledger.awaitingPayment()) {
      long remaining = ledger.expiresAt() - Workflow.currentTimeMillis();
      if (remaining <= 0) {
        arrivals.settleAtExpiry();
        return;
      }
      Duration delay = ledger.request().timing().queryDelay(queries);
      Duration wait =
          delay.compareTo(Duration.ofMillis(remaining)) <= 0 ? delay : Duration.ofMillis(remaining);
      boolean timedOut =
          Timers.awaitOrTimeout(
              wait,
              "next active query",
              () -> arrivals.moneyMayHaveCome() || ledger.closeAsked() != null);
      if (!timedOut) {
        arrivals.applyCallbacks(); // a payment that came first wins over the close
        if (ledger.awaitingPayment() && ledger.closeAsked() != null) {
          arrivals.closeAtProvider(
              "close asked by the platform refused: paid at the provider first",
              "closed at the provider, as the platform asked: " + ledger.closeAsked());
          return;
        }
      } else if (Workflow.currentTimeMillis() < ledger.expiresAt()) {
        queries++;
        if (provider.query() instanceof Answered<ProviderOrderState> answered
            && answered.value() != null) {
          arrivals.providerSays(answered.value(), "active query " + queries);
        } else {
          log.warn(
              "active query {} of order {} got no answer from the provider; waiting on",
              queries,
              ledger.request().orderId());
        }
      }
    }
  }

  /** Takes refunds and late callbacks until the after-sales window closes. */
  private void afterSales() {
    long windowEnd =
        Workflow.currentTimeMillis() + ledger.request().timing().afterSalesWindow().toMillis();
    while (true) {
      if (ledger.refundsQueued()) {
        refunds.process(ledger.nextRefund());
        continue;
      }
      long remaining = windowEnd - Workflow.currentTimeMillis();
      if (remaining <= 0) {
        endAfterSales();
        return;
      }
      if (ledger.status().terminal()) {
        Workflow.setCurrentDetails(
            "**"
                + ledger.status()
                + "**. Refunds and late callbacks taken until "
                + Instant.ofEpochMilli(windowEnd));
      }
      boolean timedOut =
          Timers.awaitOrTimeout(
              Duration.ofMillis(remaining),
              "after-sales window ends",
              () -> arrivals.callbackWaiting() || ledger.refundsQueued());
      if (timedOut) {
        endAfterSales();
        return;
      }
      arrivals.applyCallbacks();
    }
  }

  private void endAfterSales() {
    if (failover.movedOn()) {
      awaitLeftOrders();
    }
    refunds.awaitWebhooks();
  }

  /**
   * The payment ends only once the orders it left at other channels are closed there (or their
   * money refunded); callbacks that come meanwhile are taken.
   */
  private void awaitLeftOrders() {
    failover.closeLeftOrders();
    do {
      failover.awaitLeftOrders();
      arrivals.applyCallbacks();
    } while (!failover.leftOrdersSettled());
    refunds.awaitWebhooks();
  }

  /** Each change of status becomes the search attribute, and a count by channel. */
  private void statusChanged(PaymentStatus status) {
    Workflow.upsertTypedSearchAttributes(PAYMENT_STATUS.valueSet(status.name()));
    // The workflow's metrics scope stays silent on replay, so each change counts once; it adds
    // nothing to history.
    Workflow.getMetricsScope()
        .tagged(Map.of("channel", ledger.channel(), "status", status.name()))
        .counter(STATUS_CHANGES)
        .inc(1);
  }
}
