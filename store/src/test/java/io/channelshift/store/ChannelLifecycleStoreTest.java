package io.channelshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.channel.ChannelChange;
import io.channelshift.channel.ChannelState;
import io.channelshift.channel.LifecycleAction;
import io.channelshift.payment.CreateOrderCommand;
import io.channelshift.payment.PaymentStatus;
import io.channelshift.routing.Router;
import io.channelshift.routing.RoutingTable;
import io.channelshift.store.ChannelLifecycleStore.Changed;
import io.channelshift.store.ChannelLifecycleStore.HistoryEntry;
import io.channelshift.store.ChannelLifecycleStore.Outcome;
import io.channelshift.store.ChannelLifecycleStore.Refused;
import io.channelshift.store.PaymentStore.RouteClaim;
import io.channelshift.store.RoutingDecisions.Confirmation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Channel lifecycle in the store. The database is shared by every test of the JVM, so each test
 * names channels and scopes of its own.
 */
class ChannelLifecycleStoreTest {

  private static final Duration HOUR = Duration.ofHours(1);

  private final DataSource db = TestDatabase.get();
  private final ChannelLifecycleStore lifecycle = new ChannelLifecycleStore(db);
  private final RoutingStore routing = new RoutingStore(db);
  private final PaymentStore payments = new PaymentStore(db);

  private final String channel = "ch-" + UUID.randomUUID();
  private final String backup = "bk-" + UUID.randomUUID();
  private final String scope = "scope-" + UUID.randomUUID();

  private Outcome ask(String name, LifecycleAction action) {
    return lifecycle.change(
        new ChannelChange(name, action, "why " + action, "alice (key eng)"), HOUR);
  }

  private RoutingTable withBackup() {
    return routing.write(
        scope, Map.of(channel, RoutingTable.FULL), null, List.of(backup), "test", "t");
  }

  @Nested
  class Transitions {

    @Test
    void aChannelNobodyChangedIsActive() {
      assertThat(lifecycle.status(channel).state()).isEqualTo(ChannelState.ACTIVE);
      assertThat(lifecycle.history(channel, 10)).isEmpty();
    }

    @Test
    void drainIsRecordedWithReasonWhoAndWhen_andActivateBringsItBack() {
      withBackup();
      Outcome drained = ask(channel, LifecycleAction.DRAIN);

      assertThat(drained).isInstanceOf(Changed.class);
      assertThat(lifecycle.status(channel).state()).isEqualTo(ChannelState.DRAINING);
      assertThat(lifecycle.status(channel).reason()).isEqualTo("why DRAIN");
      assertThat(lifecycle.status(channel).changedBy()).isEqualTo("alice (key eng)");
      assertThat(lifecycle.status(channel).changedAtEpochMs()).isPositive();
      assertThat(routing.notActiveChannels()).contains(channel);

      assertThat(ask(channel, LifecycleAction.ACTIVATE)).isInstanceOf(Changed.class);
      assertThat(lifecycle.status(channel).state()).isEqualTo(ChannelState.ACTIVE);
      assertThat(routing.notActiveChannels()).doesNotContain(channel);
      assertThat(lifecycle.history(channel, 10))
          .extracting(HistoryEntry::from, HistoryEntry::to)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(ChannelState.DRAINING, ChannelState.ACTIVE),
              org.assertj.core.groups.Tuple.tuple(ChannelState.ACTIVE, ChannelState.DRAINING));
    }

