package io.channelshift.health;

import static io.channelshift.health.FakeScope.INTERVAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelshift.health.HealthAction.Action;
import io.channelshift.migration.TimelineEntry;
import io.channelshift.temporal.TemporalNames;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scope health workflow on the time-skipping test server, over an in-memory scope. */
class ChannelHealthWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .useInternalService()
          .registerWorkflowImplementationTypes(ChannelHealthWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  private final FakeScope scope = new FakeScope("game");
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private String taskQueue;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    this.env = env;
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
    worker.registerActivitiesImplementations(scope);
    env.start();
  }

  @Nested
  class Automatic {

    @Test
    void theLimitOfFailingEvaluationsInARowFailsThePrimaryOverToTheFirstHealthyBackup() {
      scope.failing.add("legacy");
      scope.failing.add("nova"); // the first backup is unhealthy too: the next one is taken
      WorkflowStub wf = start();

      env.sleep(INTERVAL.multipliedBy(3).plusSeconds(5));
      ChannelHealthStatus s = status(wf);

      assertThat(s.mode()).isEqualTo(HealthMode.FAILED_OVER);
      assertThat(s.failover().from()).isEqualTo("legacy");
      assertThat(s.failover().to()).isEqualTo("third");
      assertThat(scope.table.weightsBps()).isEqualTo(Map.of("third", 9_900, "legacy", 100));
      assertThat(scope.table.backups()).containsExactly("legacy", "nova");
      assertThat(scope.written)
          .singleElement()
          .satisfies(
              r ->
                  assertThat(r.reason())
                      .contains("automatic", "createSuccessRate", "3 evaluations"));
      assertThat(scope.events)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.type()).isEqualTo("failover");
                assertThat(e.eventId()).isEqualTo("channels/game/1/failover");
                assertThat(e.routingVersion()).isEqualTo(8);
              });
      assertThat(s.timeline()).extracting(TimelineEntry::event).contains("GATES FAIL", "FAILOVER");
    }

    @Test
    void oneFailingEvaluationFewerThanTheLimitMovesNothing() {
      scope.failing.add("legacy");
      WorkflowStub wf = start();
      env.sleep(INTERVAL.multipliedBy(2).plusSeconds(5));
      assertThat(status(wf).consecutiveFailures()).isEqualTo(2);

      scope.failing.clear();
      env.sleep(INTERVAL.multipliedBy(4));
      ChannelHealthStatus s = status(wf);

      assertThat(s.mode()).isEqualTo(HealthMode.WATCHING);
      assertThat(s.consecutiveFailures()).isZero();
      assertThat(scope.written).isEmpty();
      assertThat(scope.events).isEmpty();
    }

    @Test
    void aRecoveredChannelFailsBackAfterTheHealthyPeriodAndNotBefore() {
      scope.failing.add("legacy");
      WorkflowStub wf = start();
      env.sleep(INTERVAL.multipliedBy(3).plusSeconds(5));
      scope.failing.clear();

      env.sleep(Duration.ofMinutes(4));
      assertThat(status(wf).mode()).isEqualTo(HealthMode.FAILED_OVER);
      env.sleep(Duration.ofMinutes(2));
      ChannelHealthStatus s = status(wf);

      assertThat(s.mode()).isEqualTo(HealthMode.WATCHING);
      assertThat(s.failover()).isNull();
      assertThat(scope.table.weightsBps()).isEqualTo(Map.of("legacy", 10_000));
      assertThat(scope.table.backups()).containsExactly("nova", "third");
      assertThat(scope.events)
          .extracting(HealthEvent::type)
          .containsExactly("failover", "failback");
      assertThat(scope.events).extracting(HealthEvent::eventId).doesNotHaveDuplicates();
    }

    @Test
    void aProbeThatFailsAgainStartsTheHealthyPeriodOver() {
      scope.failing.add("legacy");
      WorkflowStub wf = start();
      env.sleep(INTERVAL.multipliedBy(3).plusSeconds(5));
      scope.failing.clear();
      env.sleep(Duration.ofMinutes(4));
      scope.failing.add("legacy");
      env.sleep(INTERVAL);
      scope.failing.clear();
      env.sleep(Duration.ofMinutes(3));

      assertThat(status(wf).mode()).isEqualTo(HealthMode.FAILED_OVER);
      assertThat(scope.written).hasSize(1);
    }

    @Test
    void withApprovalRequiredARecoveredChannelWaitsForAnEngineer() {
      scope.settings = FakeScope.settings(true);
      scope.failing.add("legacy");
      WorkflowStub wf = start();
      env.sleep(INTERVAL.multipliedBy(3).plusSeconds(5));
      scope.failing.clear();
      env.sleep(Duration.ofMinutes(30));

      ChannelHealthStatus waiting = status(wf);
      assertThat(waiting.mode()).isEqualTo(HealthMode.WAITING_APPROVAL);
      assertThat(scope.written).hasSize(1);
      assertThat(scope.events)
          .extracting(HealthEvent::type)
          .containsExactly("failover", "failback_waiting");

      ChannelHealthStatus back = request(wf, Action.FAILBACK, "alice", "provider confirmed", null);

      assertThat(back.mode()).isEqualTo(HealthMode.WATCHING);
      assertThat(scope.table.weightsBps()).isEqualTo(Map.of("legacy", 10_000));
      assertThat(back.timeline())
          .anyMatch(e -> e.event().equals("FAILBACK") && e.by().equals("alice"));
    }

    @Test
    void tooFewSamplesAreNoEvidence_aSilentChannelNeitherFailsOverNorFailsBack() {
      scope.silent.add("legacy");
      WorkflowStub wf = start();
      env.sleep(Duration.ofMinutes(10));
      assertThat(status(wf).mode()).isEqualTo(HealthMode.WATCHING);
      assertThat(scope.written).isEmpty();
    }
  }

  @Nested
  class Engineers {

    @Test
    void aHoldStopsAutomaticFailoverAndSaysWhatItWouldDo_theReleaseLetsItAct() {
      WorkflowStub wf = start();
      request(wf, Action.HOLD, "bob", "provider maintenance, known");
      scope.failing.add("legacy");
      env.sleep(INTERVAL.multipliedBy(5));

      ChannelHealthStatus held = status(wf);
      assertThat(held.mode()).isEqualTo(HealthMode.WATCHING);
      assertThat(held.wouldDo()).contains("fail over legacy → nova", "held by bob");
      assertThat(scope.written).isEmpty();

      request(wf, Action.RELEASE, "bob", "maintenance over");
      env.sleep(INTERVAL.plusSeconds(2));
      assertThat(status(wf).mode()).isEqualTo(HealthMode.FAILED_OVER);
    }

    @Test
    void anEngineerFailsOverToAChosenBackupAndBack_eachRecordedWithWhoAndWhy() {
      WorkflowStub wf = start();
      env.sleep(Duration.ofSeconds(5));

      ChannelHealthStatus over =
          request(wf, Action.FAILOVER, "alice", "risk freeze at legacy", "third");
      assertThat(over.mode()).isEqualTo(HealthMode.FAILED_OVER);
      assertThat(over.failover())
          .satisfies(
              f -> {
                assertThat(f.to()).isEqualTo("third");
                assertThat(f.by()).isEqualTo("alice");
              });
      assertThat(scope.table.weightsBps()).isEqualTo(Map.of("third", 9_900, "legacy", 100));
      assertThat(scope.written.get(0).reason()).isEqualTo("risk freeze at legacy");
      assertThat(scope.written.get(0).by()).isEqualTo("alice");

      ChannelHealthStatus back = request(wf, Action.FAILBACK, "alice", "freeze lifted", null);
      assertThat(back.mode()).isEqualTo(HealthMode.WATCHING);
      assertThat(scope.table.weightsBps()).isEqualTo(Map.of("legacy", 10_000));
      assertThat(scope.table.backups()).containsExactly("third", "nova");
    }

    @Test
    void refusedRequestsAreExplainedAndChangeNothing() {
      WorkflowStub wf = start();
      env.sleep(Duration.ofSeconds(5));

      assertRefused(wf, Action.FAILBACK, "alice", "why", null, "not failed over");
      assertRefused(wf, Action.FAILOVER, "alice", " ", null, "needs a reason");
      assertRefused(wf, Action.FAILOVER, "alice", "x", "mallory-pay", "not a backup of scope game");
      assertRefused(wf, Action.FAILOVER, "alice", "x", "legacy", "primary channel already");
      assertRefused(wf, Action.RELEASE, "alice", "x", null, "is not held");
      request(wf, Action.HOLD, "bob", "looking");
      assertRefused(wf, Action.HOLD, "alice", "me too", null, "already held by bob");
      request(wf, Action.FAILOVER, "alice", "down", null);
      assertRefused(
          wf, Action.FAILOVER, "alice", "again", null, "already failed over from legacy to nova");

      assertRefused(wf, Action.RELEASE, "alice", "x".repeat(257), null, "at most 256 characters");
      wf.signal("hold", new ScopeRequest("y".repeat(100_000), "z".repeat(100_000), null));
      wf.signal("failback", new ScopeRequest("carol", null, null)); // a signal cannot answer
      env.sleep(Duration.ofSeconds(1));
      assertThat(status(wf).timeline())
          .anyMatch(
              e ->
                  e.event().equals("REFUSED FAILBACK")
                      && e.by().equals("carol")
                      && e.detail().contains("needs a reason"));
      assertThat(scope.written).hasSize(1);
      // a signal straight to Temporal with 200 KB of text is refused, and noted in bounded size
      assertThat(status(wf).timeline())
          .filteredOn(e -> e.event().equals("REFUSED HOLD"))
          .singleElement()
          .satisfies(e -> assertThat(e.by().length() + e.detail().length()).isLessThan(1_000));
    }

    @Test
    void twoEngineersFailingOverAtOnce_oneIsCarriedOut_theOtherRefusedWithTheReason()
        throws Exception {
      WorkflowStub wf = start();
      env.sleep(Duration.ofSeconds(5));
      java.util.concurrent.ExecutorService two =
          java.util.concurrent.Executors.newFixedThreadPool(2);
      try {
        var alice =
            two.submit(
                () -> outcome(wf, new HealthAction(Action.FAILOVER, "alice", "down", "nova")));
        var bob =
            two.submit(
                () -> outcome(wf, new HealthAction(Action.FAILOVER, "bob", "down", "third")));
        List<String> outcomes = List.of(alice.get(), bob.get());

        assertThat(outcomes).filteredOn(o -> o.equals("ok")).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o.contains("already failed over")).hasSize(1);
        assertThat(scope.written).hasSize(1);
      } finally {
        two.shutdownNow();
      }
    }

    @Test
    void signalsWorkLikeTheUpdate() {
      WorkflowStub wf = start();
      env.sleep(Duration.ofSeconds(5));
      wf.signal("failover", new ScopeRequest("dave", "from the temporal CLI", null));
      env.sleep(Duration.ofSeconds(2));
      assertThat(status(wf).failover().by()).isEqualTo("dave");
    }
  }

  @Nested
  class MigrationOwnsTheTable {

    @Test
    void whileAMigrationRunsTheWorkflowMeasuresAndSaysWhatItWouldDoButWritesNothing() {
      scope.migrationId = "legacy-to-nova";
      scope.failing.add("legacy");
      WorkflowStub wf = start();
      env.sleep(INTERVAL.multipliedBy(6));

      ChannelHealthStatus s = status(wf);
      assertThat(s.mode()).isEqualTo(HealthMode.WATCHING);
      assertThat(s.migrationId()).isEqualTo("legacy-to-nova");
      assertThat(s.wouldDo()).contains("fail over legacy → nova", "migration legacy-to-nova");
      assertThat(s.verdicts()).containsKeys("legacy", "nova", "third");
      assertThat(scope.written).isEmpty();
      assertRefused(
          wf, Action.FAILOVER, "alice", "now", null, "migration legacy-to-nova runs on scope game");
    }

    @Test
    void aMigrationRegisteredBetweenTheLookAndTheWriteWins_theFailoverIsNotWritten() {
      scope.migrationStartingAtReroute = "racing";
      scope.failing.add("legacy");
      WorkflowStub wf = start();
      env.sleep(INTERVAL.multipliedBy(3).plusSeconds(5));

      ChannelHealthStatus s = status(wf);
      assertThat(s.mode()).isEqualTo(HealthMode.WATCHING);
      assertThat(s.failover()).isNull();
      assertThat(s.timeline())
          .anyMatch(e -> e.event().equals("FAILOVER NOT WRITTEN") && e.detail().contains("racing"));
      assertThat(scope.written).isEmpty();
      assertThat(scope.events).isEmpty();
    }

    @Test
    void anEngineersFailoverThatLosesTheRaceIsRefusedNamingTheMigration() {
      WorkflowStub wf = start();
      env.sleep(Duration.ofSeconds(5));
      scope.migrationStartingAtReroute = "racing";

      assertRefused(wf, Action.FAILOVER, "alice", "down", null, "migration racing");
      assertThat(scope.written).isEmpty();
    }
  }

  @Test
  void aTableWrittenByOthersSinceTheLookIsNotOverwritten_theNextEvaluationDecidesAgain() {
    scope.tableChangesAtReroute = true;
    scope.failing.add("legacy");
    WorkflowStub wf = start();
    env.sleep(INTERVAL.multipliedBy(3).plusSeconds(5));
    assertThat(status(wf).mode()).isEqualTo(HealthMode.WATCHING);
    assertThat(scope.written).isEmpty();

    env.sleep(INTERVAL);

    assertThat(status(wf).mode()).isEqualTo(HealthMode.FAILED_OVER);
    assertThat(scope.written)
        .singleElement()
        .satisfies(r -> assertThat(r.expectedVersion()).isEqualTo(8));
  }

  @Test
  void continueAsNewCarriesTheFailoverTheHoldAndTheTimeline() {
    scope.failing.add("legacy");
    WorkflowStub wf = start();
    env.sleep(INTERVAL.multipliedBy(3).plusSeconds(5));
    request(wf, Action.HOLD, "bob", "keep it on nova");
    String firstRun = wf.getExecution().getRunId();

    env.sleep(Duration.ofHours(4)); // hundreds of evaluations: past the history bound

    WorkflowStub current =
        client.newUntypedWorkflowStub(TemporalNames.channelHealthWorkflowId("game"));
    ChannelHealthStatus s = current.query("status", ChannelHealthStatus.class);
    assertThat(current.describe().getExecution().getRunId()).isNotEqualTo(firstRun);
    assertThat(s.mode()).isEqualTo(HealthMode.FAILED_OVER);
    assertThat(s.failover().to()).isEqualTo("nova");
    assertThat(s.hold().by()).isEqualTo("bob");
    assertThat(s.timeline())
        .extracting(TimelineEntry::event)
        .contains("STARTED", "FAILOVER", "HOLD", "CONTINUED AS NEW");
    assertThat(
            client
                .fetchHistory(TemporalNames.channelHealthWorkflowId("game"))
                .getHistory()
                .getEventsCount())
        .isLessThan(ChannelHealthWorkflowImpl.HISTORY_LIMIT + 100);
    // the event numbering goes on across runs, so ids stay unique
    request(current, Action.RELEASE, "bob", "done");
    request(current, Action.FAILBACK, "bob", "done");
    env.sleep(Duration.ofSeconds(2)); // the webhook is sent without the update waiting for it
    assertThat(scope.events).extracting(HealthEvent::eventId).doesNotHaveDuplicates().hasSize(2);
  }

  // ---- helpers ----

  private WorkflowStub start() {
    WorkflowStub wf =
        client.newUntypedWorkflowStub(
            "ChannelHealthWorkflow",
            WorkflowOptions.newBuilder()
                .setWorkflowId(TemporalNames.channelHealthWorkflowId("game"))
                .setTaskQueue(taskQueue)
                .build());
    wf.start(new ChannelHealthInput("game", null));
    return wf;
  }

  private static ChannelHealthStatus status(WorkflowStub wf) {
    return wf.query("status", ChannelHealthStatus.class);
  }

  private static ChannelHealthStatus request(
      WorkflowStub wf, Action action, String by, String reason) {
    return request(wf, action, by, reason, null);
  }

  private static ChannelHealthStatus request(
      WorkflowStub wf, Action action, String by, String reason, String target) {
    return wf.update(
        "request", ChannelHealthStatus.class, new HealthAction(action, by, reason, target));
  }

  private static void assertRefused(
      WorkflowStub wf, Action action, String by, String reason, String target, String why) {
    assertThatThrownBy(() -> request(wf, action, by, reason, target))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining(why);
  }

  /** "ok", or the refusal's message. */
  private static String outcome(WorkflowStub wf, HealthAction action) {
    try {
      wf.update("request", ChannelHealthStatus.class, action);
      return "ok";
    } catch (WorkflowUpdateException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      return String.valueOf(root.getMessage());
    }
  }

  static List<String> events(ChannelHealthStatus s) {
    return s.timeline().stream().map(TimelineEntry::event).toList();
  }
}
