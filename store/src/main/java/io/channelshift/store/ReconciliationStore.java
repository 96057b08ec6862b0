package io.channelshift.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.fees.ChannelFees;
import io.channelshift.reconciliation.ReconciliationSummary;
import io.channelshift.reconciliation.StatementLine;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reconciliation runs, the staged statements and the discrepancies in PostgreSQL. Statements are
 * staged with COPY and matched with set operations in the database, so the worker holds one page at
 * a time whatever the size of the day.
 *
 * <p>Longer than most classes here on purpose: each method is one set-based SQL statement over a
 * day's tables, written out in full beside the Java that calls it.
 */
public class ReconciliationStore {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final DataSource dataSource;
  private final ChannelFees fees;

  public ReconciliationStore(DataSource dataSource, ChannelFees fees) {
    this.dataSource = dataSource;
    this.jdbc = new JdbcTemplate(dataSource);
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.fees = fees;
  }

  /** A fresh read of the day: forgets what an earlier run staged and marks the run RUNNING. */
  public void startRun(String channel, LocalDate day) {
    tx.executeWithoutResult(
        t -> {
          jdbc.update(
              "delete from statement_lines where channel = ? and business_day = ?",
              channel,
              Date.valueOf(day));
          jdbc.update(
              """
          insert into reconciliation_runs (channel, business_day, status) values (?, ?, 'RUNNING')
          on conflict (channel, business_day) do update
             set status = 'RUNNING', runs = reconciliation_runs.runs + 1, started_at = now(), finished_at = null
          """,
              channel,
              Date.valueOf(day));
        });
  }

  /** A resumed read: drops lines an interrupted attempt staged past the last line it reported. */
  public void discardStagedAfter(String channel, LocalDate day, long lineNo) {
    jdbc.update(
        "delete from statement_lines where channel = ? and business_day = ? and line_no > ?",
        channel,
        Date.valueOf(day),
        lineNo);
  }

  /** Stages a page of statement lines with COPY, in one transaction. */
  public void stage(String channel, LocalDate day, List<StatementLine> page) {
    StringBuilder csv = new StringBuilder(page.size() * 120);
    for (StatementLine l : page) {
      csv.append(quote(channel))
          .append(',')
          .append(day)
          .append(',')
          .append(l.lineNo())
          .append(',')
          .append(l.kind().name())
          .append(',')
          .append(quote(l.tradeNo()))
          .append(',')
          .append(quote(l.orderId()))
          .append(',')
          .append(quote(l.refundId()))
          .append(',')
          .append(l.amountMinor())
          .append(',')
          .append(quote(l.currency()))
          .append(',')
          .append(l.feeMinor() == null ? "" : l.feeMinor())
          .append(',')
          .append(l.occurredAt() == null ? "" : l.occurredAt().toString())
          .append('\n');
    }
    tx.executeWithoutResult(
        t -> {
          Connection connection = DataSourceUtils.getConnection(dataSource);
          try {
            connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn(
                    """
            copy statement_lines (channel, business_day, line_no, kind, trade_no, order_id, refund_id, amount_minor,
                                  currency, fee_minor, occurred_at) from stdin (format csv)
            """,
                    new StringReader(csv.toString()));
          } catch (SQLException e) {
            throw new IllegalStateException(
                "staging " + page.size() + " statement lines failed: " + e.getMessage(), e);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
          }
        });
  }

  public long stagedLines(String channel, LocalDate day) {
    Long n =
        jdbc.queryForObject(
            "select count(*) from statement_lines where channel = ? and business_day = ?",
            Long.class,
            channel,
            Date.valueOf(day));
    return n == null ? 0 : n;
  }

  /** A difference the reconciliation may repair itself, with the payment's status now. */
  public record RepairCandidate(long id, String orderId, String paymentStatus) {}

