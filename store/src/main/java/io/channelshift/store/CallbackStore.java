package io.channelshift.store;

import io.channelshift.payment.ProviderCallback;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The callback inbox (one row per channel and notification id) and the nonce memory against
 * replays. The channels' {@code NonceGuard} is this class's {@link #firstSeen} (wired in the
 * runtime), so the store needs no channel type.
 */
public class CallbackStore {

  /**
   * Nonces older than the callback timestamp window cannot be replayed anyway: the timestamp check
   * refuses them.
   */
  private static final Duration NONCE_MEMORY = Duration.ofMinutes(10);

  /** Pruning is housekeeping, not part of the check: once a minute is plenty. */
  private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(CallbackStore.class);

  /**
   * What became of a verified callback: handed to its running payment, or for no running payment.
   */
  public static final String DELIVERED = "DELIVERED";

  public static final String UNKNOWN_ORDER = "UNKNOWN_ORDER";

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private volatile long lastPrunedAt;

  public CallbackStore(DataSource dataSource) {
    this(dataSource, Clock.systemUTC());
  }

  public CallbackStore(DataSource dataSource, Clock clock) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.clock = clock;
  }

  /**
   * Records a verified callback with what became of it (DELIVERED to its payment, or UNKNOWN_ORDER)
   * and how long after the provider's paidAt it arrived, before its payment is told (the payment
   * looks it up here). Returns false when this notification was already recorded; the first record
   * stands.
   */
  public boolean record(
      String channel,
      String notifyId,
      String orderId,
      String payloadJson,
      String outcome,
      String paidAt) {
    return jdbc.update(
            """
        insert into callback_inbox (channel, notify_id, order_id, payload, outcome, delay_ms)
        values (?, ?, ?, cast(? as jsonb), ?, ?)
        on conflict (channel, notify_id) do nothing
        """,
            channel,
            notifyId,
            orderId,
            payloadJson,
            outcome,
            delayMs(paidAt))
        == 1;
  }

  /**
   * A callback recorded before its payment was looked for turned out to be for no running payment:
   * it stays in the inbox for review, marked so.
   */
  public void markUnknownOrder(String channel, String notifyId) {
    jdbc.update(
        "update callback_inbox set outcome = ? where channel = ? and notify_id = ?",
        UNKNOWN_ORDER,
        channel,
        notifyId);
  }

  /**
   * The callback a channel's adapter verified, as recorded, when it is this order's on this
   * channel: a payment believes only these, whatever way a notification reached it.
   */
  public Optional<ProviderCallback> verified(String channel, String orderId, String notifyId) {
    return jdbc
        .query(
            """
        select payload->>'notifyId', payload->>'merchantId', payload->>'outTradeNo', payload->>'tradeNo',
               payload->>'status', (payload->>'amountMinor')::bigint, payload->>'currency', payload->>'paidAt'
          from callback_inbox where channel = ? and notify_id = ? and order_id = ?
        """,
            (rs, n) ->
                new ProviderCallback(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getLong(6),
                    rs.getString(7),
                    rs.getString(8)),
            channel,
            notifyId,
            orderId)
        .stream()
        .filter(cb -> cb.outTradeNo().equals(orderId))
        .findFirst();
  }

  /** Records a callback that failed verification: the migration gates count them per channel. */
  public boolean recordRejection(
      String channel, String kind, boolean evidence, String reason, String signatureSha256) {
    // Only a refusal that is evidence against the channel (its signature verified:
    // CallbackRejectedException.Kind) is stored; one anyone can provoke (unsigned, forged,
    // unreadable, replayed) is not, so a flood of anonymous posts writes no row. A copy of one
    // signed message sent again is stored once (by its signature's digest). Returns whether a row
    // was written.
    if (!evidence) {
      return false;
    }
    return jdbc.update(
            """
        insert into callback_rejections (channel, reason, kind, evidence, signature_sha256)
        values (?, ?, ?, true, ?)
        on conflict (channel, signature_sha256) where signature_sha256 is not null do nothing
        """,
            channel,
            reason.length() > 500 ? reason.substring(0, 500) : reason,
            kind,
            signatureSha256)
        == 1;
  }

  private Long delayMs(String paidAt) {
    if (paidAt == null) {
      return null;
    }
    try {
      return Math.max(0, Duration.between(Instant.parse(paidAt), clock.instant()).toMillis());
    } catch (DateTimeParseException e) {
      // A provider's odd timestamp costs the delay gate one sample, not the callback.
      log.warn(
          "callback paidAt '{}' is not an ISO-8601 instant; its delay is not measured", paidAt);
      return null;
    }
  }

  /** Returns true the first time a nonce is seen on a channel, false on every later time. */
  public boolean firstSeen(String channel, String nonce) {
    long now = System.currentTimeMillis();
    if (now - lastPrunedAt > PRUNE_EVERY.toMillis()) {
      lastPrunedAt = now;
      jdbc.update(
          "delete from callback_nonces where seen_at < now() - make_interval(secs => ?)",
          NONCE_MEMORY.toSeconds());
    }
    return jdbc.update(
            "insert into callback_nonces (channel, nonce) values (?, ?) on conflict do nothing",
            channel,
            nonce)
        == 1;
  }
}
