package io.channelshift.payment;

import static io.channelshift.payment.PaymentFixtures.anyRequest;
import static io.channelshift.payment.PaymentFixtures.paidCallback;
import static org.mockito.ArgumentMatchers.any;
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
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link PaymentReplayTest} replays. Runs only when asked: {@code ./mvnw -pl
 * workflows test -Dtest=PaymentHistoryRecorder -Dchannelshift.recordHistories=v1}; the property's
 * value names the files, so the histories of every released version stay side by side. v7 (issue
 * 15): automatic-refund-ids (the late and platform-closed payments' automatic refunds) and
 * event-ids (every refund's webhook), with refunds sent under a provider number that is not their
 * refund id. v8 (issue 17): failover-at-create (failed-over: legacy down, created at nova, paid at
 * both, refunded at legacy; failed-over-callback: the same, told by legacy's callback; no-backup:
 * legacy restricted and no backup, FAILED).
 */
@EnabledIfSystemProperty(named = "channelshift.recordHistories", matches = "v\\d+")
class PaymentHistoryRecorder {

  /** The callbacks channel adapters verified, by notification id, as the starter records them. */
  private final Map<String, ProviderCallback> inbox = new ConcurrentHashMap<>();

  /** The channel that verified a callback, where it is not the payment's own (v8). */
  private final Map<String, String> verifiedOn = new ConcurrentHashMap<>();

  /**
   * A callback as a channel's adapter verified it: in the inbox (where the payment looks), then
   * signalled.
   */
  private void callback(WorkflowClient client, String orderId, ProviderCallback callback) {
    inbox.put(callback.notifyId(), callback);
    stub(client, orderId).providerCallback(callback);
  }

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
    when(activities.assessRisk(any()))
        .thenAnswer(
            i ->
                i.<RiskCheck>getArgument(0).orderId().equals("rejected")
                    ? RiskDecision.reject(
                        "MAX_AMOUNT", "1000 CNY is above the 500 CNY maximum for topup")
                    : RiskDecision.pass());
    when(activities.createOrder(any()))
        .thenAnswer(
            i -> {
              CreateOrderCommand command = i.getArgument(0);
              String orderId = command.orderId();
              CreateOrderResult ok = PaymentFixtures.created(orderId);
              return switch (orderId) {
                // v8: legacy cannot take these orders (failover-at-create)
                case "failed-over", "failed-over-callback" ->
                    command.channel().equals("legacy")
                        ? new CreateOrderResult(
                            ProviderOutcome.UNKNOWN,
                            null,
                            null,
                            "M",
                            "provider answered 503",
                            null,
                            CreateFailure.UNAVAILABLE)
                        : ok;
                case "no-backup" ->
                    new CreateOrderResult(
                        ProviderOutcome.FAILED,
                        null,
                        null,
                        "M",
                        "MERCHANT_RESTRICTED: frozen",
                        null,
                        CreateFailure.RESTRICTED);
                case "refused" ->
                    new CreateOrderResult(
                        ProviderOutcome.FAILED, null, null, "M", "MERCHANT_SUSPENDED");
                case "rerouted" ->
                    new CreateOrderResult(
                        ok.outcome(),
                        ok.payUrl(),
                        ok.tradeNo(),
                        ok.merchantId(),
                        null,
                        new RouteDecision(
                            "nova", 2,
                            42)); // the table changed between the starter's decision and the create
                default -> ok;
              };
            });
    AtomicInteger outageQueries = new AtomicInteger();
    AtomicBoolean paidAtProvider = new AtomicBoolean();
    when(activities.queryOrder(any()))
        .thenAnswer(
            i -> {
              if (i.<OrderRef>getArgument(0).orderId().equals("provider-down")
                  && outageQueries.incrementAndGet() <= 5) {
                // an active query and the final query get no answer (the provider is down past its
                // retry window)
                throw ApplicationFailure.newNonRetryableFailure(
                    "provider answered 503", "PROVIDER_UNAVAILABLE");
              }
              if (i.<OrderRef>getArgument(0).orderId().equals("repaired") && paidAtProvider.get()) {
                return PaymentFixtures.paidState("repaired", 1000);
              }
              return PaymentFixtures.notPaid();
            });
    when(activities.closeOrder(any()))
        .thenAnswer(
            i ->
                i.<OrderRef>getArgument(0).channel().equals("legacy")
                        && i.<OrderRef>getArgument(0).orderId().startsWith("failed-over")
                    // the user paid the order left at legacy anyway: refunded there
                    ? PaymentFixtures.paidState(i.<OrderRef>getArgument(0).orderId(), 1000)
                    : PaymentFixtures.closedState());
    when(activities.failOver(any()))
        .thenAnswer(
            i ->
                i.<FailoverCommand>getArgument(0).orderId().startsWith("failed-over")
                    ? new RouteDecision("nova", 2, 42)
                    : null);
    // v7: the number a refund is sent under at its provider is no longer its refund id (the
    // provider's notices name it)
    when(activities.refund(any()))
        .thenAnswer(
            i ->
                new RefundResult(
                    ProviderOutcome.PENDING, "R1", null, outRefundNo(i.getArgument(0))));
    AtomicInteger slowRefundQueries = new AtomicInteger();
    AtomicBoolean refundNoticeSent = new AtomicBoolean();
    when(activities.queryRefund(any()))
        .thenAnswer(
            i -> {
              String orderId = i.<RefundCommand>getArgument(0).orderId();
              boolean pending =
                  switch (orderId) {
                    // through the 5 min, 15 min and hourly waits of refund-poll-backoff
                    case "slow-refund" -> slowRefundQueries.incrementAndGet() <= 8;
                    case "noticed-refund" -> !refundNoticeSent.get();
                    default -> false;
                  };
              return new RefundResult(
                  pending ? ProviderOutcome.PENDING : ProviderOutcome.PROCESSED,
                  "R1",
                  null,
                  outRefundNo(i.getArgument(0)));
            });
    when(activities.verifiedCallback(any()))
        .thenAnswer(
            i -> {
              CallbackRef ref = i.getArgument(0);
              // v8: a callback a channel the payment left verified is found under that channel only
              String verifiedBy = verifiedOn.get(ref.notifyId());
              return verifiedBy == null || verifiedBy.equals(ref.channel())
                  ? inbox.get(ref.notifyId())
                  : null;
            });
    worker.registerActivitiesImplementations(activities);
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    try {
      start(client, "refused");
      save(client, "refused", version);

      start(client, "happy");
      callback(client, "happy", paidCallback("happy", 1000));
      save(client, "happy", version);

      start(client, "expired");
      save(client, "expired", version);

      start(client, "late");
      env.sleep(Duration.ofMinutes(16));
      callback(client, "late", paidCallback("late", 1000));
      save(client, "late", version);

      start(client, "anomaly");
      callback(client, "anomaly", paidCallback("anomaly", 1));
      save(client, "anomaly", version);

      start(client, "rerouted");
      callback(client, "rerouted", paidCallback("rerouted", 1000));
      save(client, "rerouted", version);

      if (!version.equals("v1") && !version.equals("v2")) { // the risk rules came with v3
        start(client, "rejected");
        save(client, "rejected", version);
      }

      start(client, "refunds");
      callback(client, "refunds", paidCallback("refunds", 1000));
      env.sleep(Duration.ofSeconds(1));
      stub(client, "refunds").refund(new RefundRequest("refunds-1", 300, "partial"));
      env.sleep(Duration.ofMinutes(1));
      stub(client, "refunds").refund(new RefundRequest("refunds-2", 700, "rest"));
      save(client, "refunds", version);

      if (Integer.parseInt(version.substring(1)) >= 4) { // refund-poll-backoff came with v4
        start(client, "slow-refund");
        callback(client, "slow-refund", paidCallback("slow-refund", 1000));
        env.sleep(Duration.ofSeconds(1));
        stub(client, "slow-refund")
            .refund(new RefundRequest("slow-refund-1", 1000, "to a bank card"));
        save(client, "slow-refund", version);
      }

      if (Integer.parseInt(version.substring(1)) >= 6) { // provider-outages came with v6
        start(client, "provider-down");
        save(
            client,
            "provider-down",
            version); // expires while the provider is down, closed once it answers
      }

      if (Integer.parseInt(version.substring(1)) >= 6) { // the platform's close came with v6
        start(client, "platform-closed");
        stub(client, "platform-closed").close(new CloseRequest("user cancelled the order"));
        callback(client, "platform-closed", paidCallback("platform-closed", 1000)); // paid anyway
        save(client, "platform-closed", version);
      }

      if (Integer.parseInt(version.substring(1))
          >= 5) { // refund-notices came with v5 (v6: every refund is told to the platform)
        start(client, "noticed-refund");
        callback(client, "noticed-refund", paidCallback("noticed-refund", 1000));
        env.sleep(Duration.ofSeconds(1));
        stub(client, "noticed-refund")
            .refund(new RefundRequest("noticed-refund-1", 1000, "to a bank card"));
        env.sleep(Duration.ofMinutes(30)); // into the hourly wait, which the notice cuts short
        refundNoticeSent.set(true);
        stub(client, "noticed-refund")
            .refundNotice(
                new RefundNotice(
                    "RN1",
                    Integer.parseInt(version.substring(1)) >= 7
                        ? "P-noticed-refund-1"
                        : "noticed-refund-1",
                    "SUCCESS"));
        save(client, "noticed-refund", version);
      }

      if (Integer.parseInt(version.substring(1)) >= 7) { // verified-callbacks came with v7
        start(client, "forged");
        stub(client, "forged")
            .providerCallback(paidCallback("forged", 1000)); // no adapter verified it
        save(client, "forged", version);

        start(client, "repaired");
        env.sleep(Duration.ofMinutes(16)); // expired and closed unpaid
        paidAtProvider.set(
            true); // the provider's statement says paid: reconciliation tells the payment
        stub(client, "repaired")
            .providerCallback(
                new ProviderCallback(
                    "reconcile-T-repaired",
                    PaymentFixtures.MERCHANT,
                    "repaired",
                    "T-repaired",
                    ProviderCallback.SUCCESS,
                    1000,
                    "CNY",
                    null));
        save(client, "repaired", version);
      }

      if (Integer.parseInt(version.substring(1)) >= 8) { // failover-at-create came with v8
        start(client, "failed-over"); // created at nova; paid there and at legacy, refunded there
        callback(client, "failed-over", paidCallback("failed-over", 1000));
        save(client, "failed-over", version);

        start(client, "failed-over-callback"); // legacy's own callback for the order left there
        ProviderCallback atLegacy =
            paidCallback("failed-over-callback", 1000, "N-legacy-failed-over-callback");
        verifiedOn.put(atLegacy.notifyId(), "legacy");
        callback(client, "failed-over-callback", atLegacy);
        callback(client, "failed-over-callback", paidCallback("failed-over-callback", 1000));
        save(client, "failed-over-callback", version);

        start(client, "no-backup"); // legacy restricted, no backup: FAILED as before
        save(client, "no-backup", version);
      }
    } finally {
      env.close();
    }
  }

  private static String outRefundNo(RefundCommand command) {
    return "P-" + command.refundId();
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
    WorkflowStub.fromTyped(stub(client, orderId))
        .getResult(PaymentView.class); // to the end of the window
    Files.writeString(
        PaymentReplayTest.HISTORIES.resolve(id + "-" + version + ".json"),
        client.fetchHistory(id).toJson(true));
  }
}
