package io.channelshift.store;

import io.channelshift.migration.ChannelSample;
import io.channelshift.migration.Gate;
import io.channelshift.migration.GateMeasurement;
import io.channelshift.migration.MeasureRequest;
import io.channelshift.routing.RoutingTable;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the migration gates measure, for both channels over the same window, straight from the
 * payments and the callback inbox. Every query is bounded by (channel, time) and runs on the
 * (channel, time) indexes, so an evaluation reads the window's rows only, however many payments the
 * tables hold.
 */
public class GateStore {

  private final JdbcTemplate jdbc;

  public GateStore(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  public GateMeasurement measure(MeasureRequest r) {
    Map<String, Map<Gate, ChannelSample>> byChannel =
        Map.of(
            r.fromChannel(), new EnumMap<>(Gate.class), r.toChannel(), new EnumMap<>(Gate.class));
    boolean all = RoutingTable.ALL.equals(r.scope());
    Timestamp from = new Timestamp(r.windowStartMs());
    Timestamp to = new Timestamp(r.windowEndMs());

    // A payment that failed over at create now names the channel it moved to; the create it left
    // behind is a failed create of the channel that could not take it, and counts there.
    Map<String, Long> leftBehind = new HashMap<>();
    jdbc.query(
        failoversSql(all),
        rs -> {
          leftBehind.put(rs.getString("channel"), rs.getLong("n"));
        },
        args(r, from, to, all));
    for (Map.Entry<String, Long> e : leftBehind.entrySet()) {
      byChannel.get(e.getKey()).put(Gate.CREATE_SUCCESS_RATE, rate(0, e.getValue()));
    }
    jdbc.query(
        paymentsSql(all),
        rs -> {
          Map<Gate, ChannelSample> m = byChannel.get(rs.getString("channel"));
          long creates =
              rs.getLong("creates") + leftBehind.getOrDefault(rs.getString("channel"), 0L);
          long decided = rs.getLong("decided");
          m.put(Gate.CREATE_SUCCESS_RATE, rate(rs.getLong("created"), creates));
          m.put(Gate.PAYMENT_SUCCESS_RATE, rate(rs.getLong("paid"), decided));
          m.put(
              Gate.CREATE_LATENCY_P95_MS,
              value(rs.getObject("latency_p95"), rs.getLong("latency_n")));
        },
        args(r, from, to, all));

    Map<String, Long> rejections = new HashMap<>();
    jdbc.query(
        REJECTIONS_SQL,
        rs -> {
          rejections.put(rs.getString("channel"), rs.getLong("n"));
        },
        r.fromChannel(),
        r.toChannel(),
        from,
        to);

    // Every callback that reached us, per channel: the verification failure rate (never
    // attributable to a product, since an unverified callback names no trusted order), and for
    // scope "all" the delay as well. A refusal counts only when it is evidence against the channel
    // (its signature verified, see CallbackRejectedException.Kind): anyone can post forged junk to
    // a notify URL, and that must never move a gate.
    jdbc.query(
        CALLBACKS_SQL + " group by i.channel",
        rs -> {
          String channel = rs.getString("channel");
          long rejected = rejections.getOrDefault(channel, 0L);
          Map<Gate, ChannelSample> m = byChannel.get(channel);
          m.put(Gate.VERIFICATION_FAILURE_RATE, rate(rejected, rs.getLong("n") + rejected));
          if (all) {
            m.put(
                Gate.CALLBACK_DELAY_P95_MS,
                value(rs.getObject("delay_p95"), rs.getLong("delay_n")));
          }
        },
        r.fromChannel(),
        r.toChannel(),
        from,
        to);
    for (Map.Entry<String, Long> e :
        rejections.entrySet()) { // rejected callbacks and no verified one at all
      byChannel
          .get(e.getKey())
          .putIfAbsent(Gate.VERIFICATION_FAILURE_RATE, rate(e.getValue(), e.getValue()));
    }
    if (!all) { // a product scope's delay counts that product's callbacks only
      jdbc.query(
          CALLBACKS_BY_PRODUCT_SQL + " group by i.channel",
          rs -> {
            byChannel
                .get(rs.getString("channel"))
                .put(
                    Gate.CALLBACK_DELAY_P95_MS,
                    value(rs.getObject("delay_p95"), rs.getLong("delay_n")));
          },
          args(r, from, to, false));
    }

    Long inStep =
        jdbc.queryForObject(
            "select count(*) from payments where channel = ? and created_at >= ?"
                + (all ? "" : " and product_type = ?"),
            Long.class,
            stepArgs(r, all));
    return new GateMeasurement(
        r.windowStartMs(),
        r.windowEndMs(),
        byChannel.get(r.toChannel()),
        byChannel.get(r.fromChannel()),
        inStep == null ? 0 : inStep);
  }

  /**
   * The creates a channel could not take in a window, whose payments moved to a backup ({@code
   * payment_failovers}, by the payment's creation time like every create).
   */
  private static final String FAILOVERS_SQL =
      """
      select f.from_channel as channel, count(*) as n
        from payment_failovers f join payments p on p.order_id = f.order_id
       where f.from_channel in (?, ?) and p.created_at >= ? and p.created_at < ?""";

  private static String failoversSql(boolean all) {
    return FAILOVERS_SQL + (all ? "" : " and p.product_type = ?") + " group by f.from_channel";
  }

  /** The payments query of a window (package-visible: a test checks its plan uses the index). */
  static String paymentsSql(boolean all) {
    return PAYMENTS_SQL + (all ? "" : " and product_type = ?") + " group by channel";
  }

  private static final String PAYMENTS_SQL =
      """
      select channel,
             count(*) filter (where create_outcome is not null) as creates,
             count(*) filter (where create_outcome = 'PROCESSED') as created,
             percentile_cont(0.95) within group (order by create_latency_ms) as latency_p95,
             count(create_latency_ms) as latency_n,
             count(*) filter (where paid_amount_minor > 0 or status = 'CLOSED') as decided,
             count(*) filter (where paid_amount_minor > 0) as paid
        from payments
       where channel in (?, ?) and created_at >= ? and created_at < ?""";

  private static final String CALLBACKS_SQL =
      """
      select i.channel, count(*) as n, percentile_cont(0.95) within group (order by i.delay_ms) as delay_p95,
             count(i.delay_ms) as delay_n
        from callback_inbox i
       where i.channel in (?, ?) and i.received_at >= ? and i.received_at < ?""";

  private static final String CALLBACKS_BY_PRODUCT_SQL =
      """
      select i.channel, count(*) as n, percentile_cont(0.95) within group (order by i.delay_ms) as delay_p95,
             count(i.delay_ms) as delay_n
        from callback_inbox i join payments p on p.order_id = i.order_id
       where i.channel in (?, ?) and i.received_at >= ? and i.received_at < ? and p.product_type = ?""";

  private static final String REJECTIONS_SQL =
      """
      select channel, count(*) as n from callback_rejections
       where evidence and channel in (?, ?) and received_at >= ? and received_at < ? group by channel""";

  private static Object[] args(MeasureRequest r, Timestamp from, Timestamp to, boolean all) {
    List<Object> a = new ArrayList<>(List.of(r.fromChannel(), r.toChannel(), from, to));
    if (!all) {
      a.add(r.scope());
    }
    return a.toArray();
  }

  private static Object[] stepArgs(MeasureRequest r, boolean all) {
    List<Object> a = new ArrayList<>(List.of(r.toChannel(), new Timestamp(r.stepStartedAtMs())));
    if (!all) {
      a.add(r.scope());
    }
    return a.toArray();
  }

  private static ChannelSample rate(long hits, long samples) {
    return new ChannelSample(samples == 0 ? null : (double) hits / samples, samples);
  }

  private static ChannelSample value(Object number, long samples) {
    return new ChannelSample(number == null ? null : ((Number) number).doubleValue(), samples);
  }
}
