package io.channelshift.store;

import io.channelshift.payment.RiskCheck;
import io.channelshift.payment.RiskDecision;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records every risk verdict and judges the limits that need counts. What needs no store (a blocked
 * address, the maximum amount) is judged by the risk rules (activities) and handed in; the counts
 * (velocity, the daily maximum) are judged and the verdict recorded by the {@code assess_risk}
 * function (V6), in one round trip under a lock on the user, so two payments of one user cannot
 * both pass a limit that only one of them fits. The day is the calendar day in the configured zone.
 */
public class RiskStore {

  private final JdbcTemplate jdbc;
  private final ZoneId zone;

  public RiskStore(DataSource dataSource, ZoneId zone) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.zone = zone;
  }

  /**
   * The verdict on a payment, recorded: {@code rejectedWithoutCounts} when the rules that need no
   * store rejected it, else the counts' verdict under {@code maxPerMinute} and {@code
   * dailyMaxMinor} (null: no limit).
   */
  public RiskDecision assess(
      RiskCheck c,
      Optional<RiskDecision> rejectedWithoutCounts,
      Integer maxPerMinute,
      Long dailyMaxMinor) {
    LocalDate day = LocalDate.now(zone);
    return jdbc.queryForObject(
        """
        select passed, rule, detail
        from assess_risk(?, ?, ?, ?::bigint, ?, ?, ?, ?, ?::integer, ?::bigint, ?::timestamptz, ?::timestamptz)
        """,
        (rs, i) -> new RiskDecision(rs.getBoolean(1), rs.getString(2), rs.getString(3)),
        c.orderId(),
        c.userId(),
        c.productType(),
        c.amountMinor(),
        c.currency(),
        c.clientIp(),
        rejectedWithoutCounts.map(RiskDecision::rule).orElse(null),
        rejectedWithoutCounts.map(RiskDecision::detail).orElse(null),
        maxPerMinute,
        dailyMaxMinor,
        Timestamp.from(day.atStartOfDay(zone).toInstant()),
        Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()));
  }
}