    @Test
    void aRequestTheRuleRefusesChangesNothing() {
      withBackup();
      assertThat(ask(channel, LifecycleAction.ACTIVATE))
          .isInstanceOfSatisfying(
              Refused.class, r -> assertThat(r.why()).contains("already ACTIVE"));
      assertThat(ask(channel, LifecycleAction.RETIRE))
          .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.why()).contains("drain it"));
      ask(channel, LifecycleAction.DRAIN);
      assertThat(ask(channel, LifecycleAction.DRAIN))
          .isInstanceOfSatisfying(
              Refused.class, r -> assertThat(r.why()).contains("already DRAINING"));
      assertThat(lifecycle.history(channel, 10)).hasSize(1);
    }

    @Test
    void drainingTheOnlyChannelAScopeCanRouteTo_isRefusedNamingTheScope() {
      routing.write(scope, Map.of(channel, RoutingTable.FULL), null, "test", "no backups");

      assertThat(ask(channel, LifecycleAction.DRAIN))
          .isInstanceOfSatisfying(
              Refused.class, r -> assertThat(r.why()).contains(scope).contains("no ACTIVE"));
      assertThat(lifecycle.status(channel).state()).isEqualTo(ChannelState.ACTIVE);
    }

    @Test
    void drainingTheBackupThatCarriesADrainedChannelsTraffic_isRefused() {
      withBackup();
      assertThat(ask(channel, LifecycleAction.DRAIN)).isInstanceOf(Changed.class);

      assertThat(ask(backup, LifecycleAction.DRAIN))
          .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.why()).contains(scope));
      assertThat(lifecycle.status(backup).state()).isEqualTo(ChannelState.ACTIVE);
    }

    @Test
    void aBackupThatIsItselfDraining_doesNotCount() {
      String other = "scope-" + UUID.randomUUID();
      routing.write(other, Map.of(backup, RoutingTable.FULL), null, List.of(channel), "t", "t");
      withBackup();
      assertThat(ask(backup, LifecycleAction.DRAIN)).isInstanceOf(Changed.class);

      assertThat(ask(channel, LifecycleAction.DRAIN))
          .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.why()).contains(scope));
    }
  }

  @Nested
  class Routing {

    @Test
    void aDecisionOnADrainedChannelIsStaleAtClaim_andMovesToTheFirstActiveBackup() {
      RoutingTable table = withBackup();
      CreateOrderCommand decided = RoutingStoreTest.command(scope, channel, table.version());
      ask(channel, LifecycleAction.DRAIN);

      Confirmation stale = RoutingDecisions.confirm(payments, routing, decided);
      assertThat(stale.outcome()).isEqualTo(RouteClaim.STALE);
      assertThat(stale.notActive()).contains(channel);

      ActiveRoute again =
          RoutingDecisions.avoidingInactive(
              stale.inForce(),
              Router.decide(stale.inForce(), decided.userId()),
              c -> !stale.notActive().contains(c));
      assertThat(again)
          .isInstanceOfSatisfying(
              ActiveRoute.Routed.class,
              r -> {
                assertThat(r.route().channel()).isEqualTo(backup);
                assertThat(r.route().tableVersion()).isEqualTo(table.version());
                assertThat(r.movedFrom()).isEqualTo(channel);
              });
      assertThat(payments.claimRoute(decided.withRoute(backup, table.version())).outcome())
          .isEqualTo(RouteClaim.CLAIMED);
    }

    @Test
    void theStartersCacheHearsADrainAndDecidesOnTheBackup_withoutAskingTheDatabase()
        throws Exception {
      RoutingTable table = withBackup();
      try (RoutingCache cache = new RoutingCache(db, routing).start()) {
        assertThat(cache.active(channel)).isTrue();
        ask(channel, LifecycleAction.DRAIN);

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (cache.active(channel) && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }

        assertThat(cache.active(channel)).isFalse();
        assertThat(RoutingDecisions.decideOnActive(cache, scope, "any-user"))
            .get()
            .isInstanceOfSatisfying(
                ActiveRoute.Routed.class,
                r -> {
                  assertThat(r.route().channel()).isEqualTo(backup);
                  assertThat(r.route().tableVersion()).isEqualTo(table.version());
                });
        ask(channel, LifecycleAction.ACTIVATE);
        deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!cache.active(channel) && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        assertThat(RoutingDecisions.decideOnActive(cache, scope, "any-user"))
            .get()
            .isInstanceOfSatisfying(
                ActiveRoute.Routed.class, r -> assertThat(r.route().channel()).isEqualTo(channel));
      }
    }

    @Test
    void withNoActiveAlternative_thereIsNoRoute() {
      RoutingTable table = withBackup();
      ActiveRoute none =
          RoutingDecisions.avoidingInactive(table, Router.decide(table, "u"), c -> false);
      assertThat(none)
          .isInstanceOfSatisfying(
              ActiveRoute.NoActiveChannel.class,
              n -> assertThat(n.detail()).contains(channel).contains(scope));
    }
  }

  @Nested
  class Retiring {

    @Test
    void isRefusedListingWhatIsOpen_thenAllowedOnceNothingIs() {
      RoutingTable table = withBackup();
      CreateOrderCommand inFlight = RoutingStoreTest.command(scope, channel, table.version());
      CreateOrderCommand paid = RoutingStoreTest.command(scope, channel, table.version());
      CreateOrderCommand failed = RoutingStoreTest.command(scope, channel, table.version());
      payments.claimRoute(inFlight);
      payments.claimRoute(paid);
      payments.claimRoute(failed);
      payments.recordStatus(paid.orderId(), PaymentStatus.FULFILLED, null);
      payments.recordStatus(failed.orderId(), PaymentStatus.FAILED, "refused");
      ask(channel, LifecycleAction.DRAIN);

      Outcome refused = ask(channel, LifecycleAction.RETIRE);

      assertThat(refused)
          .isInstanceOfSatisfying(
              Refused.class,
              r -> {
                assertThat(r.open().notEnded()).isEqualTo(1);
                assertThat(r.open().inAfterSales()).isEqualTo(1);
                assertThat(r.open().someOrderIds())
                    .containsExactlyInAnyOrder(inFlight.orderId(), paid.orderId());
                assertThat(r.open().lastWindowEndsAtEpochMs())
                    .isGreaterThan(System.currentTimeMillis() + HOUR.toMillis() - 60_000);
                assertThat(r.why()).contains("2 payment(s)").contains(inFlight.orderId());
              });
      assertThat(lifecycle.status(channel).state()).isEqualTo(ChannelState.DRAINING);

      payments.recordStatus(inFlight.orderId(), PaymentStatus.CLOSED, "expired");
      // the paid one is still in its window
      assertThat(lifecycle.open(channel, HOUR).total()).isEqualTo(2);
      assertThat(lifecycle.open(channel, Duration.ZERO).total()).isZero();
      assertThat(
              lifecycle.change(
                  new ChannelChange(channel, LifecycleAction.RETIRE, "gone", "bob"), Duration.ZERO))
          .isInstanceOf(Changed.class);
      assertThat(lifecycle.status(channel).state()).isEqualTo(ChannelState.RETIRED);
    }
  }

  @Nested
  class Races {

    @Test
    void twentyConcurrentDrainsAndActivates_leaveOneConsistentHistory() throws Exception {
      withBackup();
      ExecutorService pool = Executors.newFixedThreadPool(20);
      List<Future<Outcome>> results = new ArrayList<>();
      try {
        for (int i = 0; i < 20; i++) {
          LifecycleAction action = i % 2 == 0 ? LifecycleAction.DRAIN : LifecycleAction.ACTIVATE;
          results.add(pool.submit(() -> ask(channel, action)));
        }
        long changed = 0;
        for (Future<Outcome> f : results) {
          if (f.get() instanceof Changed) {
            changed++;
          }
        }
        List<HistoryEntry> history = lifecycle.history(channel, 100);
        assertThat(history).hasSize((int) changed);
        assertThat(changed).isPositive();
        // newest first: each change left the state the one before it reached
        for (int i = 0; i + 1 < history.size(); i++) {
          assertThat(history.get(i).from()).isEqualTo(history.get(i + 1).to());
        }
        assertThat(history.get(history.size() - 1).from()).isEqualTo(ChannelState.ACTIVE);
        assertThat(lifecycle.status(channel).state()).isEqualTo(history.get(0).to());
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    void aClaimRacingADrain_isEitherRecordedBeforeItOrMoved() throws Exception {
      RoutingTable table = withBackup();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<PaymentStore.Claim>> claims = new ArrayList<>();
      List<CreateOrderCommand> commands = new ArrayList<>();
      try {
        for (int i = 0; i < 40; i++) {
          CreateOrderCommand c = RoutingStoreTest.command(scope, channel, table.version());
          commands.add(c);
          claims.add(pool.submit(() -> payments.claimRoute(c)));
          if (i == 20) {
            ask(channel, LifecycleAction.DRAIN);
          }
        }
        for (int i = 0; i < claims.size(); i++) {
          RouteClaim outcome = claims.get(i).get().outcome();
          if (i > 20) { // asked after the drain had committed
            assertThat(outcome).isEqualTo(RouteClaim.STALE);
          }
        }
        long drainedAt = lifecycle.status(channel).changedAtEpochMs();
        Long lateOnChannel =
            new org.springframework.jdbc.core.JdbcTemplate(db)
                .queryForObject(
                    "select count(*) from payments where channel = ? and created_at >= ?",
                    Long.class,
                    channel,
                    new java.sql.Timestamp(drainedAt));
        assertThat(lateOnChannel).isZero();
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
