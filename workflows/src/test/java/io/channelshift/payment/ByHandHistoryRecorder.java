package io.channelshift.payment;

import static io.channelshift.payment.PaymentFixtures.anyRequest;
import static io.channelshift.payment.PaymentFixtures.paidCallback;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.channelshift.temporal.TemporalNames;
import io.channelshift.temporal.TestSearchAttributes;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories of payments acted on by hand (issue 17, section 5), beside those {@link
 * PaymentHistoryRecorder} records: {@code payment-settled-by-hand-v8.json} (callback lost, settled
 * by hand on the provider's answer, fulfilled) and {@code payment-webhook-resent-v8.json} (the
 * fulfilment webhook given up at its deadline, then sent again by hand and delivered). Runs only
 * when asked: {@code ./mvnw -pl workflows test -Dtest=ByHandHistoryRecorder
 * -Dchannelshift.recordHistories=v8}.
 */
@EnabledIfSystemProperty(named = "channelshift.recordHistories", matches = "v\\d+")
class ByHandHistoryRecorder {

  private static final ByHandRequest OPS =
      new ByHandRequest("alice (key ops-team)", "ticket 4711: the user shows a bank debit");

  private final Map<String, ProviderCallback> inbox = new ConcurrentHashMap<>();

  @Test
  void record() throws Exception {
    String version = System.getProperty("channelshift.recordHistories");
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().build());
    TestSearchAttributes.register(env);
    Worker worker = env.newWorker("recorder");
    worker.registerWorkflowImplementationTypes(PaymentWorkflowImpl.class);
    PaymentActivities activities =
        mock(PaymentActivities.class, withSettings().withoutAnnotations());
    when(activities.assessRisk(any())).thenReturn(RiskDecision.pass());
    when(activities.createOrder(any()))
        .thenAnswer(i -> PaymentFixtures.created(i.<CreateOrderCommand>getArgument(0).orderId()));
    // the user paid, the callback was lost: the provider says paid when asked
    when(activities.queryOrder(any()))
        .thenAnswer(i -> PaymentFixtures.paidState(i.<OrderRef>getArgument(0).orderId(), 1000));
    when(activities.closeOrder(any())).thenReturn(PaymentFixtures.closedState());
    when(activities.verifiedCallback(any()))
        .thenAnswer(i -> inbox.get(i.<CallbackRef>getArgument(0).notifyId()));
    AtomicBoolean platformUp = new AtomicBoolean();
    doAnswer(
            i -> {
              if (!platformUp.get()) {
                throw new IllegalStateException("platform answered HTTP 500");
              }
              return null;
            })
        .when(activities)
        .fulfil(any());
    worker.registerActivitiesImplementations(activities);
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    try {
      platformUp.set(true);
      start(client, "settled-by-hand");
      stub(client, "settled-by-hand").settle(OPS); // before the first active query
      save(client, "settled-by-hand", version);

      platformUp.set(false);
      start(client, "webhook-resent");
      inbox.put("N-webhook-resent", paidCallback("webhook-resent", 1000));
      stub(client, "webhook-resent").providerCallback(paidCallback("webhook-resent", 1000));
      env.sleep(Duration.ofHours(2)); // past the fulfilment deadline: given up
      platformUp.set(true);
      stub(client, "webhook-resent").resendFulfilment(OPS);
      save(client, "webhook-resent", version);
    } finally {
      env.close();
    }
  }

  private static void start(WorkflowClient client, String orderId) {
    PaymentRequest request = anyRequest(orderId, 1000);
    PaymentWorkflow wf =
        client.newWorkflowStub(
            PaymentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(TemporalNames.paymentWorkflowId(orderId))
                .setTaskQueue("recorder")
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    WorkflowClient.executeUpdateWithStart(
        wf::checkout,
        CheckoutRequest.of(request),
        UpdateOptions.<Checkout>newBuilder().setWaitForStage(WorkflowUpdateStage.COMPLETED).build(),
        new WithStartWorkflowOperation<>(wf::run, request));
  }

  private static PaymentWorkflow stub(WorkflowClient client, String orderId) {
    return client.newWorkflowStub(PaymentWorkflow.class, TemporalNames.paymentWorkflowId(orderId));
  }

  private static void save(WorkflowClient client, String orderId, String version) throws Exception {
    String id = TemporalNames.paymentWorkflowId(orderId);
    WorkflowStub.fromTyped(stub(client, orderId)).getResult(PaymentView.class);
    Files.writeString(
        PaymentReplayTest.HISTORIES.resolve(id + "-" + version + ".json"),
        client.fetchHistory(id).toJson(true));
  }
}
