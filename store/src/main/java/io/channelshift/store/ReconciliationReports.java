package io.channelshift.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Read-only views of reconciliation runs and their discrepancies, for the API and the CLI. */
public class ReconciliationReports {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN_COLUMNS =
      "channel, business_day, status, statement_lines, matched, "
          + "discrepancies_open, repairs_pending, totals::text, runs, started_at, finished_at";

  private static final String DISCREPANCY_COLUMNS =
      "select id, kind, reference, order_id, provider_amount_minor, "
          + "ledger_amount_minor, provider_fee_minor, ledger_fee_minor, currency, detail, status, resolution, updated_at "
          + "from discrepancies";

  private final JdbcTemplate jdbc;

  public ReconciliationReports(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /**
   * One run as last recorded.
   *
   * @param totals per currency: the provider's and the ledger's payments, refunds and net fees of
   *     the day
   */
  public record Run(
      String channel,
      String day,
      String status,
      long statementLines,
      long matched,
      long discrepanciesOpen,
      long repairsPending,
      Map<String, Map<String, Long>> totals,
      int runs,
      String startedAt,
      String finishedAt) {}

  public record Discrepancy(
      long id,
      String kind,
      String reference,
      String orderId,
      Long providerAmountMinor,
      Long ledgerAmountMinor,
      Long providerFeeMinor,
      Long ledgerFeeMinor,
      String currency,
      String detail,
      String status,
      String resolution,
      String updatedAt) {}

  /**
   * A run with its discrepancies: counts per kind and status, and the first {@code limit} of them.
   */
  public record Report(
      Run run,
      Map<String, Map<String, Long>> counts,
      List<Discrepancy> discrepancies,
      boolean truncated) {}

  public Optional<Report> report(String channel, LocalDate day, int limit) {
    List<Run> runs =
        jdbc.query(
            "select "
                + RUN_COLUMNS
                + " from reconciliation_runs where channel = ? "
                + "and business_day = ?",
            this::run,
            channel,
            Date.valueOf(day));
    if (runs.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    jdbc.query(
        "select kind, status, count(*) from discrepancies where channel = ? and business_day = ? "
            + "group by kind, status order by kind, status",
        rs -> {
          counts
              .computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
              .put(rs.getString(2), rs.getLong(3));
        },
        channel,
        Date.valueOf(day));
    List<Discrepancy> list =
        jdbc.query(
            DISCREPANCY_COLUMNS
                + " where channel = ? and business_day = ? "
                + "order by (status in ('OPEN', 'REPAIRING')) desc, id limit ?",
            this::toDiscrepancy,
            channel,
            Date.valueOf(day),
            limit + 1);
    boolean truncated = list.size() > limit;
    return Optional.of(
        new Report(runs.get(0), counts, truncated ? list.subList(0, limit) : list, truncated));
  }

  /** One discrepancy by its id. */
  public Optional<Discrepancy> discrepancy(long id) {
    return jdbc.query(DISCREPANCY_COLUMNS + " where id = ?", this::toDiscrepancy, id).stream()
        .findFirst();
  }

  /** The most recent runs, newest day first, of one channel or all (null). */
  public List<Run> recent(String channel, int limit) {
    return channel == null
        ? jdbc.query(
            "select "
                + RUN_COLUMNS
                + " from reconciliation_runs order by business_day desc, channel limit ?",
            this::run,
            limit)
        : jdbc.query(
            "select "
                + RUN_COLUMNS
                + " from reconciliation_runs where channel = ? "
                + "order by business_day desc limit ?",
            this::run,
            channel,
            limit);
  }

  private Discrepancy toDiscrepancy(ResultSet rs, int row) throws SQLException {
    return new Discrepancy(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        nullable(rs, 5),
        nullable(rs, 6),
        nullable(rs, 7),
        nullable(rs, 8),
        rs.getString(9) == null ? null : rs.getString(9).trim(),
        rs.getString(10),
        rs.getString(11),
        rs.getString(12),
        iso(rs.getTimestamp(13)));
  }

  private Run run(ResultSet rs, int row) throws SQLException {
    return new Run(
        rs.getString(1),
        rs.getDate(2).toLocalDate().toString(),
        rs.getString(3),
        rs.getLong(4),
        rs.getLong(5),
        rs.getLong(6),
        rs.getLong(7),
        totals(rs.getString(8)),
        rs.getInt(9),
        iso(rs.getTimestamp(10)),
        iso(rs.getTimestamp(11)));
  }

  private static Map<String, Map<String, Long>> totals(String json) {
    try {
      return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Map<String, Long>>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Long nullable(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static String iso(Timestamp t) {
    return t == null ? null : t.toInstant().toString();
  }
}
