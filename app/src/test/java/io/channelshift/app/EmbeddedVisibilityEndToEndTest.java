package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.demo.DemoScenarios;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.StackOptions;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The README's {@code temporal workflow list --query 'PaymentStatus="FULFILLED"'} on the embedded
 * stack, with real payments: the list call the CLI and the UI make, answered with each payment's
 * current status.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedVisibilityEndToEndTest {

  private EmbeddedStack stack;
  private DemoClient api;

  @BeforeAll
  void start() {
    stack = EmbeddedStack.start(StackOptions.ephemeral(DemoScenarios.TIMING));
    api = new DemoClient(stack);
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void paymentsAreListedByTheirCurrentStatus() {
    assertThat(api.createPayment("vis-1", "ann", 1000).status()).isEqualTo(201);
    api.pay("vis-1", Map.of());
    api.awaitStatus("vis-1", Set.of("FULFILLED"), Duration.ofSeconds(30));
    assertThat(api.createPayment("vis-2", "bob", 500).status()).isEqualTo(201);
    api.close("vis-2", "changed my mind");
    assertThat(api.createPayment("vis-3", "cat", 700).status()).isEqualTo(201);

    assertThat(ids("PaymentStatus=\"FULFILLED\"")).containsExactly("payment-vis-1");
    assertThat(ids("PaymentStatus = 'CLOSED'")).containsExactly("payment-vis-2");
    assertThat(ids("WorkflowType = 'PaymentWorkflow' AND PaymentChannel IS NOT NULL"))
        .containsExactly("payment-vis-3", "payment-vis-2", "payment-vis-1");
    assertThat(ids("WorkflowId STARTS_WITH 'payment-' AND PaymentStatus != 'FULFILLED'"))
        .containsExactly("payment-vis-3", "payment-vis-2");
    assertThat(
            stack
                .client()
                .getWorkflowServiceStubs()
                .blockingStub()
                .countWorkflowExecutions(
                    CountWorkflowExecutionsRequest.newBuilder()
                        .setNamespace(namespace())
                        .setQuery("WorkflowType = 'PaymentWorkflow'")
                        .build())
                .getCount())
        .isEqualTo(3);
  }

  private List<String> ids(String query) {
    return stack
        .client()
        .getWorkflowServiceStubs()
        .blockingStub()
        .listWorkflowExecutions(
            ListWorkflowExecutionsRequest.newBuilder()
                .setNamespace(namespace())
                .setQuery(query)
                .build())
        .getExecutionsList()
        .stream()
        .map(info -> info.getExecution().getWorkflowId())
        .toList();
  }

  private String namespace() {
    WorkflowClient client = stack.client();
    return client.getOptions().getNamespace();
  }
}
