package io.channelshift.activities.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.fees.ChannelFees;
import io.channelshift.payment.CreateOrderCommand;
import io.channelshift.payment.PaymentReceipt;
import io.channelshift.payment.PaymentStatus;
import io.channelshift.payment.RefundCommand;
import io.channelshift.payment.RefundSettlement;
import io.channelshift.payment.RefundStatus;
import io.channelshift.reconciliation.MatchResult;
import io.channelshift.reconciliation.StatementLine;
import io.channelshift.reconciliation.StatementLine.Kind;
import io.channelshift.store.PaymentStore;
import io.channelshift.store.ReconciliationStore;
import io.channelshift.store.TestDatabase;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A seeded day with every kind of difference, matched on a real PostgreSQL: each difference is
 * classified as what it is, nothing that agrees is reported, and matching the day again changes
 * nothing that was settled.
 */
class DiscrepancyMatcherTest {

  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
  private static final Instant NOON = DAY.atTime(12, 0).toInstant(ZoneOffset.UTC);

  private final DataSource dataSource = TestDatabase.get();
  private final JdbcTemplate db = new JdbcTemplate(dataSource);
  private final ReconciliationStore store = new ReconciliationStore(dataSource, ChannelFees.NONE);
  private final DiscrepancyMatcher matcher = new DiscrepancyMatcher(dataSource);
  private String channel;
  private final List<StatementLine> statement = new ArrayList<>();

