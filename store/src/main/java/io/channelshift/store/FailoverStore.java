package io.channelshift.store;

import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The moves of payments from a channel that could not create their order to a backup ({@code
 * payment_failovers}, V12). The choice of the backup belongs to {@link
 * RoutingDecisions#failoverRoute}; this store only records a move, idempotently, and says which
 * channels a payment left.
 */
public class FailoverStore {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  public FailoverStore(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  /** What became of a move: see {@link #move}. */
  public enum Moved {
    /** The payment now names the new channel. */
    MOVED,
    /** The payment had already left {@code from} (a retried move): its row says where to. */
    ALREADY_MOVED,
    /** The table the move was chosen on is no longer in force: choose again on the new one. */
    STALE
  }

  /**
   * Moves a payment still being created ({@code CREATED}) from {@code from} to {@code to} on the
   * table {@code version}, only if that table is still the one in force for its product type, and
   * records the channel it left, in one transaction. It shares the routing lock first, as a route
   * claim does ({@link PaymentStore#claimRoute}), so a move and a table write are ordered the same
   * way: no payment moves onto a table replaced before the move committed. A repeat (an activity
   * retried, or two attempts at once) finds the payment gone from {@code from} and changes nothing.
   */
  public Moved move(String orderId, String from, String to, long version, String reason) {
    return tx.execute(
        status -> {
          RoutingStore.shareTablesInForce(jdbc);
          // The row lock taken here orders two attempts of the same move: the second sees the
          // first.
          List<String> current =
              jdbc.queryForList(
                  "select channel from payments where order_id = ? for update",
                  String.class,
                  orderId);
          if (current.isEmpty()) {
            throw new IllegalStateException("no payment " + orderId + " to move");
          }
          if (!current.get(0).equals(from)) {
            return Moved.ALREADY_MOVED;
          }
          int moved =
              jdbc.update(
                  """
              update payments p set channel = ?, routing_version = ?, updated_at = now()
               where p.order_id = ? and p.channel = ? and p.status = 'CREATED'
                 and ? = (select version from routing_tables %s)
              """
                      .formatted(RoutingDecisions.IN_FORCE_SQL),
                  to,
                  version,
                  orderId,
                  from,
                  version,
                  productType(orderId));
          if (moved == 0) {
            return Moved.STALE;
          }
          jdbc.update(
              """
              insert into payment_failovers (order_id, from_channel, to_channel, routing_version, reason)
              values (?, ?, ?, ?, ?)
              on conflict (order_id, from_channel) do nothing
              """,
              orderId,
              from,
              to,
              version,
              reason);
          return Moved.MOVED;
        });
  }

  /**
   * The channels a payment left at its create, oldest first; empty for a payment that never moved.
   */
  public List<String> abandonedChannels(String orderId) {
    return jdbc.queryForList(
        "select from_channel from payment_failovers where order_id = ? order by created_at, from_channel",
        String.class,
        orderId);
  }

  /** The channel a payment is on now, as its row says. */
  public Optional<Route> route(String orderId) {
    return jdbc
        .query(
            "select channel, routing_version, product_type, user_id from payments where order_id = ?",
            (rs, i) -> new Route(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)),
            orderId)
        .stream()
        .findFirst();
  }

  /** A payment's channel and table version, with what routing it needs (product type, user). */
  public record Route(String channel, long routingVersion, String productType, String userId) {}

  private String productType(String orderId) {
    return jdbc.queryForObject(
        "select product_type from payments where order_id = ?", String.class, orderId);
  }
}
