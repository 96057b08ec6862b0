package io.channelshift.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/**
 * The test server keeps an event for every lock of time skipping for its whole life unless told not
 * to; the embedded runtime tells it not to. If a Temporal upgrade changes the internals this relies
 * on, this fails.
 */
class TestServerLockLogTest {

  private static final int WORKFLOWS = 20;

  @Test
  void anUnpatchedServerAccumulatesLockEventsAndTheEmbeddedOneKeepsNone() throws Exception {
    int leakyPort = FreePorts.next();
    int boundedPort = FreePorts.next();
    try (TestServer.PortBoundTestServer leaky = TestServer.createPortBoundServer(leakyPort, true);
        EmbeddedTemporal bounded = EmbeddedTemporal.start(boundedPort, "default")) {
      startWorkflows(leakyPort);
      startWorkflows(boundedPort);

      assertThat(TestServerLockLog.recordedEvents(starterOf(leaky)))
          .isGreaterThanOrEqualTo(WORKFLOWS);
      assertThat(TestServerLockLog.recordedEvents(bounded.services())).isZero();
    }
  }

  private static TestServicesStarter starterOf(TestServer.PortBoundTestServer server)
      throws Exception {
    Field f = server.getClass().getDeclaredField("testServicesStarter");
    f.setAccessible(true);
    return (TestServicesStarter) f.get(server);
  }

  /**
   * Starts workflows that no worker picks up: enough to make the server lock and unlock time
   * skipping.
   */
  private static void startWorkflows(int port) {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(service);
      for (int i = 0; i < WORKFLOWS; i++) {
        client
            .newUntypedWorkflowStub(
                "Anything",
                WorkflowOptions.newBuilder()
                    .setWorkflowId("lock-log-" + i)
                    .setTaskQueue("nobody-polls")
                    .build())
            .start();
      }
    } finally {
      service.shutdownNow();
    }
  }
}