  /** Open PROVIDER_PAID_NOT_PAID differences of the day after {@code afterId}, oldest first. */
  public List<RepairCandidate> repairCandidates(
      String channel, LocalDate day, long afterId, int limit) {
    return jdbc.query(
        """
        select d.id, d.order_id, p.status from discrepancies d join payments p on p.order_id = d.order_id
        where d.channel = ? and d.business_day = ? and d.kind = 'PROVIDER_PAID_NOT_PAID' and d.status = 'OPEN'
          and d.id > ?
        order by d.id limit ?
        """,
        (rs, i) -> new RepairCandidate(rs.getLong(1), rs.getString(2), rs.getString(3)),
        channel,
        Date.valueOf(day),
        afterId,
        limit);
  }

  /**
   * Records what the repair did: REPAIRING when the payment was handed over, OPEN (for a human)
   * otherwise.
   */
  public void recordRepair(long id, boolean handedOver, String resolution) {
    jdbc.update(
        "update discrepancies set status = ?, resolution = ?, updated_at = now() where id = ? and status = 'OPEN'",
        handedOver ? "REPAIRING" : "OPEN",
        resolution,
        id);
  }

  /**
   * Repairs whose payment now has its money in the ledger become REPAIRED; returns how many are
   * still pending.
   */
  public long confirmRepairs(String channel, LocalDate day) {
    jdbc.update(
        """
        update discrepancies d
           set status = 'REPAIRED', resolution = d.resolution || '; the payment is now ' || p.status, updated_at = now()
          from payments p
         where p.order_id = d.order_id and d.channel = ? and d.business_day = ? and d.status = 'REPAIRING'
           and exists (select 1 from ledger_entries le where le.order_id = d.order_id and le.entry_type = 'PAYMENT')
        """,
        channel,
        Date.valueOf(day));
    return count(
        "select count(*) from discrepancies where channel = ? and business_day = ? and status = 'REPAIRING'",
        channel,
        Date.valueOf(day));
  }

  /** What became of a person's resolution of a discrepancy. */
  public enum Resolution {
    RESOLVED,
    NOT_FOUND,
    ALREADY_SETTLED
  }

  /**
   * A person settles an open (or repairing) discrepancy with what they did; the day's counts
   * follow. A settled one stays as it was, and a re-run of the day leaves a resolved one resolved.
   */
  public Resolution resolveByHand(long id, String by, String what) {
    return tx.execute(
        t -> {
          List<Map<String, Object>> rows =
              jdbc.queryForList(
                  "select channel, business_day, status from discrepancies where id = ? for update",
                  id);
          if (rows.isEmpty()) {
            return Resolution.NOT_FOUND;
          }
          Map<String, Object> row = rows.get(0);
          if (!List.of("OPEN", "REPAIRING").contains((String) row.get("status"))) {
            return Resolution.ALREADY_SETTLED;
          }
          jdbc.update(
              "update discrepancies set status = 'RESOLVED', resolution = coalesce(resolution || '; ', '') || ?,"
                  + " updated_at = now() where id = ?",
              "resolved by " + by + ": " + what,
              id);
          jdbc.update(
              "update reconciliation_runs r set discrepancies_open = (select count(*) from discrepancies d "
                  + "where d.channel = r.channel and d.business_day = r.business_day and d.status = 'OPEN'), "
                  + "repairs_pending = (select count(*) from discrepancies d where d.channel = r.channel "
                  + "and d.business_day = r.business_day and d.status = 'REPAIRING') "
                  + "where r.channel = ? and r.business_day = ?",
              row.get("channel"),
              row.get("business_day"));
          return Resolution.RESOLVED;
        });
  }

