package io.channelshift.activities.reconciliation;

import io.channelshift.reconciliation.MatchResult;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Matches a staged statement against the ledger, in SQL: a payment line by our order id (and its
 * trade number), a refund line by the refund's provider number (the statement's out refund number,
 * which a REFUND ledger entry holds as its reference: {@code refunds.provider_refund_no}, unique
 * across payments), and the other way round the ledger's movements of the day against the
 * statement. Every difference found is recorded once per day, kind and reference; a difference
 * recorded by an earlier run that is no longer found is settled (RESOLVED, or REPAIRED when a
 * repair was under way), and one already settled is left alone, so re-running a day changes nothing
 * that was settled.
 *
 * <p>Day boundaries: a payment's day is the provider's payment time in the channel's zone; a ledger
 * movement absent from the day's statement is looked for in the neighbouring days' statements too,
 * so that one recorded a second after midnight is not reported missing when the provider put it on
 * the day before.
 */
public class DiscrepancyMatcher {

  /**
   * Every difference of the day, one row each; {@code source} says which side the row was found
   * from.
   */
  private static final String FIND =
      """
      create temp table found on commit drop as
      select * from (
        select case
                 when p.order_id is null or p.channel <> s.channel then 'PROVIDER_PAID_UNKNOWN'
                 when le.id is not null and p.trade_no is not null and s.trade_no is not null
                      and p.trade_no <> s.trade_no then 'PROVIDER_PAID_UNKNOWN'
                 when le.id is null then 'PROVIDER_PAID_NOT_PAID'
                 when le.amount_minor <> s.amount_minor or le.currency <> s.currency then 'AMOUNT_MISMATCH'
                 when s.fee_minor is not null and le.fee_minor is not null and s.fee_minor <> le.fee_minor
                   then 'FEE_MISMATCH'
               end as kind,
               s.trade_no as reference, s.order_id, s.amount_minor as provider_amount,
               le.amount_minor as ledger_amount, s.fee_minor as provider_fee, le.fee_minor as ledger_fee,
               s.currency,
               case
                 when p.order_id is null then 'paid at the provider; no such order in our ledger'
                 when p.channel <> s.channel then 'paid at the provider; our order is on channel ' || p.channel
                 when le.id is not null and p.trade_no <> s.trade_no
                   then 'a second trade for the order; our ledger has trade ' || p.trade_no
                 when le.id is null then 'paid at the provider; our payment is ' || p.status
                 when le.amount_minor <> s.amount_minor or le.currency <> s.currency
                   then 'paid ' || s.amount_minor || ' ' || s.currency || ' at the provider; our ledger has '
                        || le.amount_minor || ' ' || le.currency
                 else 'fee ' || s.fee_minor || ' at the provider; the schedule gives ' || le.fee_minor
               end as detail,
               'statement' as source
        from statement_lines s
        left join payments p on p.order_id = s.order_id
        left join ledger_entries le on le.order_id = s.order_id and le.entry_type = 'PAYMENT'
        where s.channel = ? and s.business_day = ? and s.kind = 'PAYMENT'
        union all
        select case
                 when le.id is null or le.amount_minor <> s.amount_minor or le.currency <> s.currency
                   then 'REFUND_MISMATCH'
                 when s.fee_minor is not null and le.fee_minor is not null and s.fee_minor <> le.fee_minor
                   then 'FEE_MISMATCH'
               end,
               'refund ' || s.refund_id, s.order_id, s.amount_minor, le.amount_minor, s.fee_minor, le.fee_minor,
               s.currency,
               case
                 when le.id is null then 'refunded at the provider; no such refund in our ledger'
                 when le.amount_minor <> s.amount_minor or le.currency <> s.currency
                   then 'refunded ' || s.amount_minor || ' ' || s.currency || ' at the provider; our ledger has '
                        || le.amount_minor || ' ' || le.currency
                 else 'fee given back ' || s.fee_minor || ' at the provider; the schedule gives ' || le.fee_minor
               end,
               'statement'
        from statement_lines s
        left join ledger_entries le on le.entry_type = 'REFUND' and le.reference = s.refund_id
        where s.channel = ? and s.business_day = ? and s.kind = 'REFUND'
        union all
        select 'LEDGER_PAID_MISSING', coalesce(p.trade_no, le.order_id), le.order_id, null, le.amount_minor, null,
               le.fee_minor, le.currency, 'paid in our ledger (' || p.status || '); absent from the provider''s statement',
               'ledger'
        from ledger_entries le join payments p on p.order_id = le.order_id
        where le.channel = ? and le.entry_type = 'PAYMENT'
          and coalesce(p.paid_at, le.created_at) >= ? and coalesce(p.paid_at, le.created_at) < ?
          and not exists (select 1 from statement_lines s
                           where s.channel = le.channel and s.business_day between ? and ?
                             and s.kind = 'PAYMENT' and s.order_id = le.order_id)
        union all
        select 'REFUND_MISMATCH', 'refund ' || le.reference, le.order_id, null, le.amount_minor, null, le.fee_minor,
               le.currency, 'refunded in our ledger; absent from the provider''s statement', 'ledger'
        from ledger_entries le
        where le.channel = ? and le.entry_type = 'REFUND' and le.created_at >= ? and le.created_at < ?
          and not exists (select 1 from statement_lines s
                           where s.channel = le.channel and s.business_day between ? and ?
                             and s.kind = 'REFUND' and s.refund_id = le.reference)
      ) d
      where kind is not null
      """;

