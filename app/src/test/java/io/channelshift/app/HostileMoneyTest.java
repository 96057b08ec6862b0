package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.demo.DemoScenarios;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.StackOptions;
import io.channelshift.payment.ProviderCallback;
import io.channelshift.temporal.TemporalNames;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Money-level attacks and races against the running stack, as a hostile client or a sloppy platform
 * would try them: the same order created concurrently with other amounts, and a payment callback
 * sent straight to Temporal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileMoneyTest {

  private EmbeddedStack stack;
  private DemoClient api;
  private JdbcTemplate db;

  @BeforeAll
  void start() {
    stack = EmbeddedStack.start(StackOptions.ephemeral(DemoScenarios.TIMING));
    api = new DemoClient(stack);
    db = new JdbcTemplate(stack.dataSource());
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void eightConcurrentCreatesOfOneOrderWithEightAmounts_oneIsAnswered_theOthersRefused()
      throws Exception {
    for (int trial = 0; trial < 5; trial++) {
      String orderId = "race-" + trial;
      ExecutorService platform = Executors.newFixedThreadPool(8);
      List<Future<DemoClient.Reply>> creates = new ArrayList<>();
      for (int i = 1; i <= 8; i++) {
        long amount = 100L * i;
        creates.add(platform.submit(() -> api.createPayment(orderId, "racer", amount)));
      }
      Map<Integer, Integer> byStatus = new TreeMap<>();
      for (Future<DemoClient.Reply> create : creates) {
        byStatus.merge(create.get().status(), 1, Integer::sum);
      }
      platform.shutdown();

      assertThat(byStatus).as("trial %d", trial).isEqualTo(Map.of(201, 1, 422, 7));
      assertThat(
              db.queryForObject(
                  "select count(*) from payments where order_id = ?", Long.class, orderId))
          .isEqualTo(1);
    }
  }

  /**
   * Anyone who can signal the namespace (here a client without our payload codec, as the TypeScript
   * client of the report was) can send {@code providerCallback}; no adapter verified it, so the
   * payment must not be paid.
   */
  @Test
  void aPaidCallbackSignalledStraightToTemporal_doesNotPayTheOrder() {
    assertThat(api.createPayment("forged-signal-1", "mallory", 1000).status()).isEqualTo(201);

    outsider()
        .newUntypedWorkflowStub(TemporalNames.paymentWorkflowId("forged-signal-1"))
        .signal(
            "providerCallback",
            new ProviderCallback(
                "FORGED-SIGNAL-1",
                "M-LEGACY-001",
                "forged-signal-1",
                "FAKE-TRADE",
                "SUCCESS",
                1000,
                "CNY",
                "2026-12-01T00:00:00Z"));

    DemoClient.Reply end =
        api.awaitStatus(
            "forged-signal-1",
            Set.of("CLOSED", "PAID", "FULFILLED"),
            Duration.ofSeconds(30)); // the demo timing expires an unpaid order after 4 s
    assertThat(end.text("status")).isEqualTo("CLOSED");
    assertThat(end.body().path("paidAmountMinor").asLong()).isZero();
    assertThat(end.body().path("notes").toString()).contains("FORGED-SIGNAL-1 was not verified");
    assertThat(api.providerOrder("forged-signal-1").text("status")).isEqualTo("CLOSED");
    assertThat(api.webhookDeliveries("forged-signal-1")).isZero();
  }

  @Test
  void aForgedSignal_doesNotStopTheRealPaymentFromPaying() {
    assertThat(api.createPayment("forged-signal-2", "mallory", 1000).status()).isEqualTo(201);
    outsider()
        .newUntypedWorkflowStub(TemporalNames.paymentWorkflowId("forged-signal-2"))
        .signal(
            "providerCallback",
            new ProviderCallback(
                "FORGED-SIGNAL-2",
                "M-LEGACY-001",
                "forged-signal-2",
                "FAKE-TRADE",
                "SUCCESS",
                1,
                "CNY",
                "2026-12-01T00:00:00Z"));

    api.pay("forged-signal-2", Map.of());

    DemoClient.Reply end =
        api.awaitStatus(
            "forged-signal-2", Set.of("FULFILLED", "ANOMALY", "CLOSED"), Duration.ofSeconds(30));
    assertThat(end.text("status")).isEqualTo("FULFILLED");
    assertThat(end.body().path("paidAmountMinor").asLong()).isEqualTo(1000);
  }

  /**
   * A client of the namespace without our payload codec: what anyone who can reach Temporal could
   * run.
   */
  private WorkflowClient outsider() {
    return WorkflowClient.newInstance(
        stack.client().getWorkflowServiceStubs(),
        WorkflowClientOptions.newBuilder()
            .setNamespace(stack.client().getOptions().getNamespace())
            .build());
  }
}
