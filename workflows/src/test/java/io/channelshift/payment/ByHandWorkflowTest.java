package io.channelshift.payment;

import static io.channelshift.payment.PaymentFixtures.anyRequest;
import static io.channelshift.payment.PaymentFixtures.closedState;
import static io.channelshift.payment.PaymentFixtures.created;
import static io.channelshift.payment.PaymentFixtures.notPaid;
import static io.channelshift.payment.PaymentFixtures.paidCallback;
import static io.channelshift.payment.PaymentFixtures.paidState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.channelshift.temporal.TemporalNames;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

/**
 * By hand, in an emergency (issue 17, section 5): ops settle a payment whose user says they paid,
 * and send a given-up fulfilment webhook again; on the Temporal test server with time skipping.
 * Update calls run in real time (time skips only in {@code env.sleep} and {@code getResult}), so a
 * payment that reaches a state while a test waits in real time reached it without its timers.
 */
class ByHandWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .useInternalService()
          .registerWorkflowImplementationTypes(PaymentWorkflowImpl.class)
          .registerSearchAttribute(
              TemporalNames.PAYMENT_STATUS.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
          .registerSearchAttribute(
              TemporalNames.PAYMENT_CHANNEL.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
          .registerSearchAttribute(
              TemporalNames.PRODUCT_TYPE.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
          .registerSearchAttribute(
              TemporalNames.ROUTING_VERSION.getName(), IndexedValueType.INDEXED_VALUE_TYPE_INT)
          .setDoNotStart(true)
          .build();

  private static final ByHandRequest OPS =
      new ByHandRequest("alice (key ops-team)", "ticket 4711: the user shows a bank debit");

  private final PaymentActivities activities =
      mock(PaymentActivities.class, withSettings().withoutAnnotations());

  private final Map<String, ProviderCallback> inbox = new ConcurrentHashMap<>();

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
    when(activities.assessRisk(any())).thenReturn(RiskDecision.pass());
    when(activities.createOrder(any()))
        .thenAnswer(i -> created(i.<CreateOrderCommand>getArgument(0).orderId()));
    when(activities.queryOrder(any())).thenReturn(notPaid());
    when(activities.closeOrder(any())).thenReturn(closedState());
    when(activities.refund(any()))
        .thenReturn(new RefundResult(ProviderOutcome.PROCESSED, "R1", null));
    when(activities.verifiedCallback(any()))
        .thenAnswer(i -> inbox.get(i.<CallbackRef>getArgument(0).notifyId()));
  }

  @Nested
  class SettleByHand {

    @Test
    void paidAtTheProvider_isSettledAtOnce_andFulfilled_withoutWaitingForTheNextQuery() {
      start("s-1");
      when(activities.queryOrder(any())).thenReturn(paidState("s-1", 1000));

      SettleResult result = stub("s-1").settle(OPS);

      assertThat(result.outcome()).isEqualTo(SettleResult.Outcome.SETTLED);
      assertThat(result.providerState()).isEqualTo(ProviderOrderState.State.PAID);
      assertThat(result.detail()).contains("now PAID", "T-s-1");
      // no time has passed (the first active query is a minute away): the main loop woke up
      PaymentView now = awaitStatus("s-1", PaymentStatus.FULFILLED);
      assertThat(now.paidAmountMinor()).isEqualTo(1000);
      assertThat(now.notes())
          .anyMatch(
              n -> n.contains("settlement by hand asked by alice (key ops-team): ticket 4711"))
          .anyMatch(n -> n.startsWith("paid (settled by hand"));
      ArgumentCaptor<FulfilmentCommand> fulfilment =
          ArgumentCaptor.forClass(FulfilmentCommand.class);
      verify(activities, times(1)).fulfil(fulfilment.capture());
      assertThat(fulfilment.getValue().eventId()).isEqualTo("fulfil-s-1");
      assertThat(fulfilment.getValue().tradeNo()).isEqualTo("T-s-1");
      verify(activities, times(1)).queryOrder(any());
      assertThat(result("s-1").status()).isEqualTo(PaymentStatus.FULFILLED);
    }

    @Test
    void notPaidAtTheProvider_changesNothing_andTheAnswerSaysSo() {
      start("s-2");

      SettleResult result = stub("s-2").settle(OPS);

      assertThat(result.outcome()).isEqualTo(SettleResult.Outcome.NOT_PAID);
      assertThat(result.status()).isEqualTo(PaymentStatus.AWAITING_PAYMENT);
      assertThat(result.providerState()).isEqualTo(ProviderOrderState.State.NOT_PAID);
      assertThat(stub("s-2").status().status()).isEqualTo(PaymentStatus.AWAITING_PAYMENT);
      // and the payment goes on as before: queried on its backoff, closed unpaid at expiry
      assertThat(result("s-2").status()).isEqualTo(PaymentStatus.CLOSED);
      verify(activities, never()).fulfil(any());
    }

    @Test
    void aProviderThatDoesNotAnswer_changesNothing_andTheAnswerSaysAskAgain() {
      start("s-3");
      doThrow(ApplicationFailure.newNonRetryableFailure("provider answered 503", "UNAVAILABLE"))
          .when(activities)
          .queryOrder(any());

      SettleResult result = stub("s-3").settle(OPS);

      assertThat(result.outcome()).isEqualTo(SettleResult.Outcome.NO_ANSWER);
      assertThat(result.providerState()).isNull();
      assertThat(result.detail()).contains("did not answer", "ask again");
      assertThat(stub("s-3").status().status()).isEqualTo(PaymentStatus.AWAITING_PAYMENT);

      // the provider is back and says paid: asking again settles it
      doReturn(paidState("s-3", 1000)).when(activities).queryOrder(any());
      assertThat(stub("s-3").settle(OPS).outcome()).isEqualTo(SettleResult.Outcome.SETTLED);
      awaitStatus("s-3", PaymentStatus.FULFILLED);
    }

    @Test
    void anAlreadyPaidPayment_isRefusedByTheValidator_andNothingIsAddedToItsHistory() {
      paid("s-4");
      long before = historyLength("s-4");

      assertThatThrownBy(() -> stub("s-4").settle(OPS))
          .isInstanceOf(WorkflowUpdateException.class)
          .cause()
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              f ->
                  assertThat(f.getOriginalMessage())
                      .isEqualTo("payment s-4 is FULFILLED: nothing to settle"));

      assertNothingAddedButAWorkflowTask("s-4", before);
      verify(activities, never()).queryOrder(any());
    }

    @Test
    void aClosedOrderPaidAtTheProvider_goesBackByAnAutomaticRefund_notASecondSettlement() {
      start("s-5");
      env.sleep(Duration.ofMinutes(16)); // expired and closed unpaid
      assertThat(stub("s-5").status().status()).isEqualTo(PaymentStatus.CLOSED);
      when(activities.queryOrder(any())).thenReturn(paidState("s-5", 1000));

      SettleResult result = stub("s-5").settle(OPS);

      assertThat(result.outcome()).isEqualTo(SettleResult.Outcome.REFUNDING_PAID_AFTER_CLOSE);
      PaymentView end = result("s-5");
      assertThat(end.status()).isEqualTo(PaymentStatus.REFUNDED);
      assertThat(end.refunds())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.automatic()).isTrue();
                assertThat(r.amountMinor()).isEqualTo(1000);
              });
      verify(activities, never()).fulfil(any());
      // and a second settlement finds nothing to settle: the money is already going back
      verify(activities, times(1)).refund(any());
    }

    @Test
    void whatTheOperatorSays_settlesNothing_onlyTheProvidersAnswerDoes() {
      start("s-6");
      WorkflowStub raw = WorkflowStub.fromTyped(stub("s-6"));

      // a request sent straight to Temporal that claims the payment, with every field it can think
      // of
      SettleResult result =
          raw.update(
              "settle",
              SettleResult.class,
              Map.of(
                  "requestedBy", "mallory",
                  "reason", "trust me, paid",
                  "paid", true,
                  "status", "PAID",
                  "tradeNo", "T-forged",
                  "amountMinor", 1000));

      assertThat(result.outcome()).isEqualTo(SettleResult.Outcome.NOT_PAID);
      assertThat(stub("s-6").status().status()).isEqualTo(PaymentStatus.AWAITING_PAYMENT);
      assertThat(stub("s-6").status().tradeNo()).isNull();
      // a request without who or why is not even taken
      assertThatThrownBy(() -> raw.update("settle", SettleResult.class, Map.of("reason", "x")))
          .isInstanceOf(WorkflowUpdateException.class);
      assertThat(result("s-6").status()).isEqualTo(PaymentStatus.CLOSED);
      verify(activities, never()).fulfil(any());
    }

    @Test
    void tenConcurrentSettlements_settleOnce_andFulfilOnce() throws Exception {
      start("s-7");
      when(activities.queryOrder(any())).thenReturn(paidState("s-7", 1000));
      ExecutorService operators = Executors.newFixedThreadPool(10);
      List<Future<SettleResult.Outcome>> answers = new ArrayList<>();
      try {
        for (int i = 0; i < 10; i++) {
          answers.add(
              operators.submit(
                  () -> {
                    try {
                      return stub("s-7").settle(OPS).outcome();
                    } catch (WorkflowUpdateException refused) {
                      return SettleResult.Outcome.NOTHING_TO_SETTLE;
                    }
                  }));
        }
        List<SettleResult.Outcome> outcomes = new ArrayList<>();
        for (Future<SettleResult.Outcome> a : answers) {
          outcomes.add(a.get());
        }

        assertThat(outcomes).containsOnlyOnce(SettleResult.Outcome.SETTLED);
        assertThat(outcomes)
            .filteredOn(o -> o != SettleResult.Outcome.SETTLED)
            .containsOnly(SettleResult.Outcome.NOTHING_TO_SETTLE);
      } finally {
        operators.shutdownNow();
      }
      awaitStatus("s-7", PaymentStatus.FULFILLED);
      assertThat(stub("s-7").status().notes()).filteredOn(n -> n.startsWith("paid (")).hasSize(1);
      verify(activities, times(1)).fulfil(any());
    }

    @Test
    void settledWhileThePaymentWaitsToAskADownProviderAgainAtExpiry_itIsFulfilledAtOnce() {
      start("s-9");
      doThrow(ApplicationFailure.newNonRetryableFailure("provider answered 503", "UNAVAILABLE"))
          .when(activities)
          .queryOrder(any());
      env.sleep(
          Duration.ofMinutes(16)); // expired: the final query got no answer, asked again later
      assertThat(stub("s-9").status().notes())
          .anyMatch(n -> n.contains("did not answer the final query"));
      doReturn(paidState("s-9", 1000)).when(activities).queryOrder(any()); // the provider is back

      assertThat(stub("s-9").settle(OPS).outcome()).isEqualTo(SettleResult.Outcome.SETTLED);

      // no time passes in real-time waiting: the expiry's wait to ask again ended on the settlement
      awaitStatus("s-9", PaymentStatus.FULFILLED);
      verify(activities, never()).closeOrder(any());
      verify(activities, times(1)).fulfil(any());
    }

    @Test
    void aPaymentWhoseCallbackCameMeanwhile_isNotSettledTwice() {
      start("s-8");
      callback("s-8", paidCallback("s-8", 1000));
      awaitStatus("s-8", PaymentStatus.FULFILLED);
      when(activities.queryOrder(any())).thenReturn(paidState("s-8", 1000));

      assertThatThrownBy(() -> stub("s-8").settle(OPS)).isInstanceOf(WorkflowUpdateException.class);
      verify(activities, times(1)).fulfil(any());
    }
  }

  @Nested
  class ResendFulfilment {

    @Test
    void afterItsDeadline_theSameWebhookIsSentAgain_andDelivered() {
      doThrow(new IllegalStateException("platform answered HTTP 500"))
          .when(activities)
          .fulfil(any());
      start("w-1");
      callback("w-1", paidCallback("w-1", 1000));
      env.sleep(Duration.ofHours(2)); // past the 1 h fulfilment deadline
      PaymentView givenUp = awaitStatus("w-1", PaymentStatus.PAID);
      assertThat(givenUp.notes()).anyMatch(n -> n.contains("needs a human"));
      doNothing().when(activities).fulfil(any()); // the platform is back

      ResendResult result = stub("w-1").resendFulfilment(OPS);

      assertThat(result.outcome()).isEqualTo(ResendResult.Outcome.DELIVERED);
      assertThat(result.status()).isEqualTo(PaymentStatus.FULFILLED);
      assertThat(result.eventId()).isEqualTo("fulfil-w-1");
      ArgumentCaptor<FulfilmentCommand> sent = ArgumentCaptor.forClass(FulfilmentCommand.class);
      verify(activities, org.mockito.Mockito.atLeast(2)).fulfil(sent.capture());
      assertThat(sent.getAllValues())
          .extracting(FulfilmentCommand::eventId)
          .containsOnly("fulfil-w-1");
      assertThat(stub("w-1").status().notes())
          .anyMatch(n -> n.contains("fulfilment webhook resent by hand asked by alice"))
          .anyMatch(n -> n.equals("fulfilment webhook resent by hand: delivered"));
      // delivered: a second resend is refused, and nothing is sent
      assertRefused(() -> stub("w-1").resendFulfilment(OPS), "was delivered");
      assertThat(result("w-1").status()).isEqualTo(PaymentStatus.FULFILLED);
    }

    @Test
    void whileTheWebhookIsStillBeingRetried_aResendIsRefused() {
      doThrow(new IllegalStateException("platform answered HTTP 500"))
          .when(activities)
          .fulfil(any());
      start("w-2");
      callback("w-2", paidCallback("w-2", 1000));
      verify(activities, timeout(10_000).atLeastOnce()).fulfil(any());
      long before = historyLength("w-2");

      assertRefused(() -> stub("w-2").resendFulfilment(OPS), "is still being sent");
      assertNothingAddedButAWorkflowTask("w-2", before);
    }

    @Test
    void aResendThePlatformStillDoesNotAcknowledge_saysSo_andCanBeAskedAgain() {
      doThrow(new IllegalStateException("platform answered HTTP 500"))
          .when(activities)
          .fulfil(any());
      start("w-3");
      callback("w-3", paidCallback("w-3", 1000));
      env.sleep(Duration.ofHours(2));
      awaitStatus("w-3", PaymentStatus.PAID);

      // the resend retries for its own hour; time skips while the test waits for the payment's end
      WorkflowStub raw = WorkflowStub.fromTyped(stub("w-3"));
      var pending =
          raw.startUpdate(
              "resendFulfilment", WorkflowUpdateStage.ACCEPTED, ResendResult.class, OPS);
      env.sleep(Duration.ofHours(2));
      ResendResult result = pending.getResult();

      assertThat(result.outcome()).isEqualTo(ResendResult.Outcome.NOT_ACKNOWLEDGED);
      assertThat(result.status()).isEqualTo(PaymentStatus.PAID);
      doNothing().when(activities).fulfil(any());
      assertThat(stub("w-3").resendFulfilment(OPS).outcome())
          .isEqualTo(ResendResult.Outcome.DELIVERED);
    }

    @Test
    void aPaymentThatIsNotPaid_hasNoWebhookToResend() {
      start("w-4");

      assertRefused(() -> stub("w-4").resendFulfilment(OPS), "no fulfilment webhook to resend");
    }
  }

  @Nested
  class ResendRefundWebhook {

    @Test
    void aRefundWebhookGivenUp_isSentAgain_underTheSameEventId_andThenRefusedAsDelivered() {
      doThrow(new IllegalStateException("platform answered HTTP 500"))
          .when(activities)
          .notifyRefund(any());
      paid("rw-1");
      stub("rw-1").refund(new RefundRequest("rw-1-r", 1000, "changed mind"));
      env.sleep(Duration.ofHours(2)); // past the webhook's 1 h deadline
      awaitUntil(
          () -> stub("rw-1").status().notes().stream().anyMatch(n -> n.contains("by hand")),
          "the refund webhook given up");
      doNothing().when(activities).notifyRefund(any());

      ResendResult result =
          stub("rw-1").resendRefundWebhook(new RefundResendRequest("rw-1-r", OPS));

      assertThat(result.outcome()).isEqualTo(ResendResult.Outcome.DELIVERED);
      assertThat(result.eventId()).isEqualTo("refund/rw-1/rw-1-r");
      ArgumentCaptor<RefundWebhook> sent = ArgumentCaptor.forClass(RefundWebhook.class);
      verify(activities, org.mockito.Mockito.atLeast(2)).notifyRefund(sent.capture());
      assertThat(sent.getAllValues())
          .extracting(RefundWebhook::eventId)
          .containsOnly("refund/rw-1/rw-1-r");
      assertRefused(
          () -> stub("rw-1").resendRefundWebhook(new RefundResendRequest("rw-1-r", OPS)),
          "was delivered");
      assertRefused(
          () -> stub("rw-1").resendRefundWebhook(new RefundResendRequest("no-such", OPS)),
          "has no webhook to resend");
      assertThat(result("rw-1").status()).isEqualTo(PaymentStatus.REFUNDED);
    }

    @Test
    void whileARefundWebhookIsStillBeingRetried_aResendIsRefused() {
      doThrow(new IllegalStateException("platform answered HTTP 500"))
          .when(activities)
          .notifyRefund(any());
      paid("rw-2");
      stub("rw-2").refund(new RefundRequest("rw-2-r", 1000, "changed mind"));
      verify(activities, timeout(10_000).atLeastOnce()).notifyRefund(any());

      assertRefused(
          () -> stub("rw-2").resendRefundWebhook(new RefundResendRequest("rw-2-r", OPS)),
          "is still being sent");
    }
  }

  /** The committed histories PaymentReplayTest replays do pass through the by-hand gate. */
  @Test
  void theRecordedByHandHistoriesHoldTheUpdatesTheyAreNamedFor() throws Exception {
    java.nio.file.Path dir = PaymentReplayTest.HISTORIES;
    String settled = java.nio.file.Files.readString(dir.resolve("payment-settled-by-hand-v8.json"));
    String resent = java.nio.file.Files.readString(dir.resolve("payment-webhook-resent-v8.json"));

    assertThat(settled).contains("\"settle\"").doesNotContain("resendFulfilment");
    assertThat(resent).contains("\"resendFulfilment\"");
    for (String history : List.of(settled, resent)) {
      assertThat(history)
          .contains(java.util.Base64.getEncoder().encodeToString("\"by-hand\"".getBytes()));
    }
  }

  private static void assertRefused(Runnable update, String reasonPart) {
    assertThatThrownBy(update::run)
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class, f -> assertThat(f.getOriginalMessage()).contains(reasonPart));
  }

  private void start(String orderId) {
    PaymentRequest request = anyRequest(orderId, 1000);
    PaymentWorkflow workflow =
        client.newWorkflowStub(
            PaymentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(TemporalNames.paymentWorkflowId(orderId))
                .setTaskQueue(taskQueue)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    WorkflowClient.executeUpdateWithStart(
        workflow::checkout,
        CheckoutRequest.of(request),
        UpdateOptions.<Checkout>newBuilder().setWaitForStage(WorkflowUpdateStage.COMPLETED).build(),
        new WithStartWorkflowOperation<>(workflow::run, request));
  }

  private void paid(String orderId) {
    start(orderId);
    callback(orderId, paidCallback(orderId, 1000));
    awaitStatus(orderId, PaymentStatus.FULFILLED);
  }

  private void callback(String orderId, ProviderCallback callback) {
    inbox.put(callback.notifyId(), callback);
    stub(orderId).providerCallback(callback);
  }

  private PaymentWorkflow stub(String orderId) {
    return client.newWorkflowStub(PaymentWorkflow.class, TemporalNames.paymentWorkflowId(orderId));
  }

  /**
   * A refused update leaves no update, marker, timer or activity in the history. (The test server
   * writes the workflow task that ran the validator; a real server runs it speculatively and writes
   * nothing.)
   */
  private void assertNothingAddedButAWorkflowTask(String orderId, long before) {
    assertThat(
            client
                .fetchHistory(TemporalNames.paymentWorkflowId(orderId))
                .getHistory()
                .getEventsList()
                .stream()
                .skip(before)
                .map(e -> e.getEventType()))
        .allMatch(
            t ->
                t == EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED
                    || t == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED
                    || t == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
  }

  private long historyLength(String orderId) {
    return client
        .fetchHistory(TemporalNames.paymentWorkflowId(orderId))
        .getHistory()
        .getEventsCount();
  }

  private PaymentView result(String orderId) {
    return WorkflowStub.fromTyped(stub(orderId)).getResult(PaymentView.class);
  }

  private PaymentView awaitStatus(String orderId, PaymentStatus status) {
    awaitUntil(() -> stub(orderId).status().status() == status, orderId + " reaching " + status);
    return stub(orderId).status();
  }

  private static void awaitUntil(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
