package io.channelshift.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the worker's metrics collector reads from the database every few seconds: counts, never
 * rows. Every query is bounded by an index or by a table that stays small, so its cost does not
 * grow with the payments' history:
 *
 * <ul>
 *   <li>payments: only the open statuses, through {@code payments_status} (an open payment ends
 *       within its expiry, its fulfilment deadline or its refund, so these rows stay few however
 *       many payments have ended);
 *   <li>discrepancies: {@code OPEN} and {@code REPAIRING}, through the partial index {@code
 *       discrepancies_open};
 *   <li>channel states, migrations and routing scopes: tables with a row per channel, per migration
 *       and per routing change.
 * </ul>
 */
public class OpsReadings {

  /** The statuses of a payment that has not ended yet. */
  public static final List<String> OPEN_STATUSES =
      List.of("CREATED", "AWAITING_PAYMENT", "PAID", "REFUNDING");

  /**
   * How a payment whose fulfilment webhook was given up at its deadline is recorded: status PAID
   * with this reason (the payment workflow's Fulfilment writes it).
   */
  static final String WEBHOOK_GIVEN_UP_REASON = "fulfilment webhook not acknowledged%";

  /** A payment still waiting this long after its expiry has not been closed as it should. */
  static final String PAST_EXPIRY_GRACE = "5 minutes";

  /** The most running migrations read (one per scope runs at most). */
  static final int MAX_MIGRATIONS = 200;

  /**
   * The scopes with a routing table, one index probe per scope along the primary key (scope,
   * version): every change of weights adds a version, so a {@code group by} would read every
   * version ever written at each collection.
   */
  private static final String DISTINCT_SCOPES =
      """
      with recursive s(scope) as (
        (select scope from routing_tables order by scope limit 1)
        union all
        select (select r.scope from routing_tables r where r.scope > s.scope order by r.scope limit 1)
        from s where s.scope is not null)
      select scope from s where scope is not null""";

  private final JdbcTemplate jdbc;

  /**
   * @param queryTimeoutSeconds how long one query may take before it is given up
   */
  public OpsReadings(DataSource dataSource, int queryTimeoutSeconds) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.jdbc.setQueryTimeout(queryTimeoutSeconds);
  }

  /** One status's open payments: how many, and how long the oldest has been in it. */
  public record OpenPayments(long count, double oldestAgeSeconds) {}

  /** A migration registered and not ended. */
  public record RunningMigration(String migrationId, String scope) {}

  /**
   * @param openPayments by open status (every one of {@link #OPEN_STATUSES}, zero included)
   * @param pastExpiry payments still CREATED or AWAITING_PAYMENT five minutes after their expiry
   * @param webhooksPending PAID payments whose fulfilment webhook is still being retried
   * @param webhooksGivenUp PAID payments whose fulfilment webhook was given up at its deadline
   * @param discrepanciesOpen by channel, status OPEN
   * @param repairsPending by channel, status REPAIRING
   * @param channelStates the lifecycle state of every channel that has one recorded
   * @param running the migrations not ended
   * @param scopes every scope with a routing table or a migration
   * @param rollbacksByScope migrations that ended rolled back, per scope (zero included)
   */
  public record Snapshot(
      Map<String, OpenPayments> openPayments,
      long pastExpiry,
      long webhooksPending,
      long webhooksGivenUp,
      Map<String, Long> discrepanciesOpen,
      Map<String, Long> repairsPending,
      Map<String, String> channelStates,
      List<RunningMigration> running,
      Set<String> scopes,
      Map<String, Long> rollbacksByScope) {}

  public Snapshot read() {
    Map<String, OpenPayments> open = new LinkedHashMap<>();
    OPEN_STATUSES.forEach(s -> open.put(s, new OpenPayments(0, 0)));
    long[] pastExpiry = {0};
    long[] givenUp = {0};
    jdbc.query(
        """
        select status, count(*) as n,
               coalesce(extract(epoch from now() - min(updated_at)), 0) as oldest_s,
               count(*) filter (where status in ('CREATED', 'AWAITING_PAYMENT')
                                  and expires_at < now() - cast(? as interval)) as past_expiry,
               count(*) filter (where status = 'PAID' and status_reason like ?) as given_up
        from payments where status in ('CREATED', 'AWAITING_PAYMENT', 'PAID', 'REFUNDING')
        group by status""",
        rs -> {
          open.put(
              rs.getString("status"),
              new OpenPayments(rs.getLong("n"), Math.max(0, rs.getDouble("oldest_s"))));
          pastExpiry[0] += rs.getLong("past_expiry");
          givenUp[0] += rs.getLong("given_up");
        },
        PAST_EXPIRY_GRACE,
        WEBHOOK_GIVEN_UP_REASON);

    Map<String, Long> discrepancies = new TreeMap<>();
    Map<String, Long> repairs = new TreeMap<>();
    jdbc.query(
        """
        select channel, count(*) filter (where status = 'OPEN') as open,
               count(*) filter (where status = 'REPAIRING') as repairing
        from discrepancies where status in ('OPEN', 'REPAIRING') group by channel""",
        rs -> {
          discrepancies.put(rs.getString("channel"), rs.getLong("open"));
          repairs.put(rs.getString("channel"), rs.getLong("repairing"));
        });

    Map<String, String> states = new TreeMap<>();
    jdbc.query(
        "select channel, state from channel_states",
        rs -> {
          states.put(rs.getString("channel"), rs.getString("state"));
        });

    List<RunningMigration> running = new ArrayList<>();
    jdbc.query(
        "select migration_id, scope from migrations where ended_at is null order by migration_id"
            + " limit "
            + MAX_MIGRATIONS,
        rs -> {
          running.add(new RunningMigration(rs.getString("migration_id"), rs.getString("scope")));
        });

    Set<String> scopes = new TreeSet<>(jdbc.queryForList(DISTINCT_SCOPES, String.class));
    Map<String, Long> rollbacks = new TreeMap<>();
    jdbc.query(
        """
        select scope, count(*) filter (where outcome like 'ROLLED_BACK%') as n
        from migrations group by scope""",
        rs -> {
          rollbacks.put(rs.getString("scope"), rs.getLong("n"));
        });
    scopes.addAll(rollbacks.keySet());
    scopes.forEach(s -> rollbacks.putIfAbsent(s, 0L));

    PaymentsPaid paid = new PaymentsPaid(open.get("PAID").count(), givenUp[0]);
    return new Snapshot(
        Map.copyOf(open),
        pastExpiry[0],
        paid.pending(),
        paid.givenUp(),
        Map.copyOf(discrepancies),
        Map.copyOf(repairs),
        Map.copyOf(states),
        List.copyOf(running),
        Set.copyOf(scopes),
        Map.copyOf(rollbacks));
  }

  /** A PAID payment's webhook is either still being retried or given up. */
  private record PaymentsPaid(long paid, long givenUp) {
    long pending() {
      return Math.max(0, paid - givenUp);
    }
  }
}
