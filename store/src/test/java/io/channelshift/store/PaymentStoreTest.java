package io.channelshift.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelshift.payment.CreateOrderCommand;
import io.channelshift.payment.PaymentReceipt;
import io.channelshift.payment.PaymentStatus;
import io.channelshift.payment.RefundCommand;
import io.channelshift.payment.RefundSettlement;
import io.channelshift.payment.RefundStatus;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The store's writes against a real PostgreSQL: each is idempotent, and the schema holds the money
 * rules.
 */
class PaymentStoreTest {

  private final DataSource db = TestDatabase.get();
  private final PaymentStore store = new PaymentStore(db);
  private final JdbcTemplate jdbc = new JdbcTemplate(db);

  @Test
  void creatingTwiceWritesOnePayment_andAFirstCreateWithoutAnswerIsCompletedByTheNext() {
    String order = newOrder(1000);
    assertThat(store.find(order).orElseThrow().status()).isEqualTo(PaymentStatus.CREATED);

    store.recordCreated(command(order, 1000), "T1", "http://pay/" + order);
    store.recordCreated(command(order, 1000), null, null);

    assertThat(count("select count(*) from payments where order_id = ?", order)).isEqualTo(1);
    assertThat(store.find(order).orElseThrow().status()).isEqualTo(PaymentStatus.AWAITING_PAYMENT);
    assertThat(store.find(order).orElseThrow().tradeNo()).isEqualTo("T1");
  }

  @Test
  void aRepeatedReceiptWritesOneLedgerPayment() {
    String order = newOrder(1000);
    PaymentReceipt receipt =
        new PaymentReceipt(
            order, "legacy", "T1", 1000, "CNY", "2026-11-25T10:00:00Z", PaymentStatus.PAID, null);

    store.recordReceipt(receipt);
    store.recordReceipt(receipt);

    assertThat(
            count(
                "select count(*) from ledger_entries where order_id = ? and entry_type = 'PAYMENT'",
                order))
        .isEqualTo(1);
    assertThat(store.find(order).orElseThrow().paidAmountMinor()).isEqualTo(1000);
  }

  @Test
  void fulfilmentIsRecordedOncePerEvent() {
    String order = newOrder(1000);
    PaymentReceipt paid =
        new PaymentReceipt(order, "legacy", "T1", 1000, "CNY", null, PaymentStatus.PAID, null);
    assertThat(store.recordReceiptAndCheckDelivered(paid, "fulfil-" + order)).isFalse();

    store.markFulfilled(order, "fulfil-" + order);
    store.markFulfilled(order, "fulfil-" + order);

    assertThat(store.recordReceiptAndCheckDelivered(paid, "fulfil-" + order)).isTrue();
    store.markFulfilled(order, "fulfil-" + order);
    assertThat(store.find(order).orElseThrow().status()).isEqualTo(PaymentStatus.FULFILLED);
  }

  @Test
  void aSettledRefundWritesOneLedgerRefundAndTheTotals() {
    String order = paidOrder(1000);
    RefundCommand refund = new RefundCommand(order, order + "-r", "legacy", 400, "CNY", "x", false);
    store.insertRefund(refund);
    store.insertRefund(refund);

    RefundSettlement settled =
        new RefundSettlement(
            order,
            order + "-r",
            RefundStatus.SUCCEEDED,
            null,
            400,
            PaymentStatus.PARTIALLY_REFUNDED);
    store.settleRefund(settled);
    store.settleRefund(settled);

    assertThat(
            count(
                "select count(*) from ledger_entries where order_id = ? and entry_type = 'REFUND'",
                order))
        .isEqualTo(1);
    StoredPayment p = store.find(order).orElseThrow();
    assertThat(p.refundedAmountMinor()).isEqualTo(400);
    assertThat(p.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
  }

  @Test
  void theSchemaRefusesRefundingMoreThanWasPaid() {
    String order = paidOrder(1000);

    assertThatThrownBy(
            () ->
                store.settleRefund(
                    new RefundSettlement(
                        order, "none", RefundStatus.SUCCEEDED, null, 1001, PaymentStatus.REFUNDED)))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void theSchemaRefusesASecondPaymentForAnOrder() {
    String order = paidOrder(1000);

    assertThatThrownBy(
            () ->
                jdbc.update(
                    "insert into ledger_entries (order_id, entry_type, reference, amount_minor, "
                        + "currency, channel) values (?, 'PAYMENT', ?, 1000, 'CNY', 'legacy')",
                    order,
                    "other-" + order))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void theInboxKeepsOneRowPerNotification_andNoncesAreSeenOnce() {
    CallbackStore inbox = new CallbackStore(db);
    String notifyId = "N-" + UUID.randomUUID();

    assertThat(inbox.record("legacy", notifyId, "o", "{}", "DELIVERED", null)).isTrue();
    assertThat(inbox.record("legacy", notifyId, "o", "{}", "UNKNOWN_ORDER", "2026-11-25T10:00:00Z"))
        .isFalse();
    assertThat(
            jdbc.queryForObject(
                "select outcome from callback_inbox where notify_id = ?", String.class, notifyId))
        .isEqualTo("DELIVERED");

    String nonce = UUID.randomUUID().toString();
    assertThat(inbox.firstSeen("legacy", nonce)).isTrue();
    assertThat(inbox.firstSeen("legacy", nonce)).isFalse();
    assertThat(inbox.firstSeen("nova", nonce)).isTrue();
  }

  private String newOrder(long amount) {
    String order = "o-" + UUID.randomUUID();
    store.recordCreated(command(order, amount), null, null);
    return order;
  }

  private String paidOrder(long amount) {
    String order = newOrder(amount);
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

  private int count(String sql, String order) {
    Integer n = jdbc.queryForObject(sql, Integer.class, order);
    return n == null ? 0 : n;
  }
}
