package io.channelshift.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A workflow task that cancels a timer which fired while the task ran (a slow task: a worker
 * warming up after a restart). On the plain test server the workflow never moves again
 * (temporalio/sdk-java#2606); on the embedded runtime's server it ends. When a Temporal upgrade
 * fixes the test server, the first half fails: the guard can go.
 */
class FiredTimerCancelGuardTest {

  @Test
  void theEmbeddedServerLetsTheWorkflowGoOn_thePlainTestServerLeavesItStuck() throws Exception {
    int plainPort = FreePorts.next();
    try (TestServer.PortBoundTestServer plain = TestServer.createPortBoundServer(plainPort, true)) {
      assertThat(race(plainPort)).as("the plain test server's answer").isEqualTo("stuck");
    }
    int guardedPort = FreePorts.next();
    try (EmbeddedTemporal guarded = EmbeddedTemporal.start(guardedPort, "default")) {
      assertThat(race(guardedPort)).isEqualTo("poked");
    }
  }

  /** Runs the race on the server at the port; answers the workflow's result, or "stuck". */
  private static String race(int port) throws Exception {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
    WorkerFactory workers = WorkerFactory.newInstance(WorkflowClient.newInstance(service));
    try {
      workers.newWorker("race").registerWorkflowImplementationTypes(TimerRaceImpl.class);
      workers.start();
      WorkflowClient client = WorkflowClient.newInstance(service);
      TimerRace race =
          client.newWorkflowStub(
              TimerRace.class,
              WorkflowOptions.newBuilder().setWorkflowId("race").setTaskQueue("race").build());
      WorkflowClient.start(race::run);
      Thread.sleep(700); // the signal's task starts before the 1 s timer fires, and runs past it
      race.poke();
      try {
        return WorkflowStub.fromTyped(race).getResultAsync(String.class).get(8, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        return "stuck";
      }
    } finally {
      workers.shutdownNow();
      workers.awaitTermination(5, TimeUnit.SECONDS);
      service.shutdownNow();
    }
  }

  @WorkflowInterface
  public interface TimerRace {
    @WorkflowMethod
    String run();

    @SignalMethod
    void poke();
  }

  public static class TimerRaceImpl implements TimerRace {
    private boolean poked;
    private Promise<Void> timer;

    @Override
    public String run() {
      CancellationScope scope =
          Workflow.newCancellationScope(() -> timer = Workflow.newTimer(Duration.ofSeconds(1)));
      scope.run();
      Workflow.await(() -> poked || timer.isCompleted());
      if (!poked) {
        return "timer";
      }
      if (!Workflow.isReplaying()) {
        slowTask();
      }
      scope.cancel(); // a CancelTimer command, unless this task already saw the timer fire
      Workflow.sleep(
          Duration.ofMillis(
              100)); // not the last command, or the server refuses it for another reason
      return "poked";
    }

    @Override
    public void poke() {
      poked = true;
    }

    /**
     * A worker that is slow to process this task (only a test may block a workflow thread like
     * this).
     */
    private static void slowTask() {
      try {
        Thread.sleep(600);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
