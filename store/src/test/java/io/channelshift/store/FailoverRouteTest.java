package io.channelshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.channel.ChannelChange;
import io.channelshift.channel.LifecycleAction;
import io.channelshift.payment.CreateOrderCommand;
import io.channelshift.payment.PaymentStatus;
import io.channelshift.payment.RefundCommand;
import io.channelshift.payment.RefundSettlement;
import io.channelshift.payment.RefundStatus;
import io.channelshift.payment.RouteDecision;
import io.channelshift.routing.RoutingTable;
import io.channelshift.store.PaymentStore.RouteClaim;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Failover at create: the next backup of the table in force, recorded once, in the payment's row.
 */
class FailoverRouteTest {

  private final DataSource db = TestDatabase.get();
  private final RoutingStore routing = new RoutingStore(db);
  private final PaymentStore payments = new PaymentStore(db);
  private final FailoverStore failovers = new FailoverStore(db);

  private final String scope = "scope-" + UUID.randomUUID();

  /** A payment claimed on {@code legacy} under a table whose backups are {@code backups}. */
  private CreateOrderCommand claimedOnLegacy(List<String> backups) {
    RoutingTable table =
        routing.write(scope, Map.of("legacy", 10_000), null, backups, "test", "backups");
    CreateOrderCommand c = RoutingStoreTest.command(scope, "legacy", table.version());
    assertThat(payments.claimRoute(c).outcome()).isEqualTo(RouteClaim.CLAIMED);
    return c;
  }

  @Nested
  class Moving {

    @Test
    void aBackupThatTakesNoNewPaymentsIsPassedOver_forTheNextOneThatDoes() {
      String drained = "drained-" + UUID.randomUUID();
      String next = "next-" + UUID.randomUUID();
      CreateOrderCommand c = claimedOnLegacy(List.of(drained, next));
      assertThat(
              new ChannelLifecycleStore(db)
                  .change(
                      new ChannelChange(drained, LifecycleAction.DRAIN, "frozen", "alice"),
                      Duration.ofHours(1)))
          .isInstanceOf(ChannelLifecycleStore.Changed.class);

      Optional<RouteDecision> moved =
          RoutingDecisions.failoverRoute(failovers, routing, c.orderId(), "legacy", "unavailable");

      assertThat(moved).map(RouteDecision::channel).contains(next);
      assertThat(payments.find(c.orderId()).orElseThrow().channel()).isEqualTo(next);
    }

    @Test
    void aPaymentMovesToTheFirstBackup_andItsRowNamesTheNewChannel() {
      CreateOrderCommand c = claimedOnLegacy(List.of("nova", "third"));

      Optional<RouteDecision> moved =
          RoutingDecisions.failoverRoute(failovers, routing, c.orderId(), "legacy", "unavailable");

      assertThat(moved).map(RouteDecision::channel).contains("nova");
      assertThat(payments.find(c.orderId()).orElseThrow().channel()).isEqualTo("nova");
      assertThat(failovers.abandonedChannels(c.orderId())).containsExactly("legacy");
    }

    @Test
    void aSecondFailureMovesOnToTheNextBackup_neverBackToAChannelLeft() {
      CreateOrderCommand c = claimedOnLegacy(List.of("nova", "legacy", "third"));
      RoutingDecisions.failoverRoute(failovers, routing, c.orderId(), "legacy", "transport");

      Optional<RouteDecision> again =
          RoutingDecisions.failoverRoute(failovers, routing, c.orderId(), "nova", "restricted");

      assertThat(again).map(RouteDecision::channel).contains("third");
      assertThat(failovers.abandonedChannels(c.orderId()))
          .containsExactlyInAnyOrder("legacy", "nova");
      assertThat(
              RoutingDecisions.failoverRoute(failovers, routing, c.orderId(), "third", "timeout"))
          .isEmpty();
      assertThat(payments.find(c.orderId()).orElseThrow().channel()).isEqualTo("third");
    }

    @Test
    void withoutABackupThePaymentStaysWhereItIs() {
      CreateOrderCommand c = claimedOnLegacy(List.of());

      assertThat(RoutingDecisions.failoverRoute(failovers, routing, c.orderId(), "legacy", "x"))
          .isEmpty();
      assertThat(payments.find(c.orderId()).orElseThrow().channel()).isEqualTo("legacy");
      assertThat(failovers.abandonedChannels(c.orderId())).isEmpty();
    }

    @Test
    void theMoveIsOnTheTableInForce_notTheOneThePaymentWasClaimedOn() {
      CreateOrderCommand c = claimedOnLegacy(List.of("nova"));
      RoutingTable newer =
          routing.write(scope, Map.of("legacy", 10_000), null, List.of("third"), "test", "newer");

      Optional<RouteDecision> moved =
          RoutingDecisions.failoverRoute(failovers, routing, c.orderId(), "legacy", "restricted");

      assertThat(moved).contains(new RouteDecision("third", newer.version(), moved.get().bucket()));
      assertThat(payments.find(c.orderId()).orElseThrow().routingVersion())
          .isEqualTo(newer.version());
    }

