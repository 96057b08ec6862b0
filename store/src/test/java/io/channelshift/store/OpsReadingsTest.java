package io.channelshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The counts the worker's metrics collector reads, on a database of their own (they count every
 * row, so another test's rows would change them).
 */
class OpsReadingsTest {

  private DataSource db;
  private JdbcTemplate jdbc;

  @BeforeEach
  void freshDatabase() {
    db = TestDatabase.fresh();
    Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
    jdbc = new JdbcTemplate(db);
  }

  @Test
  void anEmptyStoreCountsZeroForEveryOpenStatus() {
    OpsReadings.Snapshot s = new OpsReadings(db, 2).read();

    assertThat(s.openPayments()).containsOnlyKeys(OpsReadings.OPEN_STATUSES);
    assertThat(s.openPayments().values())
        .allSatisfy(
            o -> {
              assertThat(o.count()).isZero();
              assertThat(o.oldestAgeSeconds()).isZero();
            });
    assertThat(s.running()).isEmpty();
    assertThat(s.scopes()).isEmpty();
  }

  @Test
  void countsOpenPayments_pastExpiry_webhooksPendingAndGivenUp_notEndedOnes() {
    payment("a1", "AWAITING_PAYMENT", null, "now() + interval '10 minutes'", "now()");
    payment(
        "a2", "AWAITING_PAYMENT", null, "now() - interval '1 hour'", "now() - interval '2 hours'");
    // expired a minute ago: within the grace the workflow has to close it
    payment("a3", "AWAITING_PAYMENT", null, "now() - interval '1 minute'", "now()");
    payment("p1", "PAID", null, "now()", "now() - interval '30 seconds'");
    payment(
        "p2",
        "PAID",
        "fulfilment webhook not acknowledged within PT24H",
        "now()",
        "now() - interval '1 day'");
    payment("f1", "FULFILLED", null, "now() - interval '3 hours'", "now() - interval '3 hours'");
    payment("c1", "CLOSED", null, "now() - interval '3 hours'", "now() - interval '3 hours'");

    OpsReadings.Snapshot s = new OpsReadings(db, 2).read();

    assertThat(s.openPayments().get("AWAITING_PAYMENT").count()).isEqualTo(3);
    assertThat(s.openPayments().get("AWAITING_PAYMENT").oldestAgeSeconds())
        .isBetween(7_100.0, 7_300.0);
    assertThat(s.openPayments().get("PAID").count()).isEqualTo(2);
    assertThat(s.openPayments().get("CREATED").count()).isZero();
    assertThat(s.openPayments()).doesNotContainKeys("FULFILLED", "CLOSED");
    assertThat(s.pastExpiry()).isEqualTo(1);
    assertThat(s.webhooksGivenUp()).isEqualTo(1);
    assertThat(s.webhooksPending()).isEqualTo(1);
  }

  @Test
  void countsDiscrepanciesOpenAndRepairing_perChannel_notSettledOnes() {
    discrepancy("legacy", "t1", "OPEN");
    discrepancy("legacy", "t2", "OPEN");
    discrepancy("legacy", "t3", "REPAIRING");
    discrepancy("nova", "t4", "RESOLVED");
    discrepancy("nova", "t5", "REPAIRED");

    OpsReadings.Snapshot s = new OpsReadings(db, 2).read();

    assertThat(s.discrepanciesOpen()).containsOnly(java.util.Map.entry("legacy", 2L));
    assertThat(s.repairsPending()).containsOnly(java.util.Map.entry("legacy", 1L));
  }

  @Test
  void runningMigrations_scopes_rollbacksPerScope_andChannelStates() {
    new RoutingStore(db).ensureInitial("all", "legacy", "test");
    new RoutingStore(db).ensureInitial("b2b", "legacy", "test");
    for (int i = 0; i < 3; i++) { // versions of each scope's table count once
      jdbc.update(
          "insert into routing_tables (scope, weights_bps, created_by) values (?, ?::jsonb, 't')",
          i % 2 == 0 ? "all" : "b2b",
          "{\"legacy\":10000}");
    }
    migration("m-1", "topup", null, null);
    migration("m-0", "topup", "now()", "ROLLED_BACK: by carol: drill");
    migration("m-2", "vip", "now()", "COMPLETED: baked");
    jdbc.update(
        "insert into channel_states (channel, state, reason, changed_by, changed_at)"
            + " values ('nova', 'DRAINING', 'r', 'alice', now())");

    OpsReadings.Snapshot s = new OpsReadings(db, 2).read();

    assertThat(s.running()).containsExactly(new OpsReadings.RunningMigration("m-1", "topup"));
    assertThat(s.scopes()).containsExactlyInAnyOrder("all", "b2b", "topup", "vip");
    assertThat(s.rollbacksByScope())
        .containsOnly(
            java.util.Map.entry("all", 0L),
            java.util.Map.entry("b2b", 0L),
            java.util.Map.entry("topup", 1L),
            java.util.Map.entry("vip", 0L));
    assertThat(s.channelStates()).containsOnly(java.util.Map.entry("nova", "DRAINING"));
  }

  private void payment(
      String orderId, String status, String reason, String expiresAt, String updatedAt) {
    jdbc.update(
        "insert into payments (order_id, user_id, amount_minor, currency, product_type, channel,"
            + " routing_version, status, status_reason, expires_at, updated_at)"
            + " values (?, 'u', 100, 'CNY', 'game_card', 'legacy', 1, ?, ?, "
            + expiresAt
            + ", "
            + updatedAt
            + ")",
        orderId,
        status,
        reason);
  }

  private void discrepancy(String channel, String reference, String status) {
    jdbc.update(
        "insert into discrepancies (channel, business_day, kind, reference, detail, status)"
            + " values (?, current_date, 'MISSING_IN_LEDGER', ?, 'd', ?)",
        channel,
        reference,
        status);
  }

  private void migration(String id, String scope, String endedAt, String outcome) {
    jdbc.update(
        "insert into migrations (migration_id, scope, from_channel, to_channel, plan, started_by,"
            + " ended_at, outcome) values (?, ?, 'legacy', 'nova', '{}'::jsonb, 'alice', "
            + (endedAt == null ? "null" : endedAt)
            + ", ?)",
        id,
        scope,
        outcome);
  }
}
