package io.channelshift.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What ops asked of payments by hand (settle, resend the fulfilment webhook), who asked, why, and
 * what came of it: {@code manual_requests}. The payment's notes say the same from inside; this is
 * the list across payments.
 */
public class ManualRequests {

  /** What was asked. */
  public enum Action {
    SETTLE,
    RESEND_FULFILMENT,
    RESEND_REFUND_WEBHOOK
  }

  /**
   * One request.
   *
   * @param outcome what the payment answered (SETTLED, NOT_PAID, NO_ANSWER, DELIVERED, ...), or
   *     REFUSED when it refused, or NOT_ANSWERED_IN_TIME when the caller stopped waiting
   * @param refundId the refund whose webhook was sent again; null for the other actions
   * @param paymentStatus the payment's status after it, when known
   */
  public record ManualRequest(
      long id,
      String orderId,
      Action action,
      String refundId,
      String requestedBy,
      String reason,
      String outcome,
      String paymentStatus,
      String detail,
      Instant requestedAt) {}

  private final JdbcTemplate jdbc;

  public ManualRequests(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  public void record(
      String orderId,
      Action action,
      String refundId,
      String requestedBy,
      String reason,
      String outcome,
      String paymentStatus,
      String detail) {
    jdbc.update(
        """
        insert into manual_requests
          (order_id, action, refund_id, requested_by, reason, outcome, payment_status, detail)
        values (?, ?, ?, ?, ?, ?, ?, ?)
        """,
        orderId,
        action.name(),
        refundId,
        requestedBy,
        reason,
        outcome,
        paymentStatus,
        detail);
  }

  /** The latest requests, newest first; of one order when {@code orderId} is given. */
  public List<ManualRequest> recent(String orderId, int limit) {
    return orderId == null
        ? jdbc.query(
            "select * from manual_requests order by id desc limit ?", ManualRequests::row, limit)
        : jdbc.query(
            "select * from manual_requests where order_id = ? order by id desc limit ?",
            ManualRequests::row,
            orderId,
            limit);
  }

  private static ManualRequest row(ResultSet rs, int n) throws SQLException {
    return new ManualRequest(
        rs.getLong("id"),
        rs.getString("order_id"),
        Action.valueOf(rs.getString("action")),
        rs.getString("refund_id"),
        rs.getString("requested_by"),
        rs.getString("reason"),
        rs.getString("outcome"),
        rs.getString("payment_status"),
        rs.getString("detail"),
        rs.getTimestamp("requested_at").toInstant());
  }
}
