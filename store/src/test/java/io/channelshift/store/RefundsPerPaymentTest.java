package io.channelshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.payment.CreateOrderCommand;
import io.channelshift.payment.PaymentReceipt;
import io.channelshift.payment.PaymentStatus;
import io.channelshift.payment.RefundCommand;
import io.channelshift.payment.RefundSettlement;
import io.channelshift.payment.RefundStatus;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A refund id is the platform's and names a refund of one payment (issue 15): the store keys
 * refunds by payment and refund id, and each refund gets its own provider number, fixed when it is
 * first recorded.
 */
class RefundsPerPaymentTest {

  private final DataSource db = TestDatabase.get();
  private final PaymentStore store = new PaymentStore(db);
  private final JdbcTemplate jdbc = new JdbcTemplate(db);

  @Test
  void twoPaymentsWithTheSameRefundIdEachRecordAndSettleTheirOwnRefund() {
    String a = paidOrder(1000);
    String b = paidOrder(2000);
    RefundCommand ofA = new RefundCommand(a, "r1", "legacy", 400, "CNY", "a's", false);
    RefundCommand ofB = new RefundCommand(b, "r1", "legacy", 700, "CNY", "b's", false);

    String numberOfA = store.insertRefund(ofA);
    String numberOfB = store.insertRefund(ofB);
    store.settleRefund(
        new RefundSettlement(
            a, "r1", RefundStatus.SUCCEEDED, null, 400, PaymentStatus.PARTIALLY_REFUNDED));
    store.settleRefund(
        new RefundSettlement(b, "r1", RefundStatus.FAILED, "refused", 0, PaymentStatus.FULFILLED));

    assertThat(numberOfA).isNotEqualTo(numberOfB);
    assertThat(refund(a, "r1"))
        .containsEntry("amount_minor", 400L)
        .containsEntry("status", "SUCCEEDED");
    assertThat(refund(b, "r1"))
        .containsEntry("amount_minor", 700L)
        .containsEntry("status", "FAILED")
        .containsEntry("failure", "refused");
    assertThat(
            jdbc.queryForList(
                "select reference from ledger_entries where order_id = ? and entry_type = 'REFUND'",
                String.class,
                a))
        .containsExactly(numberOfA);
    assertThat(
            jdbc.queryForList(
                "select reference from ledger_entries where order_id = ? and entry_type = 'REFUND'",
                String.class,
                b))
        .isEmpty();

    store.settleRefund(
        new RefundSettlement(
            b, "r1", RefundStatus.SUCCEEDED, null, 700, PaymentStatus.PARTIALLY_REFUNDED));
    assertThat(
            jdbc.queryForList(
                "select reference from ledger_entries where order_id = ? and entry_type = 'REFUND'",
                String.class,
                b))
        .containsExactly(numberOfB);
  }

  @Test
  void aRefundsProviderNumberIsFixedWhenFirstRecordedAndReadBackEveryTime() {
    String order = paidOrder(1000);
    RefundCommand refund =
        new RefundCommand(order, "r-" + UUID.randomUUID(), "legacy", 100, "CNY", null, false);

    String first = store.insertRefund(refund);
    jdbc.update(
        "update refunds set provider_refund_no = ? where order_id = ? and refund_id = ?",
        "as-sent-" + first,
        order,
        refund.refundId()); // stands for a number fixed by an earlier rule
    String again = store.insertRefund(refund);

    assertThat(first).isEqualTo(ProviderRefundNumbers.of(order, refund.refundId()));
    assertThat(again).isEqualTo("as-sent-" + first);
    assertThat(store.providerRefundNo(order, refund.refundId())).contains("as-sent-" + first);
    assertThat(store.providerRefundNo(order, "never-recorded")).isEmpty();
  }

  @Test
  void providerNumbersFitEveryProviderAndTellPairsApartThatConcatenateAlike() {
    String one = ProviderRefundNumbers.of("a-1", "2");
    String other = ProviderRefundNumbers.of("a-", "12");

    assertThat(one).isNotEqualTo(other);
    assertThat(List.of(one, other)).allSatisfy(n -> assertThat(n).matches("[A-Za-z0-9]{1,64}"));
    assertThat(ProviderRefundNumbers.of("a-1", "2")).isEqualTo(one);
  }

  /**
   * Rows written under V6 (refund id global) survive V7, keep the number they were sent with, and
   * settle.
   */
  @Test
  void theMigrationKeepsExistingRefundsUnderTheNumberTheyWereSentWith() {
    DataSource old = TestDatabase.fresh();
    Flyway.configure()
        .dataSource(old)
        .locations("classpath:db/migration")
        .target("6")
        .load()
        .migrate();
    JdbcTemplate oldJdbc = new JdbcTemplate(old);
    PaymentStore oldStore = new PaymentStore(old);
    oldStore.recordCreated(command("o-old", 1000), null, null);
    oldStore.recordReceipt(
        new PaymentReceipt(
            "o-old", "legacy", "T-old", 1000, "CNY", null, PaymentStatus.PAID, null));
    oldJdbc.update(
        "insert into refunds (refund_id, order_id, amount_minor, currency, status) "
            + "values ('r-settled', 'o-old', 300, 'CNY', 'SUCCEEDED'), ('r-pending', 'o-old', 200, 'CNY', 'PROCESSING')");
    oldJdbc.update(
        "insert into ledger_entries (order_id, entry_type, reference, amount_minor, currency, channel) "
            + "values ('o-old', 'REFUND', 'r-settled', 300, 'CNY', 'legacy')");

    Flyway.configure().dataSource(old).locations("classpath:db/migration").load().migrate();

    assertThat(oldStore.providerRefundNo("o-old", "r-settled")).contains("r-settled");
    assertThat(
            oldStore.insertRefund(
                new RefundCommand("o-old", "r-pending", "legacy", 200, "CNY", null, false)))
        .isEqualTo("r-pending");
    oldStore.settleRefund(
        new RefundSettlement(
            "o-old",
            "r-pending",
            RefundStatus.SUCCEEDED,
            null,
            500,
            PaymentStatus.PARTIALLY_REFUNDED));
    assertThat(
            oldJdbc.queryForList(
                "select reference from ledger_entries where entry_type = 'REFUND' order by id",
                String.class))
        .containsExactly("r-settled", "r-pending");
    // A second payment may now use a refund id the first one has.
    oldStore.recordCreated(command("o-new", 1000), null, null);
    oldStore.recordReceipt(
        new PaymentReceipt(
            "o-new", "legacy", "T-new", 1000, "CNY", null, PaymentStatus.PAID, null));
    assertThat(
            oldStore.insertRefund(
                new RefundCommand("o-new", "r-settled", "legacy", 100, "CNY", null, false)))
        .isEqualTo(ProviderRefundNumbers.of("o-new", "r-settled"));
  }

  private Map<String, Object> refund(String order, String refundId) {
    return jdbc.queryForMap(
        "select amount_minor, status, failure from refunds where order_id = ? and refund_id = ?",
        order,
        refundId);
  }

  private String paidOrder(long amount) {
    String order = "o-" + UUID.randomUUID();
    store.recordCreated(command(order, amount), null, null);
    store.recordReceipt(
        new PaymentReceipt(
            order, "legacy", "T-" + order, amount, "CNY", null, PaymentStatus.PAID, null));
    return order;
  }

  private static CreateOrderCommand command(String order, long amount) {
    return new CreateOrderCommand(
        order,
        "u",
        amount,
        "CNY",
        "game_card",
        "card",
        "203.0.113.1",
        "legacy",
        1,
        System.currentTimeMillis() + 60_000);
  }
}
