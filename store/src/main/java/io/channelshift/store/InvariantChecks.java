package io.channelshift.store;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The invariants 1-4 of docs/architecture.md, checked from the database: each returns the number of
 * violations (0 is good).
 */
public class InvariantChecks {

  private final JdbcTemplate jdbc;

  public InvariantChecks(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  public Map<String, Long> violations() {
    Map<String, Long> result = new LinkedHashMap<>();
    result.put(
        "paymentsNotTerminal",
        count(
            """
        select count(*) from payments
        where status not in ('FULFILLED', 'CLOSED', 'REJECTED', 'FAILED', 'PARTIALLY_REFUNDED', 'REFUNDED', 'ANOMALY')
        """));
    result.put(
        "ordersPaidTwice",
        count(
            """
        select count(*) from (select order_id from ledger_entries where entry_type = 'PAYMENT'
                              group by order_id having count(*) > 1) t
        """));
    result.put(
        "refundsAbovePaid",
        count(
            """
        select count(*) from payments p
        where (select coalesce(sum(amount_minor), 0) from ledger_entries l
               where l.order_id = p.order_id and l.entry_type = 'REFUND')
            > (select coalesce(sum(amount_minor), 0) from ledger_entries l
               where l.order_id = p.order_id and l.entry_type = 'PAYMENT')
        """));
    result.put(
        "callbacksAppliedTwice",
        count(
            """
        select count(*) from (select channel, notify_id from callback_inbox group by channel, notify_id
                              having count(*) > 1) t
        """));
    result.put(
        "moneyKeptForClosedOrders",
        count(
            """
        select count(*) from payments where status = 'CLOSED' and paid_amount_minor > refunded_amount_minor
        """));
    // Invariant 4: a payment's channel had weight in the table version it records, or was one of
    // its backups (a payment moved off a channel that takes no new payments), and that version
    // exists.
    result.put(
        "paymentsOffTheirRoutingTable",
        count(
            """
        select count(*) from payments p left join routing_tables t on t.version = p.routing_version
        where t.version is null
           or (coalesce((t.weights_bps ->> p.channel)::int, 0) = 0 and not t.backups ? p.channel)
        """));
    return result;
  }

  private long count(String sql) {
    Long n = jdbc.queryForObject(sql, Long.class);
    return n == null ? 0 : n;
  }
}
