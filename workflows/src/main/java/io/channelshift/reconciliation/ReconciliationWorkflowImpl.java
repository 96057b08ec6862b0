package io.channelshift.reconciliation;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Stage the statement, match it, repair what is safe, wait a little for the repairs to reach the
 * ledger, record the totals. Every step is an idempotent activity, so the whole run may be repeated
 * for the same day.
 */
public class ReconciliationWorkflowImpl implements ReconciliationWorkflow {

  /**
   * How long the run waits, in steps, for repaired payments to reach the ledger before it ends
   * without them.
   */
  private static final List<Duration> REPAIR_CHECKS =
      List.of(
          Duration.ofSeconds(2),
          Duration.ofSeconds(5),
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofMinutes(1),
          Duration.ofMinutes(2));

  private static final RetryOptions RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(2))
          .setMaximumInterval(Duration.ofMinutes(1))
          .build();

  /**
   * Matching and totals run as SQL over the whole day: minutes for millions of lines, retried until
   * done.
   */
  private static final ActivityOptions LEDGER =
      ActivityOptions.newBuilder()
          .setSummary("match against the ledger")
          .setStartToCloseTimeout(Duration.ofMinutes(30))
          .setScheduleToCloseTimeout(Duration.ofHours(6))
          .setRetryOptions(RETRY)
          .build();

  private final ReconciliationActivities activities =
      Workflow.newActivityStub(
          ReconciliationActivities.class,
          LEDGER,
          Map.of(
              // A page per heartbeat: a worker that dies is noticed within the heartbeat timeout,
              // and the retry resumes from the last line it reported.
              "StageStatement",
                  LEDGER.toBuilder()
                      .setSummary("fetch and stage the provider's statement")
                      .setStartToCloseTimeout(Duration.ofHours(2))
                      .setHeartbeatTimeout(Duration.ofSeconds(30))
                      .build(),
              "Repair",
                  LEDGER.toBuilder()
                      .setSummary("query and hand over payments the provider has paid")
                      .setStartToCloseTimeout(Duration.ofMinutes(10))
                      .setHeartbeatTimeout(Duration.ofSeconds(30))
                      .build(),
              "ConfirmRepairs",
                  LEDGER.toBuilder()
                      .setSummary("check repaired payments reached the ledger")
                      .build(),
              "Complete", LEDGER.toBuilder().setSummary("record the totals").build()));

  private String phase = "starting";
  private long statementLines;
  private long matched;
  private long discrepancies;
  private long handedOver;
  private ReconciliationSummary summary;

  @Override
  public ReconciliationSummary run(ReconciliationRequest request) {
    show(
        "Fetching the statement of **" + request.channel() + "** for " + request.day(), "fetching");
    StagedStatement staged = activities.stageStatement(request);
    statementLines = staged.lines();

    show("Matching " + statementLines + " statement lines against the ledger", "matching");
    MatchResult match = activities.match(request);
    matched = match.matched();
    discrepancies = match.discrepancies();

    if (match.repairable() > 0) {
      show(
          "Repairing " + match.repairable() + " payments the provider has paid and we have not",
          "repairing");
      RepairBatch batch;
      long after = 0;
      do {
        batch = activities.repair(request, after);
        handedOver += batch.handedOver();
        after = batch.lastId();
      } while (batch.more());
      awaitRepairs(request);
    }

    show("Recording the totals", "completing");
    summary = activities.complete(request);
    show(
        summary.matched()
            + " of "
            + summary.statementLines()
            + " lines matched; "
            + summary.openDiscrepancies()
            + " open discrepancies; "
            + summary.repaired()
            + " repaired",
        "completed");
    return summary;
  }

  private void awaitRepairs(ReconciliationRequest request) {
    if (handedOver == 0) {
      return;
    }
    for (Duration wait : REPAIR_CHECKS) {
      Workflow.sleep(wait);
      if (activities.confirmRepairs(request) == 0) {
        return;
      }
    }
  }

  @Override
  public ReconciliationProgress progress() {
    return new ReconciliationProgress(
        phase, statementLines, matched, discrepancies, handedOver, summary);
  }

  private void show(String details, String newPhase) {
    phase = newPhase;
    Workflow.setCurrentDetails(details);
  }
}
