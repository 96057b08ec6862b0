package io.channelshift.starter.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelshift.migration.EngineerAction;
import io.channelshift.migration.EngineerAction.Action;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.starter.web.BoundedWaits;
import io.channelshift.temporal.TemporalNames;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * An engineer's request and a status read wait a bounded time for the migration, even when no
 * worker is there to answer (the worker or the store down): a 503 that says what to do, and no
 * thread left waiting for a caller that has gone.
 */
class MigrationGatewayTest {

  private TestWorkflowEnvironment env;
  private BoundedWaits waits;
  private MigrationGateway gateway;

  @BeforeEach
  void startAMigrationNoWorkerRuns() {
    env = TestWorkflowEnvironment.newInstance();
    env.start(); // no worker polls the migrations task queue: every update and query on it waits
    // for ever
    env.getWorkflowClient()
        .newUntypedWorkflowStub(
            "MigrationWorkflow",
            WorkflowOptions.newBuilder()
                .setWorkflowId(TemporalNames.migrationWorkflowId("m-stuck"))
                .setTaskQueue(TemporalNames.MIGRATIONS_TASK_QUEUE)
                .build())
        .start((Object) null);
    waits = new BoundedWaits("Migration", 2, Duration.ofMillis(500));
    gateway = new MigrationGateway(env.getWorkflowClient(), null, waits);
  }

  @AfterEach
  void stop() {
    gateway.stop();
    env.close();
  }

  @Test
  void aRequestNoWorkerAnswers_is503WithinTheTimeout_andSaysToReadTheStatus() {
    long began = System.nanoTime();
    assertThatThrownBy(
            () -> gateway.act("m-stuck", new EngineerAction(Action.ROLLBACK, "alice", "drill")))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> {
              assertThat(p.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
              assertThat(p.title()).isEqualTo("Migration not ready");
              assertThat(p.getMessage())
                  .contains("ROLLBACK may still be carried out", "read the status");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aStatusReadNoWorkerAnswers_is503WithinTheTimeout() {
    long began = System.nanoTime();
    assertThatThrownBy(() -> gateway.status("m-stuck"))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> assertThat(p.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void callersWhoHaveGone_holdNoThread() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(
              () -> gateway.act("m-stuck", new EngineerAction(Action.PAUSE, "alice", null)))
          .isInstanceOf(ApiProblem.class);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (waits.running() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(waits.running())
        .as("requests still holding a thread after their callers got 503")
        .isZero();
  }

  /** A full bulkhead turns the next caller away at once; another migration keeps its room. */
  @Test
  void oneStuckMigration_fillsOnlyItsOwnBulkhead() throws Exception {
    BoundedWaits slow = new BoundedWaits("Migration", 2, Duration.ofSeconds(3));
    MigrationGateway patient = new MigrationGateway(env.getWorkflowClient(), null, slow);
    ExecutorService engineers = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> waiting = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        waiting.add(
            engineers.submit(
                () -> patient.act("m-stuck", new EngineerAction(Action.PAUSE, "a", null))));
      }
      Thread.sleep(300); // both wait on m-stuck now

      long began = System.nanoTime();
      assertThatThrownBy(() -> patient.act("m-stuck", new EngineerAction(Action.RESUME, "b", null)))
          .isInstanceOfSatisfying(
              ApiProblem.class, p -> assertThat(p.getMessage()).contains("already waiting"));
      assertThat(patient.status("m-none"))
          .as("another migration is answered, here: there is none")
          .isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(1));
      for (Future<?> f : waiting) {
        assertThatThrownBy(f::get).hasCauseInstanceOf(ApiProblem.class);
      }
    } finally {
      engineers.shutdownNow();
      patient.stop();
    }
  }
}
