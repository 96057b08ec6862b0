package io.channelshift.activities.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.channel.ChannelChange;
import io.channelshift.channel.LifecycleAction;
import io.channelshift.payment.CreateOrderCommand;
import io.channelshift.payment.RouteDecision;
import io.channelshift.routing.RoutingTable;
import io.channelshift.store.ChannelLifecycleStore;
import io.channelshift.store.PaymentStore;
import io.channelshift.store.RoutingStore;
import io.channelshift.store.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A payment decided on a table that was replaced before it was recorded moves to the table in
 * force.
 */
class RouteClaimsTest {

  private final DataSource db = TestDatabase.get();
  private final RoutingStore routing = new RoutingStore(db);
  private final PaymentStore payments = new PaymentStore(db);
  private final RouteClaims claims = new RouteClaims(payments, routing);
  private final JdbcTemplate jdbc = new JdbcTemplate(db);
  private final String productType = "pt-" + UUID.randomUUID();

  @Test
  void aPaymentOnTheTableInForceKeepsItsRoute() {
    RoutingTable v1 = routing.write(productType, Map.of("legacy", 10_000), null, "test", "v1");

    assertThat(claims.claim(command("legacy", v1.version()))).isNull();
  }

  @Test
  void aPaymentDecidedBeforeARollbackIsRecordedOnTheRolledBackTable() {
    RoutingTable ramp =
        routing.write(productType, Map.of("legacy", 5_000, "nova", 5_000), "nova", "test", "ramp");
    RoutingTable rollback =
        routing.write(productType, Map.of("legacy", 10_000), null, "test", "rollback");
    CreateOrderCommand decidedOnRamp = command("nova", ramp.version());

    RouteDecision moved = claims.claim(decidedOnRamp);

    assertThat(moved.channel()).isEqualTo("legacy");
    assertThat(moved.tableVersion()).isEqualTo(rollback.version());
    assertThat(payments.find(decidedOnRamp.orderId()).orElseThrow().channel()).isEqualTo("legacy");
    // A retry of the same create keeps the route the first attempt recorded.
    assertThat(claims.claim(decidedOnRamp)).isEqualTo(moved);
  }

  /**
   * A claim that arrives while the rollback's table is being written (its transaction begun, not
   * yet committed) must not be recorded on the table being replaced: it waits for the rollback and
   * moves with it. The test holds the rollback in the middle of its write by holding a lock its
   * insert needs.
   */
  @Test
  void aClaimArrivingWhileARollbackIsWrittenWaitsForItAndMovesWithIt() throws Exception {
    RoutingTable ramp =
        routing.write(productType, Map.of("legacy", 5_000, "nova", 5_000), "nova", "test", "ramp");
    CreateOrderCommand decidedOnRamp = command("nova", ramp.version());
    CompletableFuture<RoutingTable> rollback;
    CompletableFuture<RouteDecision> claim;
    try (Connection holder = db.getConnection()) {
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.execute(
            "lock table routing_tables in share mode"); // the rollback's insert waits for this
      }
      rollback =
          CompletableFuture.supplyAsync(
              () -> routing.write(productType, Map.of("legacy", 10_000), null, "test", "rollback"));
      await(
          "the rollback's write to be under way",
          () -> waiting("relation = 'routing_tables'::regclass"));
      claim = CompletableFuture.supplyAsync(() -> claims.claim(decidedOnRamp));
      await("the claim to end or wait", () -> claim.isDone() || waiting("locktype = 'advisory'"));
      holder.rollback();
    }
    RoutingTable rolledBack = rollback.get(10, TimeUnit.SECONDS);
    RouteDecision moved = claim.get(10, TimeUnit.SECONDS);

