package io.channelshift.store;

import io.channelshift.payment.CreateOrderCommand;
import io.channelshift.payment.PaymentReceipt;
import io.channelshift.payment.PaymentStatus;
import io.channelshift.payment.RefundCommand;
import io.channelshift.payment.RefundSettlement;
import io.channelshift.payment.RefundStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Payments, refunds and the ledger in PostgreSQL. Every write is idempotent: a retried activity that
 * repeats one changes nothing the first one did not.
 */
public class PaymentStore {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  public PaymentStore(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  public void insertCreated(CreateOrderCommand c) {
    jdbc.update("""
        insert into payments (order_id, user_id, amount_minor, currency, product_type, subject, client_ip, channel,
                              routing_version, status, expires_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'CREATED', ?)
        on conflict (order_id) do nothing
        """, c.orderId(), c.userId(), c.amountMinor(), c.currency(), c.productType(), c.subject(), c.clientIp(),
        c.channel(), c.routingVersion(), new Timestamp(c.expiresAtEpochMs()));
  }

  public void markAwaiting(String orderId, String tradeNo, String payUrl) {
    jdbc.update("""
        update payments set status = 'AWAITING_PAYMENT', trade_no = ?, pay_url = ?, updated_at = now()
        where order_id = ? and status = 'CREATED'
        """, tradeNo, payUrl, orderId);
  }

  public void recordStatus(String orderId, PaymentStatus status, String reason) {
    jdbc.update("update payments set status = ?, status_reason = ?, updated_at = now() where order_id = ?",
        status.name(), reason, orderId);
  }

  /** Records money received: the payment row and one PAYMENT ledger entry (at most one per order). */
  public void recordReceipt(PaymentReceipt r) {
    tx.executeWithoutResult(s -> {
      jdbc.update("""
          update payments set status = ?, status_reason = ?, trade_no = ?, paid_amount_minor = ?, paid_at = ?,
                              updated_at = now()
          where order_id = ?
          """, r.status().name(), r.reason(), r.tradeNo(), r.amountMinor(), timestamp(r.paidAt()), r.orderId());
      jdbc.update("""
          insert into ledger_entries (order_id, entry_type, reference, amount_minor, currency, channel)
          values (?, 'PAYMENT', ?, ?, ?, ?)
          on conflict do nothing
          """, r.orderId(), r.orderId(), r.amountMinor(), r.currency(), r.channel());
    });
  }

  public boolean webhookDelivered(String eventId) {
    Integer n = jdbc.queryForObject("select count(*) from webhook_deliveries where event_id = ?", Integer.class,
        eventId);
    return n != null && n > 0;
  }

  public void markFulfilled(String orderId, String eventId) {
    tx.executeWithoutResult(s -> {
      jdbc.update("insert into webhook_deliveries (event_id, order_id) values (?, ?) on conflict do nothing",
          eventId, orderId);
      jdbc.update("update payments set status = 'FULFILLED', status_reason = null, updated_at = now() "
          + "where order_id = ? and status = 'PAID'", orderId);
    });
  }

  public void insertRefund(RefundCommand c) {
    jdbc.update("""
        insert into refunds (refund_id, order_id, amount_minor, currency, reason, automatic, status)
        values (?, ?, ?, ?, ?, ?, 'PROCESSING')
        on conflict (refund_id) do nothing
        """, c.refundId(), c.orderId(), c.amountMinor(), c.currency(), c.reason(), c.automatic());
  }

  /** Records a refund's end, its ledger entry when money went back, and the payment's totals after it. */
  public void settleRefund(RefundSettlement s) {
    tx.executeWithoutResult(t -> {
      jdbc.update("update refunds set status = ?, failure = ?, updated_at = now() where refund_id = ?",
          s.status().name(), s.failure(), s.refundId());
      if (s.status() == RefundStatus.SUCCEEDED) {
        jdbc.update("""
            insert into ledger_entries (order_id, entry_type, reference, amount_minor, currency, channel)
            select r.order_id, 'REFUND', r.refund_id, r.amount_minor, r.currency, p.channel
            from refunds r join payments p on p.order_id = r.order_id where r.refund_id = ?
            on conflict do nothing
            """, s.refundId());
      }
      jdbc.update("update payments set refunded_amount_minor = ?, status = ?, updated_at = now() where order_id = ?",
          s.refundedTotalMinor(), s.paymentStatus().name(), s.orderId());
    });
  }

  public Optional<StoredPayment> find(String orderId) {
    List<StoredPayment> rows = jdbc.query("""
        select order_id, user_id, amount_minor, currency, channel, routing_version, status, status_reason, trade_no,
               paid_amount_minor, refunded_amount_minor, created_at, paid_at, updated_at
        from payments where order_id = ?
        """, (rs, i) -> new StoredPayment(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
        rs.getString(5), rs.getLong(6), PaymentStatus.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9),
        rs.getLong(10), rs.getLong(11), iso(rs.getTimestamp(12)), iso(rs.getTimestamp(13)), iso(rs.getTimestamp(14))),
        orderId);
    return rows.stream().findFirst();
  }

  private static String iso(Timestamp t) {
    return t == null ? null : t.toInstant().toString();
  }

  private static Timestamp timestamp(String iso) {
    if (iso == null || iso.isBlank()) {
      return new Timestamp(System.currentTimeMillis());
    }
    try {
      return Timestamp.from(Instant.parse(iso));
    } catch (DateTimeParseException e) {
      return new Timestamp(System.currentTimeMillis());
    }
  }
}