  @BeforeEach
  void freshChannel() {
    channel = "rc" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void everyKindOfDifferenceIsClassified_andWhatAgreesIsNot() {
    seedTheDay();

    MatchResult result = match();

    assertThat(kinds())
        .containsExactlyInAnyOrderEntriesOf(
            ours(
                Map.ofEntries(
                    Map.entry("T-x", "PROVIDER_PAID_UNKNOWN"),
                    Map.entry("T-other", "PROVIDER_PAID_UNKNOWN"),
                    Map.entry("T-second", "PROVIDER_PAID_UNKNOWN"),
                    Map.entry("T-n1", "PROVIDER_PAID_NOT_PAID"),
                    Map.entry("T-l1", "LEDGER_PAID_MISSING"),
                    Map.entry("T-a1", "AMOUNT_MISMATCH"),
                    Map.entry("T-f1", "FEE_MISMATCH"),
                    Map.entry("refund rf-x", "REFUND_MISMATCH"),
                    Map.entry("refund rl-1", "REFUND_MISMATCH"),
                    Map.entry("refund ra-1", "REFUND_MISMATCH"),
                    Map.entry("refund rfee-1", "FEE_MISMATCH"))));
    assertThat(detail("T-other")).contains("on channel elsewhere");
    assertThat(detail("T-second")).contains("second trade").contains("T-t1");
    assertThat(detail("T-n1")).contains("our payment is CLOSED");
    assertThat(detail("T-a1")).contains("paid 1100 CNY at the provider; our ledger has 1000 CNY");
    assertThat(detail("refund " + channel + "-rl-1"))
        .contains("absent from the provider's statement");
    // 12 lines on the day; m1, its good refund and b1's neighbour are fine, 9 differ on the
    // statement side
    assertThat(result.matched()).isEqualTo(3);
    assertThat(result.discrepancies()).isEqualTo(11);
    assertThat(result.repairable()).isEqualTo(1);
  }

  @Test
  void matchingTheDayAgainRecordsNothingTwice_andSettlesWhatNoLongerDiffers() {
    seedTheDay();
    match();
    Map<String, Long> ids = ids();
    db.update(
        "update discrepancies set status = 'REPAIRING', resolution = 'handed over' where channel = ? "
            + "and reference = 'T-n1'",
        channel);

    MatchResult again = match();
    assertThat(ids()).isEqualTo(ids);
    assertThat(again.discrepancies()).isEqualTo(11);

    // The repaired payment reaches the ledger; someone corrects the amount of a1.
    db.update(
        "insert into ledger_entries (order_id, entry_type, reference, amount_minor, currency, channel) "
            + "values (?, 'PAYMENT', ?, 500, 'CNY', ?)",
        channel + "-n1",
        channel + "-n1",
        channel);
    db.update("update ledger_entries set amount_minor = 1100 where order_id = ?", channel + "-a1");
    MatchResult third = match();

    assertThat(ids()).isEqualTo(ids);
    assertThat(status("T-n1")).isEqualTo("REPAIRED");
    assertThat(status("T-a1")).isEqualTo("RESOLVED");
    assertThat(status("T-x")).isEqualTo("OPEN");
    assertThat(third.discrepancies()).isEqualTo(9);
    assertThat(third.matched()).isEqualTo(5);
    // Settled stays settled: a fourth run changes none of it.
    match();
    assertThat(status("T-n1")).isEqualTo("REPAIRED");
    assertThat(status("T-a1")).isEqualTo("RESOLVED");
  }

  @Test
  void aPersonSettlesAnOpenDiscrepancyAndARerunLeavesItSettled() {
    seedTheDay();
    match();
    long id =
        db.queryForObject(
            "select id from discrepancies where channel = ? and reference = 'T-x'",
            Long.class,
            channel);

    assertThat(store.resolveByHand(id, "alice (key ops)", "booked as a donation"))
        .isEqualTo(ReconciliationStore.Resolution.RESOLVED);
    assertThat(status("T-x")).isEqualTo("RESOLVED");
    assertThat(
            db.queryForObject(
                "select resolution from discrepancies where id = ?", String.class, id))
        .isEqualTo("resolved by alice (key ops): booked as a donation");
    assertThat(
            db.queryForObject(
                "select discrepancies_open from reconciliation_runs where channel = ?",
                Long.class,
                channel))
        .isEqualTo(10);
    assertThat(store.resolveByHand(id, "bob", "again"))
        .isEqualTo(ReconciliationStore.Resolution.ALREADY_SETTLED);
    assertThat(store.resolveByHand(Long.MAX_VALUE, "bob", "?"))
        .isEqualTo(ReconciliationStore.Resolution.NOT_FOUND);

    match(); // the provider still shows the payment: the person's word stands
    assertThat(status("T-x")).isEqualTo("RESOLVED");
  }

  /**
   * Two payments refunded under the same refund id (issue 15): the ledger holds each refund under
   * its own provider number, which is what the provider's statement names, so both statement lines
   * match and neither is reported; a line naming the bare refund id is no refund of ours.
   */
  @Test
  void refundLinesMatchTheRefundsProviderNumber_whenTwoPaymentsShareARefundId() {
    PaymentStore payments = new PaymentStore(dataSource);
    List<String> numbers = new ArrayList<>();
    for (String order : List.of("s1", "s2")) {
      String orderId = channel + "-" + order;
      payments.recordCreated(
          new CreateOrderCommand(
              orderId,
              "u",
              1000,
              "CNY",
              "game_card",
              "x",
              "203.0.113.1",
              channel,
              1,
              System.currentTimeMillis() + 60_000),
          "T-" + orderId,
          "http://pay");
      payments.recordReceipt(
          new PaymentReceipt(
              orderId,
              channel,
              "T-" + orderId,
              1000,
              "CNY",
              NOON.toString(),
              PaymentStatus.PAID,
              null));
      String number =
          payments.insertRefund(new RefundCommand(orderId, "r1", channel, 300, "CNY", null, false));
      payments.settleRefund(
          new RefundSettlement(
              orderId, "r1", RefundStatus.SUCCEEDED, null, 300, PaymentStatus.PARTIALLY_REFUNDED));
      statement.add(
          new StatementLine(
              statement.size() + 1,
              Kind.PAYMENT,
              "T-" + orderId,
              orderId,
              null,
              1000,
              "CNY",
              null,
              NOON));
      statement.add(
          new StatementLine(
              statement.size() + 1,
              Kind.REFUND,
              "T-" + orderId,
              orderId,
              number,
              300,
              "CNY",
              null,
              NOON));
      numbers.add(number);
    }
    statement.add(
        new StatementLine(
            statement.size() + 1,
            Kind.REFUND,
            "T-x",
            channel + "-s1",
            "r1",
            300,
            "CNY",
            null,
            NOON));
    store.startRun(channel, DAY);
    store.stage(channel, DAY, statement);

    match();

    assertThat(numbers).doesNotHaveDuplicates();
    assertThat(kinds()).containsExactly(Map.entry("refund r1", "REFUND_MISMATCH"));
    assertThat(detail("refund r1")).contains("no such refund in our ledger");
  }

  private void seedTheDay() {
    paid("m1", "T-m1", 1000, 6, NOON);
    line(Kind.PAYMENT, "T-m1", "m1", null, 1000, 6L);
    refund("m1", "rm-1", 200, 1L, NOON);
    line(Kind.REFUND, "R-1", "m1", "rm-1", 200, 1L);

    line(Kind.PAYMENT, "T-x", "x-unknown", null, 700, 4L);

    db.update(
        "insert into payments (order_id, user_id, amount_minor, currency, product_type, channel, routing_version, "
            + "status, expires_at) values (?, 'u', 300, 'CNY', 'game_card', 'elsewhere', 1, 'FULFILLED', now())",
        channel + "-other");
    line(Kind.PAYMENT, "T-other", "other", null, 300, 2L);

    payment("n1", null, 500, "CLOSED", null);
    line(Kind.PAYMENT, "T-n1", "n1", null, 500, 3L);

    paid("l1", "T-l1", 800, 5, NOON);

    paid("a1", "T-a1", 1000, 6, NOON);
    line(Kind.PAYMENT, "T-a1", "a1", null, 1100, 6L);

    paid("f1", "T-f1", 1000, 6, NOON);
    line(Kind.PAYMENT, "T-f1", "f1", null, 1000, 7L);

    line(Kind.REFUND, "R-x", "m1", "rf-x", 100, 1L);
    refund("m1", "rl-1", 100, 1L, NOON);

    paid("r2", "T-r2", 5000, 30, NOON);
    line(Kind.PAYMENT, "T-r2", "r2", null, 5000, 30L);
    refund("r2", "ra-1", 500, 3L, NOON);
    line(Kind.REFUND, "R-a", "r2", "ra-1", 400, 3L);
    refund("r2", "rfee-1", 1000, 6L, NOON);
    line(Kind.REFUND, "R-fee", "r2", "rfee-1", 1000, 5L);

    paid("t1", "T-t1", 900, 5, NOON);
    line(Kind.PAYMENT, "T-second", "t1", null, 900, 5L);

    // Paid a blink before midnight here, on the provider's next day: found there, not missing.
    Instant lastBlink = DAY.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(100);
    paid("b1", "T-b1", 600, 4, lastBlink);
    store.stage(
        channel,
        DAY.plusDays(1),
        List.of(
            new StatementLine(
                1,
                Kind.PAYMENT,
                "T-b1",
                channel + "-b1",
                null,
                600,
                "CNY",
                4L,
                lastBlink.plusMillis(200))));

    store.startRun(channel, DAY);
    store.stage(channel, DAY, statement);
  }

  private MatchResult match() {
    return matcher.match(channel, DAY, ZoneOffset.UTC);
  }

  private void payment(String id, String tradeNo, long amount, String status, Instant paidAt) {
    db.update(
        "insert into payments (order_id, user_id, amount_minor, currency, product_type, channel, routing_version, "
            + "status, trade_no, expires_at, paid_amount_minor, paid_at) values (?, 'u', ?, 'CNY', 'game_card', ?, 1, ?, ?, "
            + "now(), ?, ?)",
        channel + "-" + id,
        amount,
        channel,
        status,
        tradeNo,
        paidAt == null ? 0 : amount,
        paidAt == null ? null : Timestamp.from(paidAt));
  }

  private void paid(String id, String tradeNo, long amount, long fee, Instant at) {
    payment(id, tradeNo, amount, "FULFILLED", at);
    db.update(
        "insert into ledger_entries (order_id, entry_type, reference, amount_minor, currency, channel, fee_minor)"
            + " values (?, 'PAYMENT', ?, ?, 'CNY', ?, ?)",
        channel + "-" + id,
        channel + "-" + id,
        amount,
        channel,
        fee);
  }

  private void refund(String orderId, String refundId, long amount, Long fee, Instant at) {
    db.update(
        "insert into ledger_entries (order_id, entry_type, reference, amount_minor, currency, channel, fee_minor, "
            + "created_at) values (?, 'REFUND', ?, ?, 'CNY', ?, ?, ?)",
        channel + "-" + orderId,
        channel + "-" + refundId,
        amount,
        channel,
        fee,
        Timestamp.from(at));
  }

  private void line(
      Kind kind, String tradeNo, String orderId, String refundId, long amount, Long fee) {
    statement.add(
        new StatementLine(
            statement.size() + 1,
            kind,
            tradeNo,
            channel + "-" + orderId,
            refundId == null ? null : channel + "-" + refundId,
            amount,
            "CNY",
            fee,
            NOON));
  }

  /**
   * Refund references carry the channel, which keeps refund ids unique across the tests sharing the
   * database.
   */
  private Map<String, String> ours(Map<String, String> expected) {
    Map<String, String> m = new HashMap<>();
    expected.forEach(
        (ref, kind) ->
            m.put(
                ref.startsWith("refund ") ? "refund " + channel + "-" + ref.substring(7) : ref,
                kind));
    return m;
  }

  private Map<String, String> kinds() {
    return db.query(
        "select reference, kind from discrepancies where channel = ?",
        rs -> {
          Map<String, String> m = new HashMap<>();
          while (rs.next()) {
            m.put(rs.getString(1), rs.getString(2));
          }
          return m;
        },
        channel);
  }

  private Map<String, Long> ids() {
    return db
        .queryForList(
            "select reference || '/' || kind as k, id from discrepancies where channel = ?",
            channel)
        .stream()
        .collect(
            Collectors.toMap(r -> (String) r.get("k"), r -> ((Number) r.get("id")).longValue()));
  }

  private String detail(String reference) {
    return db.queryForObject(
        "select detail from discrepancies where channel = ? and reference = ?",
        String.class,
        channel,
        reference);
  }

  private String status(String reference) {
    return db.queryForObject(
        "select status from discrepancies where channel = ? and reference = ?",
        String.class,
        channel,
        reference);
  }
}