    assertThat(moved).as("the claim moved with the rollback").isNotNull();
    assertThat(moved.channel()).isEqualTo("legacy");
    assertThat(moved.tableVersion()).isEqualTo(rolledBack.version());
    assertThat(payments.find(decidedOnRamp.orderId()).orElseThrow().channel()).isEqualTo("legacy");
    // what the drill counts: nothing on nova recorded after the rollback's table
    assertThat(novaPaymentsAfter(rolledBack.version())).isZero();
  }

  /**
   * A claim on the old table that is being recorded when the rollback is written is ordered before
   * it: the write waits for the claim, so that once the rollback is in force no payment can still
   * appear on the channel it left, and the payment's time is before the table's.
   */
  @Test
  void aRollbackWaitsForAClaimUnderWaySoNoPaymentAppearsOnTheOldTableAfterIt() throws Exception {
    RoutingTable ramp =
        routing.write(productType, Map.of("legacy", 5_000, "nova", 5_000), "nova", "test", "ramp");
    CreateOrderCommand decidedOnRamp = command("nova", ramp.version());
    CompletableFuture<RouteDecision> claim;
    CompletableFuture<Boolean> recordedWhenRolledBack;
    CompletableFuture<RoutingTable> rollback;
    try (Connection holder = db.getConnection()) {
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.execute("lock table payments in share mode"); // the claim's insert waits for this
      }
      claim = CompletableFuture.supplyAsync(() -> claims.claim(decidedOnRamp));
      await("the claim to be under way", () -> waiting("relation = 'payments'::regclass"));
      rollback =
          CompletableFuture.supplyAsync(
              () -> routing.write(productType, Map.of("legacy", 10_000), null, "test", "rollback"));
      recordedWhenRolledBack =
          rollback.thenApply(t -> payments.find(decidedOnRamp.orderId()).isPresent());
      await(
          "the rollback to end or wait",
          () -> rollback.isDone() || waiting("locktype = 'advisory'"));
      holder.rollback();
    }
    RoutingTable rolledBack = rollback.get(10, TimeUnit.SECONDS);

    assertThat(claim.get(10, TimeUnit.SECONDS)).as("the claim kept its route").isNull();
    assertThat(recordedWhenRolledBack.get(10, TimeUnit.SECONDS))
        .as("recorded when the rollback was in force")
        .isTrue();
    assertThat(payments.find(decidedOnRamp.orderId()).orElseThrow().channel()).isEqualTo("nova");
    assertThat(novaPaymentsAfter(rolledBack.version())).isZero();
  }

  /**
   * Payments of this test's product type on nova recorded after the given table: the drill's count.
   */
  private long novaPaymentsAfter(long version) {
    Timestamp tableAt =
        jdbc.queryForObject(
            "select created_at from routing_tables where version = ?", Timestamp.class, version);
    return jdbc.queryForObject(
        "select count(*) from payments where product_type = ? and channel = 'nova' "
            + "and created_at > ?",
        Long.class,
        productType,
        tableAt);
  }

  /** True while some session waits for a lock matching the condition (on pg_locks). */
  private boolean waiting(String lockCondition) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "select exists (select 1 from pg_locks where not granted and " + lockCondition + ")",
            Boolean.class));
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(5);
    }
  }

  @Test
  void aPaymentDecidedOnAChannelDrainedSinceMovesToTheFirstActiveBackup() {
    String drained = "drained-" + UUID.randomUUID();
    String backup = "backup-" + UUID.randomUUID();
    RoutingTable table =
        routing.write(
            productType, Map.of(drained, 10_000), null, java.util.List.of(backup), "test", "t");
    CreateOrderCommand decided = command(drained, table.version());
    assertThat(
            new ChannelLifecycleStore(db)
                .change(
                    new ChannelChange(drained, LifecycleAction.DRAIN, "frozen", "eng"),
                    Duration.ZERO))
        .isInstanceOf(ChannelLifecycleStore.Changed.class);

    RouteDecision moved = claims.claim(decided);

    assertThat(moved.channel()).isEqualTo(backup);
    assertThat(moved.tableVersion()).isEqualTo(table.version());
    assertThat(payments.find(decided.orderId()).orElseThrow().channel()).isEqualTo(backup);
  }

  @Test
  void aPaymentWithNoActiveChannelLeftIsRefusedAndNotRecorded() {
    String drained = "drained-" + UUID.randomUUID();
    String backup = "backup-" + UUID.randomUUID();
    RoutingTable table =
        routing.write(
            productType, Map.of(drained, 10_000), null, java.util.List.of(backup), "test", "t");
    CreateOrderCommand decided = command(drained, table.version());
    ChannelLifecycleStore lifecycle = new ChannelLifecycleStore(db);
    lifecycle.change(
        new ChannelChange(drained, LifecycleAction.DRAIN, "frozen", "e"), Duration.ZERO);
    // the backup was the only way out, so draining it too is refused; force it with a direct write
    jdbc.update("insert into channel_states values (?, 'DRAINING', 'test', 'test', now())", backup);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> claims.claim(decided))
        .isInstanceOf(RouteClaims.NoActiveChannelException.class)
        .hasMessageContaining(drained);
    assertThat(payments.find(decided.orderId())).isEmpty();
  }

  @Test
  void aPaymentDecidedOnAChannelDisabledInConfigurationMovesToTheBackup() {
    String disabled = "disabled-" + UUID.randomUUID();
    String backup = "backup-" + UUID.randomUUID();
    RoutingStore configured = new RoutingStore(db, java.util.Set.of(disabled));
    RoutingTable table =
        configured.write(
            productType, Map.of(disabled, 10_000), null, java.util.List.of(backup), "test", "t");
    CreateOrderCommand decided = command(disabled, table.version());

    RouteDecision moved = new RouteClaims(payments, configured).claim(decided);

    assertThat(moved.channel()).isEqualTo(backup);
    assertThat(payments.find(decided.orderId()).orElseThrow().channel()).isEqualTo(backup);
  }

  private CreateOrderCommand command(String channel, long version) {
    return new CreateOrderCommand(
        "o-" + UUID.randomUUID(),
        "user-" + UUID.randomUUID(),
        1000,
        "CNY",
        productType,
        "card",
        "203.0.113.9",
        channel,
        version,
        System.currentTimeMillis() + 60_000);
  }
}
