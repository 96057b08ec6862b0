package io.channelshift.payment;

import static io.channelshift.payment.PaymentFixtures.anyRequest;
import static io.channelshift.payment.PaymentFixtures.closedState;
import static io.channelshift.payment.PaymentFixtures.created;
import static io.channelshift.payment.PaymentFixtures.notPaid;
import static io.channelshift.payment.PaymentFixtures.paidCallback;
import static io.channelshift.payment.PaymentFixtures.paidState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.channelshift.temporal.TemporalNames;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failover per payment at create, with the activities mocked, on the Temporal test server with time
 * skipping: {@code legacy} cannot take the order, {@code nova} is its scope's next backup.
 */
class PaymentFailoverTest {

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

  private static final RouteDecision TO_NOVA = new RouteDecision("nova", 7, 42);

  private final PaymentActivities activities =
      mock(PaymentActivities.class, withSettings().withoutAnnotations());

  /** Callbacks as each channel's adapter verified them, by channel and notification id. */
  private final Map<String, ProviderCallback> inbox = new ConcurrentHashMap<>();

  private WorkflowClient client;
  private String taskQueue;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
    worker.registerActivitiesImplementations(activities);
    env.start();
    when(activities.assessRisk(any())).thenReturn(RiskDecision.pass());
    when(activities.createOrder(any()))
        .thenAnswer(
            i -> {
              CreateOrderCommand c = i.getArgument(0);
              return c.channel().equals("legacy") ? legacyDown() : created(c.orderId());
            });
    when(activities.failOver(any())).thenReturn(TO_NOVA);
    when(activities.queryOrder(any())).thenReturn(notPaid());
    when(activities.closeOrder(any())).thenReturn(closedState());
    when(activities.refund(any()))
        .thenReturn(new RefundResult(ProviderOutcome.PROCESSED, "R1", null));
    when(activities.verifiedCallback(any()))
        .thenAnswer(
            i -> {
              CallbackRef ref = i.getArgument(0);
              ProviderCallback verified = inbox.get(ref.channel() + "/" + ref.notifyId());
              return verified != null && verified.outTradeNo().equals(ref.orderId())
                  ? verified
                  : null;
            });
  }

  /** legacy's create had no answer: its sandbox answered 503. The order may exist there. */
  private static CreateOrderResult legacyDown() {
    return new CreateOrderResult(
        ProviderOutcome.UNKNOWN,
        null,
        null,
        PaymentFixtures.MERCHANT,
        "provider answered 503",
        null,
        CreateFailure.UNAVAILABLE);
  }

  private static CreateOrderResult refused(CreateFailure kind, String why) {
    return new CreateOrderResult(
        ProviderOutcome.FAILED, null, null, PaymentFixtures.MERCHANT, why, null, kind);
  }

  @Nested
  class MovedToTheBackup {

    @Test
    void givenTheFirstChannelDown_thePaymentIsCreatedAtTheBackup_andThePlatformGetsItsPayUrl() {
      Checkout checkout = start("f-1");

      assertThat(checkout.status()).isEqualTo(PaymentStatus.AWAITING_PAYMENT);
      assertThat(checkout.channel()).isEqualTo("nova");
      assertThat(checkout.payUrl()).isEqualTo("http://sandbox/cashier/f-1");
      verify(activities).failOver(new FailoverCommand("f-1", "legacy", "unavailable"));
      verify(activities)
          .createOrder(argThat(c -> c.channel().equals("nova") && c.routingVersion() == 7));
      // Queried at nova, never at the channel that is down (two minutes of retries there).
      verify(activities, never()).queryOrder(new OrderRef("f-1", "legacy"));

      callback("nova", paidCallback("f-1", 1000));
      PaymentView end = result("f-1");

      assertThat(end.status()).isEqualTo(PaymentStatus.FULFILLED);
      assertThat(end.channel()).isEqualTo("nova");
      assertThat(end.routingVersion()).isEqualTo(7);
      assertThat(end.notes())
          .anyMatch(n -> n.startsWith("legacy could not take the order (unavailable"))
          .anyMatch(n -> n.contains("moved to nova (routing v7)"));
      assertThat(
              WorkflowStub.fromTyped(stub("f-1"))
                  .describe()
                  .getTypedSearchAttributes()
                  .get(TemporalNames.PAYMENT_CHANNEL))
          .isEqualTo("nova");
    }

    @Test
    void givenAChannelThatRefusesEveryOrderOfTheMerchant_nothingIsLeftThereToClose() {
      doReturn(refused(CreateFailure.RESTRICTED, "MERCHANT_RESTRICTED: frozen"))
          .when(activities)
          .createOrder(argThat(c -> c != null && c.channel().equals("legacy")));

      Checkout checkout = start("f-2");
      callback("nova", paidCallback("f-2", 1000));
      PaymentView end = result("f-2");

      assertThat(checkout.channel()).isEqualTo("nova");
      assertThat(end.status()).isEqualTo(PaymentStatus.FULFILLED);
      assertThat(end.notes()).anyMatch(n -> n.contains("no order exists at legacy"));
      verify(activities, never()).closeOrder(new OrderRef("f-2", "legacy"));
    }

    @Test
    void givenTheMoveRetriedByItsActivity_thePaymentMovesOnce() {
      AtomicInteger calls = new AtomicInteger();
      when(activities.failOver(any()))
          .thenAnswer(
              i -> {
                if (calls.incrementAndGet() == 1) {
                  throw new IllegalStateException("store hiccup after the move was recorded");
                }
                return TO_NOVA;
              });

      Checkout checkout = start("f-3");
      callback("nova", paidCallback("f-3", 1000));
      PaymentView end = result("f-3");

      assertThat(checkout.channel()).isEqualTo("nova");
      verify(activities, times(2)).failOver(new FailoverCommand("f-3", "legacy", "unavailable"));
      assertThat(end.notes()).filteredOn(n -> n.contains("moved to nova")).hasSize(1);
      verify(activities, times(1)).createOrder(argThat(c -> c.channel().equals("nova")));
    }
  }

  @Test
  void aMovedPaymentLivesOnItsNewChannel_itsRefundsIncluded() {
    start("f-12");
    callback("nova", paidCallback("f-12", 1000));
    awaitFulfilled("f-12");

    stub("f-12").refund(new RefundRequest("f-12-r", 400, "changed mind"));
    PaymentView end = result("f-12");

    verify(activities)
        .refund(argThat(r -> r.refundId().equals("f-12-r") && r.channel().equals("nova")));
    assertThat(end.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
    assertThat(end.refundedAmountMinor()).isEqualTo(400);
  }

  private void awaitFulfilled(String orderId) {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
    while (stub(orderId).status().status() != PaymentStatus.FULFILLED) {
      assertThat(System.nanoTime()).as(orderId + " fulfilled in time").isLessThan(deadline);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @Nested
  class NeverPaidTwice {

    @Test
    void givenAnUnknownCreate_theOrderLeftAtTheFirstChannelIsClosedThere_askedUntilItAnswers() {
      AtomicInteger closes = new AtomicInteger();
      when(activities.closeOrder(new OrderRef("f-4", "legacy")))
          .thenAnswer(
              i -> {
                if (closes.incrementAndGet() < 3) {
                  throw new IllegalStateException("legacy is still down");
                }
                return closedState();
              });

      start("f-4");
      callback("nova", paidCallback("f-4", 1000));
      PaymentView end = result("f-4");

      assertThat(closes).hasValue(3);
      assertThat(end.status()).isEqualTo(PaymentStatus.FULFILLED);
      assertThat(end.notes()).contains("the order left at legacy is closed there");
      assertThat(end.refunds()).isEmpty();
    }

    @Test
    void givenTheCloseAtTheFirstChannelFindsItPaid_thatMoneyIsRefundedThereAutomatically() {
      when(activities.closeOrder(new OrderRef("f-5", "legacy"))).thenReturn(paidState("f-5", 1000));

      start("f-5");
      callback("nova", paidCallback("f-5", 1000, "N-nova"));
      PaymentView end = result("f-5");

      verify(activities)
          .refund(
              argThat(
                  r -> r.channel().equals("legacy") && r.automatic() && r.amountMinor() == 1000));
      assertThat(end.status()).isEqualTo(PaymentStatus.FULFILLED);
      assertThat(end.refundedAmountMinor()).isZero(); // the payment's own money, at nova, is kept
      assertThat(end.refunds())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.automatic()).isTrue();
                assertThat(r.status()).isEqualTo(RefundStatus.SUCCEEDED);
                assertThat(r.reason()).contains("paid at legacy on the order left there");
              });
    }

    @Test
    void givenAVerifiedCallbackFromTheChannelLeft_itIsBelievedForThisOrder_andRefundedThere() {
      when(activities.closeOrder(new OrderRef("f-6", "legacy"))).thenReturn(paidState("f-6", 1000));
      start("f-6");
      // The user somehow paid the order left at legacy; legacy says so, twice, and the close too.
      callback("legacy", paidCallback("f-6", 1000, "N-legacy"));
      stub("f-6").providerCallback(paidCallback("f-6", 1000, "N-legacy"));
      callback("nova", paidCallback("f-6", 1000, "N-nova"));
      PaymentView end = result("f-6");

      assertThat(end.status()).isEqualTo(PaymentStatus.FULFILLED);
      // One trade at legacy, told by callback (twice) and by the close: refunded once.
      verify(activities, times(1)).refund(argThat(r -> r.channel().equals("legacy")));
      assertThat(end.refunds()).hasSize(1);
    }

    @Test
    void givenTheChannelLeftHadNoOrderYet_itIsAskedAgainAtExpiry_whenALateCreateThereWouldShow() {
      AtomicInteger closes = new AtomicInteger();
      when(activities.closeOrder(new OrderRef("f-11", "legacy")))
          .thenAnswer(
              i ->
                  closes.incrementAndGet() == 1
                      ? new ProviderOrderState(
                          ProviderOrderState.State.NOT_FOUND, null, null, 0, null, null)
                      // the create that had no answer landed after the first close, and was paid
                      : paidState("f-11", 1000));

      start("f-11");
      callback("nova", paidCallback("f-11", 1000, "N-nova"));
      PaymentView end = result("f-11");

      assertThat(closes).hasValue(2);
      assertThat(end.status()).isEqualTo(PaymentStatus.FULFILLED);
      assertThat(end.notes()).anyMatch(n -> n.startsWith("legacy has no order left there yet"));
      verify(activities).refund(argThat(r -> r.channel().equals("legacy") && r.automatic()));
    }

    @Test
    void aCallbackNoAdapterVerifiedIsNotBelieved_evenNamingTheChannelLeft() {
      start("f-7");
      // Signalled straight to Temporal, not in any channel's inbox.
      stub("f-7").providerCallback(paidCallback("f-7", 1000, "N-forged"));
      callback("nova", paidCallback("f-7", 1000, "N-nova"));
      PaymentView end = result("f-7");

      assertThat(end.status()).isEqualTo(PaymentStatus.FULFILLED);
      verify(activities, never()).refund(any());
    }
  }

  @Nested
  class StaysFailed {

    @Test
    void givenARefusalAboutTheOrder_thePaymentFailsWithoutMoving() {
      doReturn(refused(CreateFailure.ORDER, "TOTAL_FEE_EXCEED: amount above the limit"))
          .when(activities)
          .createOrder(any());

      Checkout checkout = start("f-8");
      PaymentView end = result("f-8");

      assertThat(checkout.status()).isEqualTo(PaymentStatus.FAILED);
      assertThat(end.status()).isEqualTo(PaymentStatus.FAILED);
      assertThat(end.channel()).isEqualTo("legacy");
      verify(activities, never()).failOver(any());
    }

    @Test
    void givenNoBackupRemains_thePaymentFailsAsBefore() {
      doReturn(refused(CreateFailure.RESTRICTED, "MERCHANT_RESTRICTED: frozen"))
          .when(activities)
          .createOrder(any());
      when(activities.failOver(any())).thenReturn(null);

      Checkout checkout = start("f-9");
      PaymentView end = result("f-9");

      assertThat(checkout.status()).isEqualTo(PaymentStatus.FAILED);
      assertThat(end.status()).isEqualTo(PaymentStatus.FAILED);
      assertThat(end.channel()).isEqualTo("legacy");
      assertThat(end.notes()).anyMatch(n -> n.contains("no backup channel remains"));
      verify(activities, never()).closeOrder(any());
    }

    @Test
    void givenTheBackupFailsToo_thePaymentFails_andTheOrderLeftAtTheFirstIsStillClosed() {
      doReturn(refused(CreateFailure.RESTRICTED, "NO_AUTH"))
          .when(activities)
          .createOrder(argThat(c -> c != null && c.channel().equals("nova")));
      when(activities.failOver(new FailoverCommand("f-10", "nova", "restricted"))).thenReturn(null);

      Checkout checkout = start("f-10");
      PaymentView end = result("f-10");

      assertThat(checkout.status()).isEqualTo(PaymentStatus.FAILED);
      assertThat(end.status()).isEqualTo(PaymentStatus.FAILED);
      verify(activities).closeOrder(new OrderRef("f-10", "legacy"));
    }
  }

  private Checkout start(String orderId) {
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
    return WorkflowClient.executeUpdateWithStart(
        workflow::checkout,
        CheckoutRequest.of(request),
        UpdateOptions.<Checkout>newBuilder().setWaitForStage(WorkflowUpdateStage.COMPLETED).build(),
        new WithStartWorkflowOperation<>(workflow::run, request));
  }

  /** A callback as {@code channel}'s adapter verified it: in the inbox, then signalled. */
  private void callback(String channel, ProviderCallback callback) {
    inbox.put(channel + "/" + callback.notifyId(), callback);
    stub(callback.outTradeNo()).providerCallback(callback);
  }

  private PaymentWorkflow stub(String orderId) {
    return client.newWorkflowStub(PaymentWorkflow.class, TemporalNames.paymentWorkflowId(orderId));
  }

  private PaymentView result(String orderId) {
    return WorkflowStub.fromTyped(stub(orderId)).getResult(PaymentView.class);
  }
}
