package io.channelshift.store;

import io.channelshift.fees.ChannelFees;
import io.channelshift.fees.FeeSchedule;
import io.channelshift.payment.CreateOrderCommand;
import io.channelshift.payment.Money;
import io.channelshift.payment.PaymentReceipt;
import io.channelshift.payment.PaymentStatus;
import io.channelshift.payment.RefundCommand;
import io.channelshift.payment.RefundSettlement;
import io.channelshift.payment.RefundStatus;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Payments, refunds and the ledger in PostgreSQL. Every write is idempotent: a retried activity
 * that repeats one changes nothing the first one did not.
 *
 * <p>Longer than most classes here on purpose: each method is one idempotent statement (or a few
 * under one lock) with the SQL in full beside it, and the payment, its refunds and its ledger
 * entries are written together; the callback inbox, routing and reconciliation have stores of their
 * own.
 */
public class PaymentStore {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final ChannelFees fees;

  public PaymentStore(DataSource dataSource) {
    this(dataSource, ChannelFees.NONE);
  }

  /**
   * With fees: every payment records its fee and expected settlement day, every refund the fee
   * given back.
   */
  public PaymentStore(DataSource dataSource, ChannelFees fees) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.fees = fees;
  }

  /** What became of a payment's claim on its route: see {@link #claimRoute}. */
  public enum RouteClaim {
    CLAIMED,
    ALREADY_RECORDED,
    STALE
  }

  /**
   * A claim's outcome, with the payment as a previous attempt recorded it (ALREADY_RECORDED only).
   */
  public record Claim(RouteClaim outcome, StoredPayment recorded) {}

  /**
   * Records a new payment (CREATED) on its channel, but only if the routing table version it was
   * decided on is still the one in force for its product type (by the rule {@link RoutingDecisions}
   * states; this is the SQL of its "confirm at create" step), in the same statement: a payment can
   * never be recorded, and so never be created at a provider, on a table that was replaced before
   * it got here (docs/architecture.md, invariants 4 and 5). ALREADY_RECORDED, with the row, when a
   * previous attempt recorded it; STALE when the table changed, or the channel stopped taking new
   * payments ({@link ChannelLifecycleStore}: DRAINING or RETIRED), and the payment must be routed
   * again.
   *
   * <p>The statement alone would not do: it reads the table in force from its snapshot, so a table
   * committed while it runs is not seen, and the payment would be recorded on the table just
   * replaced, after it was. The claim therefore shares the routing lock first ({@link
   * RoutingStore}): a table being written makes it wait, and the insert's snapshot, taken after the
   * lock, sees that table.
   */
  public Claim claimRoute(CreateOrderCommand c) {
    Integer inserted =
        tx.execute(
            status -> {
              RoutingStore.shareTablesInForce(jdbc);
              return insertIfRouteInForce(c);
            });
    if (inserted != null && inserted == 1) {
      return new Claim(RouteClaim.CLAIMED, null);
    }
    return find(c.orderId())
        .map(recorded -> new Claim(RouteClaim.ALREADY_RECORDED, recorded))
        .orElseGet(() -> new Claim(RouteClaim.STALE, null));
  }

  private int insertIfRouteInForce(CreateOrderCommand c) {
    return jdbc.update(
        """
        insert into payments (order_id, user_id, amount_minor, currency, product_type, subject, client_ip, channel,
                              routing_version, status, expires_at)
        select ?, ?, ?, ?, ?, ?, ?, ?, ?, 'CREATED', ?
         where ? = (select version from routing_tables %s)
           and not exists (select 1 from channel_states where channel = ? and state <> 'ACTIVE')
        on conflict (order_id) do nothing
        """
            .formatted(RoutingDecisions.IN_FORCE_SQL),
        c.orderId(),
        c.userId(),
        c.amountMinor(),
        c.currency(),
        c.productType(),
        c.subject(),
        c.clientIp(),
        c.channel(),
        c.routingVersion(),
        new Timestamp(c.expiresAtEpochMs()),
        c.routingVersion(),
        c.productType(),
        c.channel());
  }

  /**
   * Records the payment as the provider's create left it, in one write: AWAITING_PAYMENT with the
   * trade number and pay URL when the order exists there, CREATED otherwise. A repeat never moves a
   * payment backwards.
   */
  public void recordCreated(CreateOrderCommand c, String tradeNo, String payUrl) {
    recordCreated(c, tradeNo, payUrl, null, null);
  }

  /**
   * As {@link #recordCreated(CreateOrderCommand, String, String)}, with how the create went at the
   * provider (its outcome and latency), which the migration's health gates measure. The latest
   * attempt's figures stand.
   */
  public void recordCreated(
      CreateOrderCommand c,
      String tradeNo,
      String payUrl,
      String createOutcome,
      Integer createLatencyMs) {
    String status = payUrl == null ? "CREATED" : "AWAITING_PAYMENT";
    jdbc.update(
        """
        insert into payments (order_id, user_id, amount_minor, currency, product_type, subject, client_ip, channel,
                              routing_version, status, trade_no, pay_url, expires_at, create_outcome, create_latency_ms)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        on conflict (order_id) do update
           set status = case when payments.status = 'CREATED' then excluded.status else payments.status end,
               trade_no = coalesce(excluded.trade_no, payments.trade_no),
               pay_url = coalesce(excluded.pay_url, payments.pay_url),
               create_outcome = coalesce(excluded.create_outcome, payments.create_outcome),
               create_latency_ms = coalesce(excluded.create_latency_ms, payments.create_latency_ms),
               updated_at = now()
        """,
        c.orderId(),
        c.userId(),
        c.amountMinor(),
        c.currency(),
        c.productType(),
        c.subject(),
        c.clientIp(),
        c.channel(),
        c.routingVersion(),
        status,
        tradeNo,
        payUrl,
        new Timestamp(c.expiresAtEpochMs()),
        createOutcome,
        createLatencyMs);
  }

  public void recordStatus(String orderId, PaymentStatus status, String reason) {
    jdbc.update(
        "update payments set status = ?, status_reason = ?, updated_at = now() where order_id = ?",
        status.name(),
        reason,
        orderId);
  }

  /**
   * Records money received: the payment row and one PAYMENT ledger entry (at most one per order).
   */
  public void recordReceipt(PaymentReceipt r) {
    receipt(r, null);
  }

  /**
   * Records a receipt (as {@link #recordReceipt}) and answers, in the same statement, whether the
   * webhook event was already delivered: a retried fulfilment must not send it again.
   */
  public boolean recordReceiptAndCheckDelivered(PaymentReceipt r, String eventId) {
    return receipt(r, eventId);
  }

  /**
   * One statement, so one round trip and atomic: PostgreSQL runs every data-modifying part of a
   * WITH exactly once, whatever the final select reads.
   */
  private boolean receipt(PaymentReceipt r, String eventId) {
    Timestamp paidAt = timestamp(r.paidAt());
    FeeSchedule schedule = fees.scheduleOrNull(r.channel());
    Long fee = schedule == null ? null : schedule.feeFor(r.amount()).minor();
    LocalDate settlement =
        schedule == null
            ? null
            : fees.settlementDate(
                schedule,
                fees.businessDay(r.channel(), paidAt == null ? Instant.now() : paidAt.toInstant()));
    Boolean delivered =
        jdbc.queryForObject(
            """
        with paid as (
               update payments set status = ?, status_reason = ?, trade_no = ?, paid_amount_minor = ?, paid_at = ?,
                                   fee_minor = ?, settlement_date = ?, updated_at = now()
               where order_id = ?
               returning order_id),
             ledger as (
               insert into ledger_entries (order_id, entry_type, reference, amount_minor, currency, channel, fee_minor)
               values (?, 'PAYMENT', ?, ?, ?, ?, ?)
               on conflict do nothing
               returning id)
        select exists (select 1 from webhook_deliveries where event_id = ?)
        """,
            Boolean.class,
            r.status().name(),
            r.reason(),
            r.tradeNo(),
            r.amountMinor(),
            paidAt,
            fee,
            settlement == null ? null : Date.valueOf(settlement),
            r.orderId(),
            r.orderId(),
            r.orderId(),
            r.amountMinor(),
            r.currency(),
            r.channel(),
            fee,
            eventId);
    return Boolean.TRUE.equals(delivered);
  }

  /** Records the webhook as delivered and the payment as fulfilled, in one statement. */
  public void markFulfilled(String orderId, String eventId) {
    jdbc.update(
        """
        with delivered as (
               insert into webhook_deliveries (event_id, order_id) values (?, ?)
               on conflict do nothing)
        update payments set status = 'FULFILLED', status_reason = null, updated_at = now()
        where order_id = ? and status = 'PAID'
        """,
        eventId,
        orderId,
        orderId);
  }

  /**
   * Records a refund (PROCESSING) the first time it is asked for and answers the number it is known
   * by at its provider: fixed here, the first time, and read back on every repeat, never computed
   * again, so a refund keeps the number it was sent with (refunds recorded before numbers were per
   * payment keep their refund id). Refunds are keyed by payment and refund id: two payments may use
   * the same refund id.
   */
  public String insertRefund(RefundCommand c) {
    return jdbc.queryForObject(
        """
        with recorded as (
               insert into refunds (order_id, refund_id, provider_refund_no, amount_minor, currency, reason, automatic,
                                    status, channel)
               values (?, ?, ?, ?, ?, ?, ?, 'PROCESSING', ?)
               on conflict (order_id, refund_id) do nothing
               returning provider_refund_no)
        select provider_refund_no from recorded
        union all
        select provider_refund_no from refunds where order_id = ? and refund_id = ?
        limit 1
        """,
        String.class,
        c.orderId(),
        c.refundId(),
        ProviderRefundNumbers.of(c.orderId(), c.refundId()),
        c.amountMinor(),
        c.currency(),
        c.reason(),
        c.automatic(),
        c.channel(),
        c.orderId(),
        c.refundId());
  }

  /**
   * The number the payment's refund is known by at its provider; empty when it was never recorded
   * (never sent).
   */
  public Optional<String> providerRefundNo(String orderId, String refundId) {
    return jdbc
        .queryForList(
            "select provider_refund_no from refunds where order_id = ? and refund_id = ?",
            String.class,
            orderId,
            refundId)
        .stream()
        .findFirst();
  }

  /**
   * Records a refund's end, its ledger entry when money went back (referenced by the refund's
   * provider number, which is unique and is what the provider's statement names), and the payment's
   * totals after it.
   */
  public void settleRefund(RefundSettlement s) {
    tx.executeWithoutResult(
        t -> {
          jdbc.update(
              "update refunds set status = ?, failure = ?, updated_at = now() where order_id = ? and refund_id = ?",
              s.status().name(),
              s.failure(),
              s.orderId(),
              s.refundId());
          if (s.status() == RefundStatus.SUCCEEDED) {
            jdbc.update(
                """
            insert into ledger_entries (order_id, entry_type, reference, amount_minor, currency, channel, fee_minor)
            select r.order_id, 'REFUND', r.provider_refund_no, r.amount_minor, r.currency, coalesce(r.channel, p.channel), ?
            from refunds r join payments p on p.order_id = r.order_id where r.order_id = ? and r.refund_id = ?
            on conflict do nothing
            """,
                feeReturned(s.orderId(), s.refundId()),
                s.orderId(),
                s.refundId());
          }
          jdbc.update(
              "update payments set refunded_amount_minor = ?, status = ?, updated_at = now() where order_id = ?",
              s.refundedTotalMinor(),
              s.paymentStatus().name(),
              s.orderId());
        });
  }

  /**
   * The part of the payment's fee this refund gives back, by the channel's schedule, on the refunds
   * already in the ledger; null when the payment recorded no fee.
   */
  private Long feeReturned(String orderId, String refundId) {
    List<Long> returned =
        jdbc.query(
            """
        select p.channel, p.fee_minor, p.paid_amount_minor, r.amount_minor,
               coalesce((select sum(l.amount_minor) from ledger_entries l
                          where l.order_id = r.order_id and l.entry_type = 'REFUND'
                            and l.reference <> r.provider_refund_no), 0),
               p.currency
        from refunds r join payments p on p.order_id = r.order_id
        where r.order_id = ? and r.refund_id = ? and p.fee_minor is not null
          and (r.channel is null or r.channel = p.channel)
        """,
            (rs, i) -> {
              FeeSchedule schedule = fees.scheduleOrNull(rs.getString(1));
              String currency = rs.getString(6).trim();
              Money paid = new Money(rs.getLong(3), currency);
              Money refund = new Money(rs.getLong(4), currency);
              Money before = new Money(rs.getLong(5), currency);
              if (schedule == null || !paid.minus(before).atLeast(refund)) {
                return null; // nothing to compute it from, or a ledger that needs a human anyway
              }
              return schedule
                  .feeReturned(new Money(rs.getLong(2), currency), paid, before, refund)
                  .minor();
            },
            orderId,
            refundId);
    return returned.isEmpty() ? null : returned.get(0);
  }

  public Optional<StoredPayment> find(String orderId) {
    List<StoredPayment> rows =
        jdbc.query(
            """
        select order_id, user_id, amount_minor, currency, channel, routing_version, status, status_reason, trade_no,
               paid_amount_minor, refunded_amount_minor, created_at, paid_at, updated_at
        from payments where order_id = ?
        """,
            (rs, i) ->
                new StoredPayment(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getLong(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getLong(6),
                    PaymentStatus.valueOf(rs.getString(7)),
                    rs.getString(8),
                    rs.getString(9),
                    rs.getLong(10),
                    rs.getLong(11),
                    iso(rs.getTimestamp(12)),
                    iso(rs.getTimestamp(13)),
                    iso(rs.getTimestamp(14))),
            orderId);
    return rows.stream().findFirst();
  }

  private static String iso(Timestamp t) {
    return t == null ? null : t.toInstant().toString();
  }

  /**
   * The provider's payment time; null when it gave none we can read (the ledger row still has its
   * own time).
   */
  private static Timestamp timestamp(String iso) {
    if (iso == null || iso.isBlank()) {
      return null;
    }
    try {
      return Timestamp.from(Instant.parse(iso));
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
