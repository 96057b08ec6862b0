package io.channelshift.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.google.protobuf.ByteString;
import io.channelshift.migration.EngineerAction.Action;
import io.channelshift.migration.GateVerdict.Verdict;
import io.channelshift.temporal.TemporalNames;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

/** The migration workflow's logic on the time-skipping test server, with its activities mocked. */
class MigrationWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .useInternalService()
          .registerWorkflowImplementationTypes(MigrationWorkflowImpl.class)
          .registerSearchAttribute(
              TemporalNames.MIGRATION_PHASE.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
          .registerSearchAttribute(
              TemporalNames.TRAFFIC_WEIGHT.getName(), IndexedValueType.INDEXED_VALUE_TYPE_INT)
          .registerSearchAttribute(
              TemporalNames.FROM_CHANNEL.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
          .registerSearchAttribute(
              TemporalNames.TO_CHANNEL.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
          .setDoNotStart(true)
          .build();

  static final Duration INTERVAL = Duration.ofSeconds(30);

  private final MigrationActivities activities =
      mock(MigrationActivities.class, withSettings().withoutAnnotations());
  private final AtomicReference<GateMeasurement> measured = new AtomicReference<>(healthy(100));
  private final AtomicLong versions = new AtomicLong();
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private String taskQueue;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    this.env = env;
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
    worker.registerActivitiesImplementations(activities);
    env.start();
    when(activities.applyWeight(any())).thenAnswer(i -> versions.incrementAndGet());
    when(activities.measure(any())).thenAnswer(i -> measured.get());
  }

  @Test
  void aHealthyMigrationRampsStepByStepBakesAndCompletes() {
    MigrationStatus end = run(plan("healthy", false));

    assertThat(end.phase()).isEqualTo(MigrationPhase.COMPLETED);
    assertThat(weightsApplied()).containsExactly(100, 500, 2500, 5000, 10_000, 10_000);
    assertThat(end.timeline())
        .extracting(TimelineEntry::event)
        .contains("STARTED", "BAKING", "COMPLETED");
    assertThat(end.lastVerdicts()).allMatch(v -> v.verdict() == Verdict.PASS);
    verify(activities).finish(any());
  }

  /**
   * The plan's keepOldChannelAsBackup travels to the routing writes and changes no command: the
   * run's own history, its input rewritten to the default, replays against the same code.
   */
  @Test
  void aPlanThatDropsTheOldChannelAsBackup_saysSoInItsWeightChanges_andNoCommandDependsOnIt()
      throws Exception {
    WorkflowStub wf = start(withoutOldChannelAsBackup(plan("drops-backup", false)));

    assertThat(wf.getResult(MigrationStatus.class).phase()).isEqualTo(MigrationPhase.COMPLETED);
    ArgumentCaptor<WeightChange> changes = ArgumentCaptor.forClass(WeightChange.class);
    verify(activities, atLeastOnce()).applyWeight(changes.capture());
    assertThat(changes.getAllValues())
        .isNotEmpty()
        .allMatch(c -> !c.keepFromChannelAsBackup())
        .anyMatch(c -> c.weightBps() == 10_000 && !c.ramping());

    History history = client.fetchHistory(wf.getExecution().getWorkflowId()).getHistory();
    HistoryEvent started = history.getEvents(0);
    Payload input = started.getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0);
    String written = input.getData().toStringUtf8();
    String asDefault = written.replace(",\"keepOldChannelAsBackup\":false", "");
    assertThat(asDefault).isNotEqualTo(written);
    HistoryEvent.Builder rewritten = started.toBuilder();
    rewritten
        .getWorkflowExecutionStartedEventAttributesBuilder()
        .getInputBuilder()
        .setPayloads(0, input.toBuilder().setData(ByteString.copyFromUtf8(asDefault)));
    WorkflowReplayer.replayWorkflowExecution(
        new WorkflowExecutionHistory(
            history.toBuilder().setEvents(0, rewritten).build(), wf.getExecution().getWorkflowId()),
        MigrationWorkflowImpl.class);
  }

  @Test
  void aPlanItCannotUseStartedStraightOnTemporalEndsAbortedBeforeAnyTrafficMoves() {
    MigrationPlan ok = plan("huge-bake", false);
    // Past the API's checks: a bake of ~292 million years overflows the workflow's milliseconds
    // once at 100%.
    MigrationPlan huge =
        new MigrationPlan(
            ok.migrationId(),
            ok.fromChannel(),
            ok.toChannel(),
            ok.scope(),
            ok.steps(),
            ok.gates(),
            ok.evaluationInterval(),
            ok.window(),
            ok.failureLimit(),
            ok.inconclusiveLimit(),
            Duration.ofSeconds(Long.MAX_VALUE / 1000 + 1));

    MigrationStatus end = run(huge);

    assertThat(end.phase()).isEqualTo(MigrationPhase.ABORTED);
    assertThat(end.rollbackReason()).contains("bakePeriod", "nothing was moved");
    verify(activities, never()).applyWeight(any()); // the scope never left the old channel
    verify(activities).finish(any());
  }

  @Test
  void failingGatesRollBackAutomaticallyWithTheNumbers() {
    WorkflowStub wf = start(plan("failing", false));
    env.sleep(Duration.ofMinutes(3)); // step 1 passes, step 2 runs
    measured.set(degraded());

    MigrationStatus end = wf.getResult(MigrationStatus.class);

    assertThat(end.phase()).isEqualTo(MigrationPhase.ROLLED_BACK);
    assertThat(end.rollbackReason())
        .contains("automatic", "3 failing evaluations", "PAYMENT_SUCCESS_RATE", "0.2000", "0.9000");
    assertThat(weightsApplied()).last().isEqualTo(0);
    assertThat(end.weightBps()).isZero();
    assertThat(end.rollbackDecidedAtMs()).isPositive();
    assertThat(end.lastVerdicts())
        .anyMatch(v -> v.verdict() == Verdict.FAIL && v.newChannel().samples() == 100);
    // Every routing write, the rollback's included, is an activity scheduled in history by the task
    // that decided it (not a local activity recorded after the table changed): a worker dying in
    // between cannot undo a decision.
    var events =
        client.fetchHistory(wf.getExecution().getWorkflowId()).getHistory().getEventsList();
    assertThat(
            events.stream()
                .filter(
                    e ->
                        e.hasActivityTaskScheduledEventAttributes()
                            && e.getActivityTaskScheduledEventAttributes()
                                .getActivityType()
                                .getName()
                                .equals("ApplyWeight"))
                .count())
        .isEqualTo(weightsApplied().size());
  }

  @Test
  void tooFewSamplesNeverPassOrFail_theStepWaitsThenPausesForAHuman() {
    measured.set(healthy(3)); // fewer than the gates' minimum
    WorkflowStub wf = start(plan("quiet", false));

    env.sleep(INTERVAL.multipliedBy(25));
    MigrationStatus paused = status(wf);

    assertThat(paused.phase()).isEqualTo(MigrationPhase.PAUSED);
    assertThat(paused.step()).isZero();
    assertThat(paused.consecutiveFailures()).isZero();
    assertThat(paused.timeline())
        .anyMatch(e -> e.event().equals("PAUSED") && e.detail().contains("inconclusive"));

    measured.set(healthy(100));
    request(wf, Action.RESUME, "alice", "traffic is back");
    assertThat(status(wf).phase()).isEqualTo(MigrationPhase.RAMPING);
    assertThat(wf.getResult(MigrationStatus.class).phase()).isEqualTo(MigrationPhase.COMPLETED);
  }

  @Test
  void pauseHoldsTheRampAndResumeGoesOn_eachRecordedWithWhoAsked() {
    WorkflowStub wf = start(plan("paused", false));
    env.sleep(Duration.ofSeconds(40));

    request(wf, Action.PAUSE, "bob", "watching a spike");
    env.sleep(Duration.ofMinutes(10));
    MigrationStatus paused = status(wf);
    assertThat(paused.phase()).isEqualTo(MigrationPhase.PAUSED);
    assertThat(paused.step()).isZero();

    request(wf, Action.RESUME, "bob", null);
    MigrationStatus end = wf.getResult(MigrationStatus.class);

    assertThat(end.phase()).isEqualTo(MigrationPhase.COMPLETED);
    assertThat(end.timeline())
        .anyMatch(
            e ->
                e.event().equals("PAUSED")
                    && e.by().equals("bob")
                    && e.detail().equals("watching a spike"));
    assertThat(end.timeline()).anyMatch(e -> e.event().equals("RAMPING") && e.by().equals("bob"));
  }

  @Test
  void aPlatformWebhookThatIsDownNeverHoldsUpTheGatesOrARollback() {
    doThrow(new IllegalStateException("platform webhook down")).when(activities).announce(any());
    WorkflowStub wf = start(plan("webhook-down", false));
    env.sleep(Duration.ofMinutes(3));
    measured.set(degraded());
    env.sleep(Duration.ofMinutes(2));

    MigrationStatus rolledBack = status(wf);
    assertThat(rolledBack.phase()).isEqualTo(MigrationPhase.ROLLED_BACK);
    assertThat(weightsApplied()).last().isEqualTo(0);

    MigrationStatus end =
        wf.getResult(MigrationStatus.class); // after the notifications gave up, a day later
    assertThat(end.timeline()).anyMatch(e -> e.event().equals("NOTIFICATION FAILED"));
  }

  @Test
  void
      aPlatformWebhookDownForHours_doesNotHoldContinueAsNew_andItsNotificationsArriveFromTheNextRun() {
    AtomicBoolean webhookUp = new AtomicBoolean(false);
    List<String> delivered = new CopyOnWriteArrayList<>();
    doAnswer(
            i -> {
              if (!webhookUp.get()) {
                throw new IllegalStateException("platform webhook down");
              }
              delivered.add(i.<MigrationEvent>getArgument(0).eventId());
              return null;
            })
        .when(activities)
        .announce(any());
    MigrationPlan plan =
        new MigrationPlan(
            "webhook-down-long",
            "legacy",
            "nova",
            "all",
            List.of(new MigrationPlan.Step(10_000, Duration.ofMinutes(1), 10, false)),
            Gates.DEFAULTS,
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            3,
            Duration.ofHours(1),
            Duration.ofHours(8));
    WorkflowStub wf = start(plan);

    env.sleep(Duration.ofHours(6)); // 2,160 evaluations, about 15,000 events: several runs' worth
    assertThat(status(wf).continuedAsNew())
        .as("runs continued as new while the webhook was down")
        .isGreaterThanOrEqualTo(3);
    webhookUp.set(true);
    MigrationStatus end = wf.getResult(MigrationStatus.class);

    assertThat(end.phase()).isEqualTo(MigrationPhase.COMPLETED);
    assertThat(delivered)
        .as("the first run's notifications, sent on from the runs after it")
        .contains("migration/webhook-down-long/1/STARTED")
        .anyMatch(id -> id.endsWith("/BAKING"))
        .allMatch(
            id ->
                id.startsWith(
                    "migration/webhook-down-long/")); // never a payment's (fulfil-..., refund/...)
    assertThat(end.timeline()).noneMatch(e -> e.event().equals("NOTIFICATION FAILED"));
    assertThat(runHistorySizes(wf))
        .allMatch(events -> events < MigrationWorkflowImpl.HISTORY_LIMIT + 100);
  }

  @Test
  void aRoutingTableThatCannotBeWrittenAbortsWithEverythingBackOnTheOldChannel() {
    when(activities.applyWeight(any()))
        .thenAnswer(
            i -> {
              WeightChange c = i.getArgument(0);
              if (c.weightBps()
                  == 500) { // as the retries giving up would end, without waiting for them in real
                // time
                throw ApplicationFailure.newNonRetryableFailure(
                    "database unreachable", "StoreUnavailable");
              }
              return versions.incrementAndGet();
            });

    MigrationStatus end = run(plan("aborted", false));

    assertThat(end.phase()).isEqualTo(MigrationPhase.ABORTED);
    assertThat(end.rollbackReason())
        .contains("the routing table could not be written", "database unreachable");
    assertThat(weightsApplied()).last().isEqualTo(0);
    verify(activities).finish(any());
  }

  @Test
  void aManualRollbackRoutesBackAtOnceWithItsReason() {
    WorkflowStub wf = start(plan("manual", false));
    env.sleep(Duration.ofSeconds(40));

    wf.signal("rollback", new EngineerRequest("carol", "provider announced maintenance"));
    MigrationStatus end = wf.getResult(MigrationStatus.class);

    assertThat(end.phase()).isEqualTo(MigrationPhase.ROLLED_BACK);
    assertThat(end.rollbackReason()).isEqualTo("by carol: provider announced maintenance");
    assertThat(weightsApplied()).containsExactly(100, 0);
  }

  @Test
  void promoteGoesToTheNextStepAndPromoteFullToTheLast() {
    WorkflowStub wf = start(plan("promoted", false));
    env.sleep(Duration.ofSeconds(5));

    request(wf, Action.PROMOTE, "dave", null);
    assertThat(status(wf).weightBps()).isEqualTo(500);
    request(wf, Action.PROMOTE_FULL, "dave", "confident");
    assertThat(status(wf).weightBps()).isEqualTo(10_000);

    assertThat(wf.getResult(MigrationStatus.class).phase()).isEqualTo(MigrationPhase.COMPLETED);
    assertThat(weightsApplied()).startsWith(100, 500, 10_000);
  }

  @Test
  void aRetriedMigrationCanBeginAtTheStepItHadReached() {
    MigrationPlan first = plan("retried", false);
    MigrationPlan retry =
        new MigrationPlan(
            "retried-2",
            first.fromChannel(),
            first.toChannel(),
            first.scope(),
            first.steps(),
            first.gates(),
            first.evaluationInterval(),
            first.window(),
            first.failureLimit(),
            first.inconclusiveLimit(),
            first.bakePeriod(),
            2);

    MigrationStatus end = run(retry);

    assertThat(end.phase()).isEqualTo(MigrationPhase.COMPLETED);
    assertThat(weightsApplied()).containsExactly(2500, 5000, 10_000, 10_000);
    assertThat(end.timeline().get(0).detail()).endsWith("beginning at step 3");
  }

  @Test
  void aStepThatAsksForApprovalWaitsForIt() {
    WorkflowStub wf = start(plan("approval", true));
    env.sleep(Duration.ofMinutes(5));

    MigrationStatus waiting = status(wf);
    assertThat(waiting.phase()).isEqualTo(MigrationPhase.WAITING_APPROVAL);
    assertThat(waiting.weightBps()).isEqualTo(100);
    verify(activities, atLeastOnce()).announce(any());

    request(wf, Action.APPROVE, "erin", null);

    assertThat(status(wf).weightBps()).isEqualTo(500);
    assertThat(status(wf).timeline())
        .anyMatch(e -> e.event().equals("APPROVED") && e.by().equals("erin"));
  }

  @Test
  void everyInvalidRequestIsRefusedWithItsReason() {
    WorkflowStub wf = start(plan("refusals", false));
    env.sleep(Duration.ofSeconds(5));

    assertRefused(wf, Action.RESUME, null, "not paused (phase RAMPING)");
    assertRefused(wf, Action.APPROVE, null, "nothing waits for approval (phase RAMPING)");
    assertRefused(wf, Action.ROLLBACK, " ", "a rollback needs a reason");
    request(wf, Action.PAUSE, "frank", null);
    assertRefused(wf, Action.PAUSE, null, "already paused");
    assertRefused(wf, Action.PROMOTE, null, "paused: resume first");
    MigrationStatus rolledBack = request(wf, Action.ROLLBACK, "frank", "abandoned");

    // The update answers once the rollback is done; the migration has ended, and Temporal takes no
    // more updates (the REST API answers those 409 "the migration has ended").
    assertThat(rolledBack.phase()).isEqualTo(MigrationPhase.ROLLED_BACK);
    assertThat(wf.getResult(MigrationStatus.class).phase()).isEqualTo(MigrationPhase.ROLLED_BACK);
    assertThatThrownBy(() -> request(wf, Action.PROMOTE, "frank", null))
        .isInstanceOf(io.temporal.client.WorkflowNotFoundException.class);
    verify(activities, never())
        .applyWeight(
            new WeightChange(
                "refusals", "all", "legacy", "nova", 500, true, "frank", "on to step 2 of 5"));
  }

  @Test
  void aRefusedSignalIsWrittenInTheTimeline() {
    WorkflowStub wf = start(plan("signal-refused", false));
    env.sleep(Duration.ofSeconds(5));

    wf.signal("approve", new EngineerRequest("heidi", null));
    wf.signal("resume", (Object) null); // `temporal workflow signal` without an input
    env.sleep(Duration.ofSeconds(1));

    assertThat(status(wf).timeline())
        .anyMatch(
            e ->
                e.event().equals("REFUSED APPROVE")
                    && e.by().equals("heidi")
                    && e.detail().startsWith("nothing waits for approval"));
    assertThat(status(wf).timeline())
        .anyMatch(e -> e.event().equals("REFUSED RESUME") && e.by().equals("unknown"));
  }

  @Test
  void aFourteenDayBakeContinuesAsNewKeepingItsStateAndTimeline() {
    MigrationPlan plan =
        new MigrationPlan(
            "long-bake",
            "legacy",
            "nova",
            "all",
            List.of(new MigrationPlan.Step(10_000, Duration.ofMinutes(1), 10, false)),
            Gates.DEFAULTS,
            Duration.ofMinutes(1),
            Duration.ofMinutes(3),
            3,
            Duration.ofHours(1),
            Duration.ofDays(14));
    WorkflowStub wf = start(plan);

    MigrationStatus end = wf.getResult(MigrationStatus.class);

    assertThat(end.phase()).isEqualTo(MigrationPhase.COMPLETED);
    assertThat(end.continuedAsNew())
        .isGreaterThanOrEqualTo(30); // 20,160 evaluations, about 330 per run
    assertThat(end.evaluations()).isGreaterThanOrEqualTo(Duration.ofDays(14).toMinutes());
    assertThat(end.timeline())
        .extracting(TimelineEntry::event)
        .contains("STARTED", "BAKING", "COMPLETED");
    List<Long> runs = runHistorySizes(wf);
    assertThat(runs).hasSize(end.continuedAsNew() + 1);
    assertThat(runs).allMatch(events -> events < MigrationWorkflowImpl.HISTORY_LIMIT + 100);
  }

  // ---- helpers ----

  static MigrationPlan plan(String id, boolean approvalOnFirstStep) {
    List<MigrationPlan.Step> steps = new ArrayList<>();
    int[] weights = {100, 500, 2500, 5000, 10_000};
    for (int i = 0; i < weights.length; i++) {
      steps.add(
          new MigrationPlan.Step(
              weights[i], Duration.ofMinutes(1), 10, approvalOnFirstStep && i == 0));
    }
    return new MigrationPlan(
        id,
        "legacy",
        "nova",
        "all",
        steps,
        Gates.DEFAULTS,
        INTERVAL,
        INTERVAL.multipliedBy(3),
        3,
        INTERVAL.multipliedBy(20),
        Duration.ofMinutes(10));
  }

  static MigrationPlan withoutOldChannelAsBackup(MigrationPlan p) {
    return new MigrationPlan(
        p.migrationId(),
        p.fromChannel(),
        p.toChannel(),
        p.scope(),
        p.steps(),
        p.gates(),
        p.evaluationInterval(),
        p.window(),
        p.failureLimit(),
        p.inconclusiveLimit(),
        p.bakePeriod(),
        p.startAtStep(),
        false);
  }

  static GateMeasurement healthy(long samples) {
    Map<Gate, ChannelSample> fresh = new EnumMap<>(Gate.class);
    Map<Gate, ChannelSample> old = new EnumMap<>(Gate.class);
    fresh.put(Gate.CREATE_SUCCESS_RATE, new ChannelSample(0.999, samples));
    old.put(Gate.CREATE_SUCCESS_RATE, new ChannelSample(0.998, samples * 10));
    fresh.put(Gate.PAYMENT_SUCCESS_RATE, new ChannelSample(0.9, samples));
    old.put(Gate.PAYMENT_SUCCESS_RATE, new ChannelSample(0.9, samples * 10));
    fresh.put(Gate.CREATE_LATENCY_P95_MS, new ChannelSample(120.0, samples));
    old.put(Gate.CREATE_LATENCY_P95_MS, new ChannelSample(150.0, samples * 10));
    fresh.put(Gate.CALLBACK_DELAY_P95_MS, new ChannelSample(900.0, samples));
    old.put(Gate.CALLBACK_DELAY_P95_MS, new ChannelSample(1200.0, samples * 10));
    fresh.put(Gate.VERIFICATION_FAILURE_RATE, new ChannelSample(0.0, samples));
    old.put(Gate.VERIFICATION_FAILURE_RATE, new ChannelSample(0.0, samples * 10));
    return new GateMeasurement(0, 0, fresh, old, samples);
  }

  static GateMeasurement degraded() {
    GateMeasurement h = healthy(100);
    Map<Gate, ChannelSample> fresh = new EnumMap<>(h.newChannel());
    fresh.put(Gate.PAYMENT_SUCCESS_RATE, new ChannelSample(0.2, 100));
    return new GateMeasurement(0, 0, fresh, h.oldChannel(), 100);
  }

  private WorkflowStub start(MigrationPlan plan) {
    WorkflowStub wf =
        client.newUntypedWorkflowStub(
            "MigrationWorkflow",
            WorkflowOptions.newBuilder()
                .setWorkflowId(TemporalNames.migrationWorkflowId(plan.migrationId()))
                .setTaskQueue(taskQueue)
                .build());
    wf.start(new MigrationInput(plan, "tester", null));
    return wf;
  }

  private MigrationStatus run(MigrationPlan plan) {
    return start(plan).getResult(MigrationStatus.class);
  }

  private static MigrationStatus status(WorkflowStub wf) {
    return wf.query("status", MigrationStatus.class);
  }

  private static MigrationStatus request(WorkflowStub wf, Action action, String by, String reason) {
    return wf.update("request", MigrationStatus.class, new EngineerAction(action, by, reason));
  }

  private static void assertRefused(WorkflowStub wf, Action action, String reason, String refusal) {
    assertThatThrownBy(() -> request(wf, action, "someone", reason))
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class, f -> assertThat(f.getOriginalMessage()).isEqualTo(refusal));
  }

  private List<Integer> weightsApplied() {
    ArgumentCaptor<WeightChange> changes = ArgumentCaptor.forClass(WeightChange.class);
    verify(activities, atLeastOnce()).applyWeight(changes.capture());
    return changes.getAllValues().stream().map(WeightChange::weightBps).toList();
  }

  /**
   * The event count of every run of a workflow, following the continue-as-new chain from the first
   * run.
   */
  private List<Long> runHistorySizes(WorkflowStub wf) {
    List<Long> sizes = new ArrayList<>();
    String workflowId = wf.getExecution().getWorkflowId();
    String runId = wf.getExecution().getRunId();
    while (runId != null) {
      var history = client.fetchHistory(workflowId, runId).getHistory();
      sizes.add((long) history.getEventsCount());
      HistoryEvent last = history.getEvents(history.getEventsCount() - 1);
      runId =
          last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
              ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
              : null;
    }
    return sizes;
  }
}
