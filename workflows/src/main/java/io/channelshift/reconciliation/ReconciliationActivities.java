package io.channelshift.reconciliation;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * What a reconciliation asks of the provider and the ledger. Every method may be repeated safely.
 */
@ActivityInterface
public interface ReconciliationActivities {

  /**
   * Fetches the provider's statement page by page into the staging table, heartbeating the last
   * line staged, so that a retry after a crash resumes from there instead of from the first line.
   */
  @ActivityMethod
  StagedStatement stageStatement(ReconciliationRequest request);

  /**
   * Matches the staged statement against the ledger and records every difference (a repeat records
   * none twice).
   */
  @ActivityMethod
  MatchResult match(ReconciliationRequest request);

  /**
   * Repairs what is safe, a batch at a time: a payment the statement shows paid that we still await
   * or closed is queried at the provider and, when the provider confirms it, handed to its payment
   * workflow, which fulfils or refunds it by the payment rules.
   */
  @ActivityMethod
  RepairBatch repair(ReconciliationRequest request, long afterId);

  /**
   * Marks repairs whose payment has reached the ledger as repaired; returns how many are still
   * pending.
   */
  @ActivityMethod
  long confirmRepairs(ReconciliationRequest request);

  /** Records the totals and ends the run. */
  @ActivityMethod
  ReconciliationSummary complete(ReconciliationRequest request);

  /** The channels to reconcile every day. */
  @ActivityMethod
  List<String> channels();
}
