package io.channelshift.activities.reconciliation;

import io.channelshift.fees.ChannelFees;
import io.channelshift.payment.ProviderCallback;
import io.channelshift.payment.ProviderOrderState;
import io.channelshift.provider.PaymentProvider;
import io.channelshift.provider.ProviderOrderStatus;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.provider.StatementReader;
import io.channelshift.reconciliation.MatchResult;
import io.channelshift.reconciliation.ReconciliationActivities;
import io.channelshift.reconciliation.ReconciliationRequest;
import io.channelshift.reconciliation.ReconciliationSummary;
import io.channelshift.reconciliation.RepairBatch;
import io.channelshift.reconciliation.StagedStatement;
import io.channelshift.reconciliation.StatementLine;
import io.channelshift.store.ReconciliationStore;
import io.channelshift.temporal.TemporalNames;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciliation's activities: statements through the provider SPI, matching and repairs in the
 * store.
 */
public class ReconciliationActivitiesImpl implements ReconciliationActivities {

  private static final Logger log = LoggerFactory.getLogger(ReconciliationActivitiesImpl.class);
  private static final int REPAIR_BATCH = 50;

  /**
   * Payments whose workflow can still take the provider's word: awaiting it, or closed and in
   * after-sales.
   */
  private static final Set<String> REPAIRABLE = Set.of("CREATED", "AWAITING_PAYMENT", "CLOSED");

  private final ProviderRegistry providers;
  private final ReconciliationStore store;
  private final DiscrepancyMatcher matcher;
  private final ChannelFees fees;
  private final WorkflowClient client;
  private final int pageSize;

  public ReconciliationActivitiesImpl(
      ProviderRegistry providers,
      ReconciliationStore store,
      DiscrepancyMatcher matcher,
      ChannelFees fees,
      WorkflowClient client,
      int pageSize) {
    this.providers = providers;
    this.store = store;
    this.matcher = matcher;
    this.fees = fees;
    this.client = client;
    this.pageSize = pageSize;
  }

  @Override
  public StagedStatement stageStatement(ReconciliationRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    PaymentProvider provider = providers.get(request.channel());
    LocalDate day = request.localDate();
    long resumedAfter = context.getHeartbeatDetails(Long.class).orElse(0L);
    if (resumedAfter == 0) {
      store.startRun(request.channel(), day);
    } else {
      store.discardStagedAfter(request.channel(), day, resumedAfter);
      log.info(
          "reconciliation of {} for {} resumes after statement line {}",
          request.channel(),
          day,
          resumedAfter);
    }
    long last = resumedAfter;
    try (StatementReader reader = provider.openStatement(day, resumedAfter)) {
      for (List<StatementLine> page = reader.next(pageSize);
          !page.isEmpty();
          page = reader.next(pageSize)) {
        store.stage(request.channel(), day, page);
        last = page.get(page.size() - 1).lineNo();
        context.heartbeat(last);
      }
    }
    return new StagedStatement(store.stagedLines(request.channel(), day), resumedAfter);
  }

  @Override
  public MatchResult match(ReconciliationRequest request) {
    return matcher.match(request.channel(), request.localDate(), fees.zone(request.channel()));
  }

  @Override
  public RepairBatch repair(ReconciliationRequest request, long afterId) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    PaymentProvider provider = providers.get(request.channel());
    List<ReconciliationStore.RepairCandidate> batch =
        store.repairCandidates(request.channel(), request.localDate(), afterId, REPAIR_BATCH);
    int handedOver = 0;
    long last = afterId;
    for (ReconciliationStore.RepairCandidate candidate : batch) {
      if (repairOne(provider, candidate)) {
        handedOver++;
      }
      last = candidate.id();
      context.heartbeat(last);
    }
    return new RepairBatch(batch.size(), handedOver, last, batch.size() == REPAIR_BATCH);
  }

  /**
   * The statement says paid; the provider is asked again before anything moves, and only its
   * confirmed answer is handed to the payment, as a notice the payment applies like a verified
   * callback (once, by its notice id).
   */
  private boolean repairOne(PaymentProvider provider, ReconciliationStore.RepairCandidate c) {
    if (!REPAIRABLE.contains(c.paymentStatus())) {
      store.recordRepair(
          c.id(), false, "not repaired: the payment is " + c.paymentStatus() + "; needs a human");
      return false;
    }
    ProviderOrderStatus status = provider.query(c.orderId());
    if (status.state() != ProviderOrderState.State.PAID) {
      store.recordRepair(
          c.id(),
          false,
          "not repaired: the statement says paid but a query answers "
              + status.state()
              + "; needs a human");
      return false;
    }
    ProviderCallback notice =
        new ProviderCallback(
            "reconcile-" + status.tradeNo(),
            status.merchantId(),
            c.orderId(),
            status.tradeNo(),
            "SUCCESS",
            status.paidAmountMinor(),
            status.currency(),
            status.paidAt());
    try {
      client
          .newUntypedWorkflowStub(TemporalNames.paymentWorkflowId(c.orderId()))
          .signal("providerCallback", notice);
    } catch (WorkflowNotFoundException e) {
      store.recordRepair(
          c.id(),
          false,
          "not repaired: the payment's workflow has ended (after-sales window "
              + "over); the money must be refunded or the order fulfilled by a human");
      return false;
    }
    store.recordRepair(
        c.id(),
        true,
        "the provider confirmed trade "
            + status.tradeNo()
            + " paid; handed to the payment, which "
            + (c.paymentStatus().equals("CLOSED") ? "refunds it (closed order)" : "fulfils it"));
    return true;
  }

  @Override
  public long confirmRepairs(ReconciliationRequest request) {
    return store.confirmRepairs(request.channel(), request.localDate());
  }

  @Override
  public ReconciliationSummary complete(ReconciliationRequest request) {
    return store.complete(request.channel(), request.localDate());
  }

  @Override
  public List<String> channels() {
    return new ArrayList<>(providers.channels());
  }
}