  private static final String RECORD =
      """
      insert into discrepancies (channel, business_day, kind, reference, order_id, provider_amount_minor,
                                 ledger_amount_minor, provider_fee_minor, ledger_fee_minor, currency, detail, status)
      select ?, ?, kind, reference, order_id, provider_amount, ledger_amount, provider_fee, ledger_fee, currency,
             detail, 'OPEN'
      from found
      on conflict (channel, business_day, kind, reference) do nothing
      """;

  private static final String SETTLE =
      """
      update discrepancies d
         set status = case when d.status = 'REPAIRING' then 'REPAIRED' else 'RESOLVED' end,
             resolution = coalesce(d.resolution || '; ', '') || 'matched when the day was reconciled again',
             updated_at = now()
       where d.channel = ? and d.business_day = ? and d.status in ('OPEN', 'REPAIRING')
         and not exists (select 1 from found f where f.kind = d.kind and f.reference = d.reference)
      """;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  public DiscrepancyMatcher(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  /** Matches the channel's day (in {@code zone}) and records what differs. */
  public MatchResult match(String channel, LocalDate day, ZoneId zone) {
    Date d = Date.valueOf(day);
    Date before = Date.valueOf(day.minusDays(1));
    Date after = Date.valueOf(day.plusDays(1));
    Timestamp from = Timestamp.from(day.atStartOfDay(zone).toInstant());
    Timestamp to = Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant());
    return tx.execute(
        t -> {
          jdbc.update(
              FIND, channel, d, channel, d, channel, from, to, before, after, channel, from, to,
              before, after);
          jdbc.update(RECORD, channel, d);
          jdbc.update(SETTLE, channel, d);
          long lines =
              count(
                  "select count(*) from statement_lines where channel = ? and business_day = ?",
                  channel,
                  d);
          long differing =
              count(
                  "select count(distinct (kind, reference)) from found where source = 'statement'");
          long open =
              count(
                  "select count(*) from discrepancies where channel = ? and business_day = ? "
                      + "and status in ('OPEN', 'REPAIRING')",
                  channel,
                  d);
          long repairable =
              count(
                  "select count(*) from discrepancies where channel = ? and business_day = ? "
                      + "and status = 'OPEN' and kind = 'PROVIDER_PAID_NOT_PAID'",
                  channel,
                  d);
          jdbc.update(
              "update reconciliation_runs set matched = ? where channel = ? and business_day = ?",
              lines - differing,
              channel,
              d);
          return new MatchResult(lines - differing, open, repairable);
        });
  }

  private long count(String sql, Object... args) {
    Long n = jdbc.queryForObject(sql, Long.class, args);
    return n == null ? 0 : n;
  }
}
