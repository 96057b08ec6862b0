package io.channelshift.risk;

import io.channelshift.payment.RiskCheck;
import io.channelshift.payment.RiskDecision;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Judges payments by their product type's {@link RiskLimits} and records every verdict. The check and the
 * record happen in one transaction under a lock on the user, so two payments of one user cannot both pass a
 * limit that only one of them fits. The day is the calendar day in the configured zone.
 */
public class RiskStore {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final ZoneId zone;

  public RiskStore(DataSource dataSource, ZoneId zone) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.zone = zone;
  }

  public RiskDecision assess(RiskCheck c, RiskLimits limits) {
    return tx.execute(status -> {
      RiskDecision earlier = decided(c.orderId());
      if (earlier != null) {
        return earlier; // a retried activity: the verdict stands
      }
      jdbc.queryForObject("select pg_advisory_xact_lock(hashtext('risk:' || ?))", Object.class, c.userId());
      RiskDecision decision = judge(c, limits);
      jdbc.update("""
          insert into risk_decisions (order_id, user_id, product_type, amount_minor, currency, client_ip, passed,
                                      rule, detail)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?)
          """, c.orderId(), c.userId(), c.productType(), c.amountMinor(), c.currency(), c.clientIp(),
          decision.passed(), decision.rule(), decision.detail());
      return decision;
    });
  }

  private RiskDecision judge(RiskCheck c, RiskLimits limits) {
    String blockedBy = IpBlocklist.blockedBy(c.clientIp(), limits.blockedIps());
    if (blockedBy != null) {
      return RiskDecision.reject("BLOCKED_IP", "client IP " + c.clientIp() + " is blocked (" + blockedBy + ")");
    }
    if (limits.maxAmountMinor() != null && c.amountMinor() > limits.maxAmountMinor()) {
      return RiskDecision.reject("MAX_AMOUNT", c.amountMinor() + " " + c.currency() + " is above the maximum of "
          + limits.maxAmountMinor() + " for " + c.productType());
    }
    if (limits.maxPerMinute() != null) {
      Integer lastMinute = jdbc.queryForObject("""
          select count(*) from risk_decisions
          where user_id = ? and product_type = ? and passed and decided_at > now() - interval '1 minute'
          """, Integer.class, c.userId(), c.productType());
      if (lastMinute != null && lastMinute >= limits.maxPerMinute()) {
        return RiskDecision.reject("VELOCITY", lastMinute + " " + c.productType()
            + " payments in the last minute; at most " + limits.maxPerMinute());
      }
    }
    if (limits.dailyMaxMinor() != null) {
      long today = paidOrPendingToday(c);
      if (today + c.amountMinor() > limits.dailyMaxMinor()) {
        return RiskDecision.reject("DAILY_MAX", "today " + today + " + this " + c.amountMinor() + " > "
            + limits.dailyMaxMinor() + " " + c.currency() + " for " + c.productType());
      }
    }
    return RiskDecision.pass();
  }

  /** What the user has paid or may still pay today: passed payments that did not fail or close unpaid. */
  private long paidOrPendingToday(RiskCheck c) {
    LocalDate day = LocalDate.now(zone);
    Long sum = jdbc.queryForObject("""
        select coalesce(sum(r.amount_minor), 0) from risk_decisions r
        left join payments p on p.order_id = r.order_id
        where r.user_id = ? and r.product_type = ? and r.currency = ? and r.passed
          and r.decided_at >= ? and r.decided_at < ?
          and coalesce(p.status, 'CREATED') not in ('CLOSED', 'FAILED', 'REJECTED')
        """, Long.class, c.userId(), c.productType(), c.currency(),
        Timestamp.from(day.atStartOfDay(zone).toInstant()),
        Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()));
    return sum == null ? 0 : sum;
  }

  private RiskDecision decided(String orderId) {
    List<RiskDecision> rows = jdbc.query("select passed, rule, detail from risk_decisions where order_id = ?",
        (rs, i) -> new RiskDecision(rs.getBoolean(1), rs.getString(2), rs.getString(3)), orderId);
    return rows.isEmpty() ? null : rows.get(0);
  }
}
