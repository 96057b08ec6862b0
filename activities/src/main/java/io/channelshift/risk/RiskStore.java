package io.channelshift.risk;

import io.channelshift.payment.RiskCheck;
import io.channelshift.payment.RiskDecision;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Judges payments by their product type's {@link RiskLimits} and records every verdict. What needs no store (a
 * blocked address, the maximum amount) is judged here; the counts (velocity, the daily maximum) are judged and the
 * verdict recorded by the {@code assess_risk} function (V6), in one round trip under a lock on the user, so two
 * payments of one user cannot both pass a limit that only one of them fits. The day is the calendar day in the
 * configured zone.
 */
public class RiskStore {

  private final JdbcTemplate jdbc;
  private final ZoneId zone;

  public RiskStore(DataSource dataSource, ZoneId zone) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.zone = zone;
  }

  public RiskDecision assess(RiskCheck c, RiskLimits limits) {
    RiskDecision early = judgeWithoutCounts(c, limits);
    LocalDate day = LocalDate.now(zone);
    return jdbc.queryForObject("""
        select passed, rule, detail
        from assess_risk(?, ?, ?, ?::bigint, ?, ?, ?, ?, ?::integer, ?::bigint, ?::timestamptz, ?::timestamptz)
        """, (rs, i) -> new RiskDecision(rs.getBoolean(1), rs.getString(2), rs.getString(3)),
        c.orderId(), c.userId(), c.productType(), c.amountMinor(), c.currency(), c.clientIp(),
        early == null ? null : early.rule(), early == null ? null : early.detail(),
        limits.maxPerMinute(), limits.dailyMaxMinor(), Timestamp.from(day.atStartOfDay(zone).toInstant()),
        Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()));
  }

  /** A rejection by the rules that need no counts, or null when those pass. */
  private static RiskDecision judgeWithoutCounts(RiskCheck c, RiskLimits limits) {
    String blockedBy = IpBlocklist.blockedBy(c.clientIp(), limits.blockedIps());
    if (blockedBy != null) {
      return RiskDecision.reject("BLOCKED_IP", "client IP " + c.clientIp() + " is blocked (" + blockedBy + ")");
    }
    if (limits.maxAmountMinor() != null && c.amountMinor() > limits.maxAmountMinor()) {
      return RiskDecision.reject("MAX_AMOUNT", c.amountMinor() + " " + c.currency() + " is above the maximum of "
          + limits.maxAmountMinor() + " for " + c.productType());
    }
    return null;
  }
}