  /** Records the day's totals and counts and marks the run COMPLETED. */
  public ReconciliationSummary complete(String channel, LocalDate day) {
    long matched = matched(channel, day);
    ZoneId zone = fees.zone(channel);
    Date d = Date.valueOf(day);
    Timestamp from = Timestamp.from(day.atStartOfDay(zone).toInstant());
    Timestamp to = Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant());
    Map<String, Map<String, Long>> totals = new TreeMap<>();
    jdbc.query(
        """
        select currency,
               coalesce(sum(amount_minor) filter (where kind = 'PAYMENT'), 0),
               coalesce(sum(amount_minor) filter (where kind = 'REFUND'), 0),
               coalesce(sum(fee_minor) filter (where kind = 'PAYMENT'), 0)
                 - coalesce(sum(fee_minor) filter (where kind = 'REFUND'), 0)
        from statement_lines where channel = ? and business_day = ? group by currency
        """,
        rs -> {
          Map<String, Long> t =
              totals.computeIfAbsent(rs.getString(1).trim(), c -> new LinkedHashMap<>());
          t.put("providerPaymentsMinor", rs.getLong(2));
          t.put("providerRefundsMinor", rs.getLong(3));
          t.put("providerFeesMinor", rs.getLong(4));
        },
        channel,
        d);
    jdbc.query(
        """
        select le.currency,
               coalesce(sum(le.amount_minor) filter (where le.entry_type = 'PAYMENT'), 0),
               coalesce(sum(le.amount_minor) filter (where le.entry_type = 'REFUND'), 0),
               coalesce(sum(le.fee_minor) filter (where le.entry_type = 'PAYMENT'), 0)
                 - coalesce(sum(le.fee_minor) filter (where le.entry_type = 'REFUND'), 0)
        from ledger_entries le join payments p on p.order_id = le.order_id
        where le.channel = ?
          and case when le.entry_type = 'PAYMENT' then coalesce(p.paid_at, le.created_at) else le.created_at end >= ?
          and case when le.entry_type = 'PAYMENT' then coalesce(p.paid_at, le.created_at) else le.created_at end < ?
        group by le.currency
        """,
        rs -> {
          Map<String, Long> t =
              totals.computeIfAbsent(rs.getString(1).trim(), c -> new LinkedHashMap<>());
          t.put("ledgerPaymentsMinor", rs.getLong(2));
          t.put("ledgerRefundsMinor", rs.getLong(3));
          t.put("ledgerFeesMinor", rs.getLong(4));
        },
        channel,
        from,
        to);
    long lines = stagedLines(channel, day);
    long open =
        count(
            "select count(*) from discrepancies where channel = ? and business_day = ? and status = 'OPEN'",
            channel,
            d);
    long pending =
        count(
            "select count(*) from discrepancies where channel = ? and business_day = ? "
                + "and status = 'REPAIRING'",
            channel,
            d);
    long repaired =
        count(
            "select count(*) from discrepancies where channel = ? and business_day = ? "
                + "and status = 'REPAIRED'",
            channel,
            d);
    jdbc.update(
        """
        update reconciliation_runs
           set status = 'COMPLETED', statement_lines = ?, matched = ?, discrepancies_open = ?, repairs_pending = ?,
               totals = ?::jsonb, finished_at = now()
         where channel = ? and business_day = ?
        """,
        lines,
        matched,
        open,
        pending,
        json(totals),
        channel,
        d);
    return new ReconciliationSummary(
        channel, day.toString(), lines, matched, open, repaired, pending);
  }

  public long matched(String channel, LocalDate day) {
    return count(
        "select matched from reconciliation_runs where channel = ? and business_day = ?",
        channel,
        Date.valueOf(day));
  }

  private String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private long count(String sql, Object... args) {
    List<Long> n = jdbc.queryForList(sql, Long.class, args);
    return n.isEmpty() || n.get(0) == null ? 0 : n.get(0);
  }

  /**
   * CSV field: empty for null (COPY reads it as NULL), quoted otherwise so commas and quotes
   * survive.
   */
  private static String quote(String value) {
    return value == null ? "" : '"' + value.replace("\"", "\"\"") + '"';
  }
}
