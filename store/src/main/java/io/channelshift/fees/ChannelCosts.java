package io.channelshift.fees;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What each channel costs, from the ledger: the fees recorded with every payment and refund (fixed
 * by the schedule in force when the money moved), and the money not yet settled. And what moving a
 * migration's volume from one channel to another would save, by the two schedules.
 */
public class ChannelCosts {

  /** The window a fee projection takes the current volume from: the last 30 days, i.e. a month. */
  public static final int PROJECTION_DAYS = 30;

  private final JdbcTemplate jdbc;
  private final ChannelFees fees;
  private final Clock clock;

  public ChannelCosts(DataSource dataSource, ChannelFees fees, Clock clock) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.fees = fees;
    this.clock = clock;
  }

  /**
   * One channel's costs in one currency over the period.
   *
   * @param feesMinor fees charged on the period's payments less fees given back with its refunds
   * @param effectiveRateBps {@code feesMinor / volumeMinor} in basis points, two decimals; null
   *     without volume
   * @param awaitingSettlement payments whose expected settlement day is after today (whenever they
   *     were paid)
   */
  public record Cost(
      String channel,
      String currency,
      String schedule,
      long payments,
      long volumeMinor,
      long refundsMinor,
      long feesMinor,
      String effectiveRateBps,
      long awaitingSettlement,
      long awaitingSettlementMinor) {}

  /**
   * Per channel and currency, payments and refunds of the days {@code from} to {@code to}
   * (inclusive).
   */
  public List<Cost> costs(Collection<String> channels, LocalDate from, LocalDate to) {
    List<Cost> costs = new ArrayList<>();
    for (String channel : channels) {
      ZoneId zone = fees.zone(channel);
      Timestamp start = Timestamp.from(from.atStartOfDay(zone).toInstant());
      Timestamp end = Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant());
      Date today = Date.valueOf(LocalDate.now(clock.withZone(zone)));
      FeeSchedule schedule = fees.scheduleOrNull(channel);
      costs.addAll(
          jdbc.query(
              """
          with moved as (
                 select le.currency, le.entry_type, le.amount_minor, le.fee_minor
                 from ledger_entries le join payments p on p.order_id = le.order_id
                 where le.channel = ?
                   and case when le.entry_type = 'PAYMENT' then coalesce(p.paid_at, le.created_at) else le.created_at end
                       >= ?
                   and case when le.entry_type = 'PAYMENT' then coalesce(p.paid_at, le.created_at) else le.created_at end
                       < ?),
               waiting as (
                 select p.currency, count(*) as n, sum(p.paid_amount_minor) as amount
                 from payments p
                 where p.channel = ? and p.settlement_date > ?
                   and exists (select 1 from ledger_entries le where le.order_id = p.order_id and le.entry_type = 'PAYMENT')
                 group by p.currency),
               totals as (
                 select currency,
                        count(*) filter (where entry_type = 'PAYMENT') as payments,
                        coalesce(sum(amount_minor) filter (where entry_type = 'PAYMENT'), 0) as volume,
                        coalesce(sum(amount_minor) filter (where entry_type = 'REFUND'), 0) as refunds,
                        coalesce(sum(fee_minor) filter (where entry_type = 'PAYMENT'), 0)
                          - coalesce(sum(fee_minor) filter (where entry_type = 'REFUND'), 0) as fees
                 from moved group by currency)
          select coalesce(t.currency, w.currency), coalesce(t.payments, 0), coalesce(t.volume, 0),
                 coalesce(t.refunds, 0), coalesce(t.fees, 0), coalesce(w.n, 0), coalesce(w.amount, 0)
          from totals t full join waiting w on w.currency = t.currency
          order by 1
          """,
              (rs, i) ->
                  new Cost(
                      channel,
                      rs.getString(1).trim(),
                      schedule == null ? "none" : describe(schedule),
                      rs.getLong(2),
                      rs.getLong(3),
                      rs.getLong(4),
                      rs.getLong(5),
                      rate(rs.getLong(5), rs.getLong(3)),
                      rs.getLong(6),
                      rs.getLong(7)),
              channel,
              start,
              end,
              channel,
              today));
    }
    return costs;
  }

  /**
   * What the last {@link #PROJECTION_DAYS} days of volume on either channel (within the scope)
   * would cost on each channel's schedule, per currency, net of what each schedule gives back on
   * those payments' refunds (all of the refunded share of the fee when its refund fee is
   * PROPORTIONAL, nothing when NOT_RETURNED); {@code monthlyDifferenceMinor} is what moving to
   * {@code toChannel} saves (negative: it costs more). Null when either channel has no schedule.
   */
  public record Projection(
      String fromChannel,
      String toChannel,
      String scope,
      int windowDays,
      List<CurrencyProjection> byCurrency) {}

  public record CurrencyProjection(
      String currency,
      long payments,
      long volumeMinor,
      long refundedMinor,
      long feesOnFromMinor,
      long feesOnToMinor,
      long monthlyDifferenceMinor) {}

  public Projection project(String fromChannel, String toChannel, String scope) {
    FeeSchedule from = fees.scheduleOrNull(fromChannel);
    FeeSchedule to = fees.scheduleOrNull(toChannel);
    if (from == null || to == null) {
      return null;
    }
    Timestamp since = Timestamp.from(clock.instant().minus(Duration.ofDays(PROJECTION_DAYS)));
    // FeeSchedule's arithmetic in SQL, amounts being positive: a fee is (amount * bps + 5000) /
    // 10000 + fixed (half up), and a proportional refund gives back round(fee * refunded / paid) in
    // all, (2 * fee * refunded + paid) / (2 * paid) (half up again).
    List<CurrencyProjection> rows =
        jdbc.query(
            """
        with paid as (
               select le.currency, le.amount_minor as paid,
                      least(le.amount_minor, coalesce((select sum(r.amount_minor) from ledger_entries r
                                                        where r.order_id = le.order_id and r.entry_type = 'REFUND'), 0)
                            )::bigint as refunded -- sum() is numeric: integer division, as FeeSchedule, needs bigint
               from ledger_entries le join payments p on p.order_id = le.order_id
               where le.entry_type = 'PAYMENT' and le.channel in (?, ?) and le.created_at >= ?
                 and (? = 'all' or p.product_type = ?)),
             fees as (
               select currency, paid, refunded, (paid * ? + 5000) / 10000 + ? as on_from,
                      (paid * ? + 5000) / 10000 + ? as on_to
               from paid)
        select currency, count(*), sum(paid), sum(refunded),
               sum(on_from - case when ? then (2 * on_from * refunded + paid) / (2 * paid) else 0 end),
               sum(on_to - case when ? then (2 * on_to * refunded + paid) / (2 * paid) else 0 end)
        from fees group by currency order by currency
        """,
            (rs, i) ->
                new CurrencyProjection(
                    rs.getString(1).trim(),
                    rs.getLong(2),
                    rs.getLong(3),
                    rs.getLong(4),
                    rs.getLong(5),
                    rs.getLong(6),
                    rs.getLong(5) - rs.getLong(6)),
            fromChannel,
            toChannel,
            since,
            scope,
            scope,
            from.rateBps(),
            from.fixedMinor(),
            to.rateBps(),
            to.fixedMinor(),
            from.refundFee() == RefundFeePolicy.PROPORTIONAL,
            to.refundFee() == RefundFeePolicy.PROPORTIONAL);
    return new Projection(fromChannel, toChannel, scope, PROJECTION_DAYS, rows);
  }

  static String describe(FeeSchedule s) {
    String rate = BigDecimal.valueOf(s.rateBps(), 2).toPlainString() + "%";
    return (s.fixedMinor() > 0 ? rate + " + " + s.fixedMinor() + " minor" : rate)
        + ", "
        + s.settlement()
        + ", refund fee "
        + s.refundFee().name().toLowerCase().replace('_', ' ');
  }

  private static String rate(long feesMinor, long volumeMinor) {
    return volumeMinor == 0
        ? null
        : BigDecimal.valueOf(feesMinor)
            .multiply(BigDecimal.valueOf(10_000))
            .divide(BigDecimal.valueOf(volumeMinor), 2, RoundingMode.HALF_UP)
            .toPlainString();
  }
}