    @Test
    void aMoveChosenOnAReplacedTableIsStale_andChangesNothing() {
      CreateOrderCommand c = claimedOnLegacy(List.of("nova"));
      routing.write(scope, Map.of("legacy", 10_000), null, List.of("third"), "test", "newer");

      assertThat(failovers.move(c.orderId(), "legacy", "nova", c.routingVersion(), "x"))
          .isEqualTo(FailoverStore.Moved.STALE);
      assertThat(payments.find(c.orderId()).orElseThrow().channel()).isEqualTo("legacy");
      assertThat(failovers.abandonedChannels(c.orderId())).isEmpty();
    }
  }

  @Test
  void moneyRefundedAtTheChannelLeftIsInTheLedgerOnThatChannel_andLeavesThePaymentsTotals() {
    CreateOrderCommand c = claimedOnLegacy(List.of("nova"));
    RoutingDecisions.failoverRoute(failovers, routing, c.orderId(), "legacy", "transport");
    RefundCommand back =
        new RefundCommand(c.orderId(), "auto~left", "legacy", 1000, "CNY", "paid at legacy", true);
    payments.insertRefund(back);

    payments.settleRefund(
        new RefundSettlement(
            c.orderId(),
            "auto~left",
            RefundStatus.SUCCEEDED,
            null,
            0,
            PaymentStatus.AWAITING_PAYMENT));

    assertThat(
            new org.springframework.jdbc.core.JdbcTemplate(db)
                .queryForObject(
                    "select channel from ledger_entries where order_id = ? and entry_type = 'REFUND'",
                    String.class,
                    c.orderId()))
        .isEqualTo("legacy");
    StoredPayment row = payments.find(c.orderId()).orElseThrow();
    assertThat(row.channel()).isEqualTo("nova");
    assertThat(row.refundedAmountMinor()).isZero();
  }

  @Nested
  class RetriedAndRacing {

    @Test
    void aRetriedMoveAnswersTheSameRoute_andRecordsOneMove() {
      CreateOrderCommand c = claimedOnLegacy(List.of("nova", "third"));

      Optional<RouteDecision> first =
          RoutingDecisions.failoverRoute(failovers, routing, c.orderId(), "legacy", "timeout");
      Optional<RouteDecision> retried =
          RoutingDecisions.failoverRoute(failovers, routing, c.orderId(), "legacy", "timeout");

      assertThat(retried).isEqualTo(first);
      assertThat(failovers.abandonedChannels(c.orderId())).containsExactly("legacy");
      assertThat(payments.find(c.orderId()).orElseThrow().channel()).isEqualTo("nova");
    }

    @Test
    void attemptsAtOnceAllAnswerOneRoute_andOneMoveIsRecorded() throws Exception {
      CreateOrderCommand c = claimedOnLegacy(List.of("nova", "third"));
      int attempts = 8;
      ExecutorService pool = Executors.newFixedThreadPool(attempts);
      CountDownLatch go = new CountDownLatch(1);
      try {
        List<Future<Optional<RouteDecision>>> answers = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
          Callable<Optional<RouteDecision>> attempt =
              () -> {
                go.await();
                return RoutingDecisions.failoverRoute(
                    failovers, routing, c.orderId(), "legacy", "transport");
              };
          answers.add(pool.submit(attempt));
        }
        go.countDown();
        for (Future<Optional<RouteDecision>> answer : answers) {
          assertThat(answer.get()).map(RouteDecision::channel).contains("nova");
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(failovers.abandonedChannels(c.orderId())).containsExactly("legacy");
    }

    @Test
    void aMoveRacingATableWriteLandsOnTheTableInForceWhenItCommits() throws Exception {
      for (int round = 0; round < 5; round++) {
        CreateOrderCommand c = claimedOnLegacy(List.of("nova"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
          Future<RoutingTable> write =
              pool.submit(
                  () -> {
                    go.await();
                    return routing.write(
                        scope, Map.of("legacy", 10_000), null, List.of("nova"), "test", "race");
                  });
          Future<Optional<RouteDecision>> move =
              pool.submit(
                  () -> {
                    go.await();
                    return RoutingDecisions.failoverRoute(
                        failovers, routing, c.orderId(), "legacy", "unavailable");
                  });
          go.countDown();
          RoutingTable written = write.get();
          RouteDecision moved = move.get().orElseThrow();
          // Either the move came first (on the claim's table) or after the write (on the new one);
          // never on a table already replaced when it committed.
          assertThat(moved.tableVersion()).isIn(c.routingVersion(), written.version());
          assertThat(payments.find(c.orderId()).orElseThrow().routingVersion())
              .isEqualTo(moved.tableVersion());
        } finally {
          pool.shutdownNow();
        }
      }
    }
  }
}
