package io.channelshift.starter.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.channelshift.payment.CloseRequest;
import io.channelshift.payment.CreateOrderCommand;
import io.channelshift.payment.CreateOrderResult;
import io.channelshift.payment.PaymentActivities;
import io.channelshift.payment.PaymentRequest;
import io.channelshift.payment.PaymentStatus;
import io.channelshift.payment.PaymentTiming;
import io.channelshift.payment.PaymentWorkflowImpl;
import io.channelshift.payment.ProviderOrderState;
import io.channelshift.payment.ProviderOutcome;
import io.channelshift.payment.RiskDecision;
import io.channelshift.payment.RouteDecision;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.starter.web.BoundedWaits;
import io.channelshift.temporal.TemporalNames;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * The REST start waits a bounded time for the pay URL, even when no worker is there to answer; the
 * platform's close a bounded time for the provider.
 */
class PaymentGatewayTest {

  /** Every order of these tests is on legacy, as the ledger would say. */
  private static final Function<String, Optional<String>> LEGACY = orderId -> Optional.of("legacy");

  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    for (var key : TemporalNames.CUSTOM_SEARCH_ATTRIBUTES) {
      env.registerSearchAttribute(
          key.getName(),
          key.getValueType() == IndexedValueType.INDEXED_VALUE_TYPE_INT
              ? IndexedValueType.INDEXED_VALUE_TYPE_INT
              : IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void givenNoWorker_startAnswers503WithinTheCheckoutTimeout() {
    env.start(); // no worker polls the payment task queue
    PaymentGateway gateway =
        new PaymentGateway(env.getWorkflowClient(), Duration.ofMillis(500), LEGACY);
    PaymentRequest request =
        new PaymentRequest(
            "o-1",
            "u",
            100,
            "CNY",
            "topup",
            "s",
            null,
            new RouteDecision("legacy", 1, 5),
            PaymentTiming.DEFAULT);

    long began = System.nanoTime();
    assertThatThrownBy(() -> gateway.start(request))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> {
              assertThat(p.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
              assertThat(p.getMessage()).contains("send the same request again");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
    gateway.stop();
  }

  @Test
  void aCallWhoseCallerHasGone_holdsNoThread() throws Exception {
    env.start(); // no worker: the create would wait for ever
    BoundedWaits waits = new BoundedWaits("Payment", 4, Duration.ofMillis(300));
    PaymentGateway gateway = new PaymentGateway(env.getWorkflowClient(), waits, LEGACY);

    for (int i = 0; i < 3; i++) {
      PaymentRequest request =
          new PaymentRequest(
              "gone-" + i,
              "u",
              100,
              "CNY",
              "topup",
              "s",
              null,
              new RouteDecision("legacy", 1, 5),
              PaymentTiming.DEFAULT);
      assertThatThrownBy(() -> gateway.start(request))
          .isInstanceOfSatisfying(
              ApiProblem.class,
              p -> assertThat(p.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
    }

    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (waits.running() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(waits.running())
        .as("calls still holding a thread after their callers got 503")
        .isZero();
    gateway.stop();
  }

  /**
   * nova's provider hangs: its callers fill nova's bulkhead and are turned away at once, legacy's
   * are not.
   */
  @Test
  void oneChannelsOutage_takesNoCapacityFromAnother() throws Exception {
    PaymentActivities activities =
        mock(PaymentActivities.class, withSettings().withoutAnnotations());
    when(activities.assessRisk(any())).thenReturn(RiskDecision.pass());
    CountDownLatch novaAnswers = new CountDownLatch(1);
    when(activities.createOrder(any()))
        .thenAnswer(
            i -> {
              CreateOrderCommand c = i.getArgument(0);
              if (c.channel().equals("nova")) {
                novaAnswers.await();
              }
              return new CreateOrderResult(
                  ProviderOutcome.PROCESSED, "http://pay/" + c.orderId(), "T", "M", null);
            });
    Worker worker = env.newWorker(TemporalNames.PAYMENTS_TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(PaymentWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();
    PaymentGateway gateway =
        new PaymentGateway(
            env.getWorkflowClient(), new BoundedWaits("Payment", 2, Duration.ofSeconds(3)), LEGACY);
    ExecutorService platform = Executors.newFixedThreadPool(2);
    List<Future<?>> waitingOnNova = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      PaymentRequest request =
          new PaymentRequest(
              "nova-" + i,
              "u",
              100,
              "CNY",
              "topup",
              "s",
              null,
              new RouteDecision("nova", 1, 5),
              PaymentTiming.DEFAULT);
      waitingOnNova.add(platform.submit(() -> gateway.start(request)));
    }
    Thread.sleep(300); // both are waiting on nova now

    long began = System.nanoTime();
    assertThatThrownBy(
            () ->
                gateway.start(
                    new PaymentRequest(
                        "nova-2",
                        "u",
                        100,
                        "CNY",
                        "topup",
                        "s",
                        null,
                        new RouteDecision("nova", 1, 5),
                        PaymentTiming.DEFAULT)))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> {
              assertThat(p.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
              assertThat(p.getMessage()).contains("already waiting");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(1));
    assertThat(
            gateway
                .start(
                    new PaymentRequest(
                        "legacy-1",
                        "u",
                        100,
                        "CNY",
                        "topup",
                        "s",
                        null,
                        new RouteDecision("legacy", 1, 5),
                        PaymentTiming.DEFAULT))
                .payUrl())
        .isEqualTo("http://pay/legacy-1");

    novaAnswers.countDown();
    for (Future<?> f : waitingOnNova) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(ApiProblem.class); // 503 past the timeout is fine
      }
    }
    platform.shutdownNow();
    gateway.stop();
  }

  @Test
  void aCloseTheProviderHasNotConfirmed_answers503WithinTheTimeout_andTheCloseGoesOn() {
    PaymentActivities activities =
        mock(PaymentActivities.class, withSettings().withoutAnnotations());
    when(activities.assessRisk(any())).thenReturn(RiskDecision.pass());
    when(activities.createOrder(any()))
        .thenReturn(
            new CreateOrderResult(ProviderOutcome.PROCESSED, "http://pay/o-2", "T-o-2", "M", null));
    CountDownLatch providerAnswers = new CountDownLatch(1);
    when(activities.closeOrder(any()))
        .thenAnswer(
            i -> {
              providerAnswers.await(); // the provider is slow to answer
              return new ProviderOrderState(
                  ProviderOrderState.State.CLOSED, null, "M", 0, null, null);
            });
    Worker worker = env.newWorker(TemporalNames.PAYMENTS_TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(PaymentWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();
    new PaymentGateway(env.getWorkflowClient(), Duration.ofSeconds(30), LEGACY)
        .start(
            new PaymentRequest(
                "o-2",
                "u",
                100,
                "CNY",
                "topup",
                "s",
                null,
                new RouteDecision("legacy", 1, 5),
                PaymentTiming.DEFAULT));

    PaymentGateway gateway =
        new PaymentGateway(env.getWorkflowClient(), Duration.ofMillis(500), LEGACY);
    long began = System.nanoTime();
    assertThatThrownBy(() -> gateway.close("o-2", new CloseRequest("user cancelled")))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> {
              assertThat(p.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
              assertThat(p.getMessage()).contains("closes as soon as it answers");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));

    providerAnswers.countDown();
    assertThat(gateway.close("o-2", new CloseRequest("asked again")).status())
        .isEqualTo(PaymentStatus.CLOSED);
    assertThat(gateway.view("o-2").orElseThrow().notes())
        .contains("closed at the provider, as the platform asked: user cancelled");
    gateway.stop();
  }

  /**
   * Eight creates of one order id with eight amounts, all reaching the payment before its first
   * workflow task (no worker yet, so update-with-start delivers every update in that task): only
   * the one whose request started the payment is answered; the others are refused, whatever the
   * interleaving.
   */
  @Test
  void concurrentCreatesOfOneOrderWithOtherAmounts_onlyTheStartedOneIsAnswered() throws Exception {
    PaymentActivities activities =
        mock(PaymentActivities.class, withSettings().withoutAnnotations());
    when(activities.assessRisk(any())).thenReturn(RiskDecision.pass());
    when(activities.createOrder(any()))
        .thenReturn(
            new CreateOrderResult(ProviderOutcome.PROCESSED, "http://pay/o-3", "T-o-3", "M", null));
    env.start(); // no worker on the payment task queue yet
    PaymentGateway gateway =
        new PaymentGateway(env.getWorkflowClient(), Duration.ofSeconds(30), LEGACY);
    ExecutorService platform = Executors.newFixedThreadPool(8);
    List<Future<?>> creates = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      PaymentRequest request =
          new PaymentRequest(
              "o-3",
              "u",
              100 * i,
              "CNY",
              "topup",
              "s",
              null,
              new RouteDecision("legacy", 1, 5),
              PaymentTiming.DEFAULT);
      creates.add(platform.submit(() -> gateway.start(request)));
    }
    Thread.sleep(
        1_000); // every update is now waiting at the server for the payment's first workflow task

    WorkerFactory late = WorkerFactory.newInstance(env.getWorkflowClient());
    Worker worker = late.newWorker(TemporalNames.PAYMENTS_TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(PaymentWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    late.start();

    int answered = 0;
    int refused = 0;
    for (Future<?> create : creates) {
      try {
        create.get();
        answered++;
      } catch (java.util.concurrent.ExecutionException e) {
        assertThat(e.getCause())
            .isInstanceOfSatisfying(
                ApiProblem.class,
                p -> assertThat(p.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY));
        refused++;
      }
    }
    assertThat(answered).isEqualTo(1);
    assertThat(refused).isEqualTo(7);
    platform.shutdownNow();
    late.shutdownNow();
    gateway.stop();
  }
}
