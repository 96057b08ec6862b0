package io.channelshift.store;

import io.channelshift.channel.ChannelChange;
import io.channelshift.channel.ChannelState;
import io.channelshift.channel.ChannelStatus;
import io.channelshift.channel.OpenPayments;
import io.channelshift.routing.RoutingTable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each channel's lifecycle state ({@code channel_states}; a channel without a row is ACTIVE) and
 * every change of it ({@code channel_state_changes}). A change is made under the routing lock that
 * {@link RoutingStore} holds to write a table, so route claims ({@link PaymentStore#claimRoute},
 * which refuse a channel that is not ACTIVE) are ordered with it: once a drain has committed, no
 * payment can be recorded on the channel, and a retire counts what the channel holds with no new
 * payment able to slip in. Every change is announced on {@link RoutingStore#CHANNEL}, so the
 * starter's {@link RoutingCache} reloads the states with the tables.
 */
public class ChannelLifecycleStore {

  /** How many order ids a refused retire names. */
  static final int SOME = 5;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final RoutingStore routing;

  public ChannelLifecycleStore(DataSource dataSource) {
    this(dataSource, new RoutingStore(dataSource));
  }

  /**
   * @param routing the routing store on the same database, which knows the channels disabled in
   *     configuration
   */
  public ChannelLifecycleStore(DataSource dataSource, RoutingStore routing) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.routing = routing;
  }

  /** What became of a change: made, or refused with why (and, for a retire, what is open). */
  public sealed interface Outcome {}

  public record Changed(ChannelStatus status) implements Outcome {}

  /**
   * @param open what the channel still holds, when that is why a retire was refused; else null
   */
  public record Refused(String why, OpenPayments open) implements Outcome {}

  /** One recorded change. */
  public record HistoryEntry(
      ChannelState from, ChannelState to, String reason, String changedBy, long changedAtEpochMs) {}

  public ChannelStatus status(String channel) {
    return jdbc
        .query(
            "select channel, state, reason, changed_by, changed_at from channel_states where channel = ?",
            this::statusRow,
            channel)
        .stream()
        .findFirst()
        .orElse(ChannelStatus.untouched(channel));
  }

  /** The channels someone has changed; a channel not in the map is ACTIVE. */
  public Map<String, ChannelStatus> changed() {
    Map<String, ChannelStatus> all = new HashMap<>();
    jdbc.query(
            "select channel, state, reason, changed_by, changed_at from channel_states",
            this::statusRow)
        .forEach(s -> all.put(s.channel(), s));
    return all;
  }

  /** The channels that take no new payments (DRAINING or RETIRED). */
  public Set<String> notActive() {
    return routing.notActiveChannels();
  }

  /** The channel's changes, newest first, at most {@code limit}. */
  public List<HistoryEntry> history(String channel, int limit) {
    return jdbc.query(
        """
        select from_state, to_state, reason, changed_by, changed_at from channel_state_changes
         where channel = ? order by id desc limit ?
        """,
        (rs, row) ->
            new HistoryEntry(
                ChannelState.valueOf(rs.getString(1)),
                ChannelState.valueOf(rs.getString(2)),
                rs.getString(3),
                rs.getString(4),
                rs.getTimestamp(5).getTime()),
        channel,
        limit);
  }

  /**
   * Makes the change unless the rule ({@link io.channelshift.channel.LifecycleAction}) refuses it
   * from the state the channel is in now, a drain would leave some scope with no ACTIVE channel to
   * route to, or a retire finds payments still open or in their after-sales window.
   */
  public Outcome change(ChannelChange change, Duration afterSalesWindow) {
    return tx.execute(
        status -> {
          RoutingStore.lockTablesForWrite(jdbc);
          ChannelStatus now = status(change.channel());
          Optional<String> refusal = change.action().refusalFrom(now.state());
          if (refusal.isPresent()) {
            return new Refused(refusal.get(), null);
          }
          ChannelState target = change.action().target();
          if (target == ChannelState.DRAINING) {
            List<String> stranded = scopesLeftWithoutRoute(change.channel());
            if (!stranded.isEmpty()) {
              return new Refused(
                  "draining "
                      + change.channel()
                      + " would leave scope(s) "
                      + stranded
                      + " with no ACTIVE channel to route to: give the scope an ACTIVE backup"
                      + " (routing table backups) or move its traffic first",
                  null);
            }
          }
          if (target == ChannelState.RETIRED) {
            OpenPayments open = open(change.channel(), afterSalesWindow);
            if (open.total() > 0) {
              return new Refused(describe(change.channel(), open), open);
            }
          }
          return new Changed(write(change, now.state()));
        });
  }

  private ChannelStatus write(ChannelChange change, ChannelState from) {
    ChannelState to = change.action().target();
    Timestamp at = jdbc.queryForObject("select clock_timestamp()::timestamptz", Timestamp.class);
    jdbc.update(
        """
        insert into channel_states (channel, state, reason, changed_by, changed_at)
        values (?, ?, ?, ?, ?)
        on conflict (channel) do update
           set state = excluded.state, reason = excluded.reason,
               changed_by = excluded.changed_by, changed_at = excluded.changed_at
        """,
        change.channel(),
        to.name(),
        change.reason(),
        change.by(),
        at);
    jdbc.update(
        """
        insert into channel_state_changes (channel, from_state, to_state, reason, changed_by, changed_at)
        values (?, ?, ?, ?, ?, ?)
        """,
        change.channel(),
        from.name(),
        to.name(),
        change.reason(),
        change.by(),
        at);
    // the trigger of channel_states announces it on routing_changed (V10)
    return new ChannelStatus(change.channel(), to, change.reason(), change.by(), at.getTime());
  }

  /**
   * What the channel still holds: payments not ended, and ended payments whose after-sales window
   * (taken from the payment's last change, which is never earlier than its end) is still open.
   * Payments that failed or were rejected never had an order to serve, and have no window. The last
   * window's end is over the ended payments (those not ended have not begun theirs). It reads every
   * payment of the channel that is open or changed within the window: an operator's query, not a
   * payment's.
   */
  public OpenPayments open(String channel, Duration afterSalesWindow) {
    String windowEnd = "updated_at + make_interval(secs => ?)";
    double seconds = afterSalesWindow.toMillis() / 1000.0;
    String openWhere =
        """
         channel = ? and status not in ('FAILED', 'REJECTED')
           and (status in ('CREATED', 'AWAITING_PAYMENT', 'PAID', 'REFUNDING') or %s > now())
        """
            .formatted(windowEnd);
    return jdbc.query(
        """
        select count(*) filter (where status in ('CREATED', 'AWAITING_PAYMENT', 'PAID', 'REFUNDING')),
               count(*) filter (where status not in ('CREATED', 'AWAITING_PAYMENT', 'PAID', 'REFUNDING')),
               coalesce(max(%s) filter (where status not in ('CREATED', 'AWAITING_PAYMENT', 'PAID', 'REFUNDING')),
                        to_timestamp(0)),
               (select coalesce(array_agg(order_id), '{}') from
                 (select order_id from payments where %s order by updated_at desc limit %d) o)
          from payments where %s
        """
            .formatted(windowEnd, openWhere, SOME, openWhere),
        rs -> {
          rs.next();
          return new OpenPayments(
              rs.getLong(1),
              rs.getLong(2),
              List.of((String[]) rs.getArray(4).getArray()),
              rs.getTimestamp(3).getTime());
        },
        seconds,
        channel,
        seconds,
        channel,
        seconds);
  }

  private static String describe(String channel, OpenPayments open) {
    return channel
        + " still holds "
        + open.total()
        + " payment(s): "
        + open.notEnded()
        + " not ended, "
        + open.inAfterSales()
        + " in their after-sales window"
        + (open.lastWindowEndsAtEpochMs() > 0
            ? " (the last window ends at "
                + java.time.Instant.ofEpochMilli(open.lastWindowEndsAtEpochMs())
                + ")"
            : "")
        + ", e.g. "
        + open.someOrderIds();
  }

  /**
   * The scopes that draining {@code channel} would leave with payments and nowhere to send them:
   * tables that name the channel (by weight or as a backup) in which some weighted channel, once
   * the channel is drained, is not ACTIVE and has no ACTIVE alternative ({@link
   * RoutingDecisions#alternativesTo}: a backup, else another weighted channel). Draining a backup
   * that carries a drained channel's traffic is caught too.
   */
  private List<String> scopesLeftWithoutRoute(String channel) {
    Set<String> notActive = notActive();
    Predicate<String> activeAfter = c -> !c.equals(channel) && !notActive.contains(c);
    List<String> stranded = new ArrayList<>();
    for (RoutingTable table : routing.allCurrent()) {
      if (table.weightOf(channel) == 0 && !table.backups().contains(channel)) {
        continue; // the change does not touch this scope
      }
      boolean everyWeightedChannelRoutes =
          table.weightsBps().entrySet().stream()
              .filter(w -> w.getValue() > 0)
              .map(w -> w.getKey())
              .allMatch(
                  w ->
                      activeAfter.test(w)
                          || RoutingDecisions.alternativesTo(table, w).stream()
                              .anyMatch(activeAfter));
      if (!everyWeightedChannelRoutes) {
        stranded.add(table.scope());
      }
    }
    return stranded;
  }

  private ChannelStatus statusRow(ResultSet rs, int row) throws SQLException {
    return new ChannelStatus(
        rs.getString(1),
        ChannelState.valueOf(rs.getString(2)),
        rs.getString(3),
        rs.getString(4),
        rs.getTimestamp(5).getTime());
  }
}
