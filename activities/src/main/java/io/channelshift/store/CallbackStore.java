package io.channelshift.store;

import io.channelshift.provider.NonceGuard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/** The callback inbox (one row per channel and notification id) and the nonce memory against replays. */
public class CallbackStore implements NonceGuard {

  /** Nonces older than the callback timestamp window cannot be replayed anyway: the timestamp check refuses them. */
  private static final Duration NONCE_MEMORY = Duration.ofMinutes(10);

  /** Pruning is housekeeping, not part of the check: once a minute is plenty. */
  private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(CallbackStore.class);

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
   * Records a verified callback with what became of it (DELIVERED to its payment, or UNKNOWN_ORDER) and how long
   * after the provider's paidAt it arrived. Returns false when this notification was already recorded; the first
   * record stands.
   */
  public boolean record(String channel, String notifyId, String orderId, String payloadJson, String outcome,
      String paidAt) {
    return jdbc.update("""
        insert into callback_inbox (channel, notify_id, order_id, payload, outcome, delay_ms)
        values (?, ?, ?, cast(? as jsonb), ?, ?)
        on conflict (channel, notify_id) do nothing
        """, channel, notifyId, orderId, payloadJson, outcome, delayMs(paidAt)) == 1;
  }

  /** Records a callback that failed verification: the migration gates count them per channel. */
  public boolean recordRejection(String channel, String kind, boolean evidence, String reason,
      String signatureSha256) {
    // Only a refusal that is evidence against the channel (its signature verified: CallbackRejectedException.Kind)
    // is stored; one anyone can provoke (unsigned, forged, unreadable, replayed) is not, so a flood of anonymous
    // posts writes no row. A copy of one signed message sent again is stored once (by its signature's digest).
    // Returns whether a row was written.
    if (!evidence) {
      return false;
    }
    return jdbc.update("""
        insert into callback_rejections (channel, reason, kind, evidence, signature_sha256)
        values (?, ?, ?, true, ?)
        on conflict (channel, signature_sha256) where signature_sha256 is not null do nothing
        """, channel, reason.length() > 500 ? reason.substring(0, 500) : reason, kind, signatureSha256) == 1;
  }

  private Long delayMs(String paidAt) {
    if (paidAt == null) {
      return null;
    }
    try {
      return Math.max(0, Duration.between(Instant.parse(paidAt), clock.instant()).toMillis());
    } catch (DateTimeParseException e) {
      // A provider's odd timestamp costs the delay gate one sample, not the callback.
      log.warn("callback paidAt '{}' is not an ISO-8601 instant; its delay is not measured", paidAt);
      return null;
    }
  }

  @Override
  public boolean firstSeen(String channel, String nonce) {
    long now = System.currentTimeMillis();
    if (now - lastPrunedAt > PRUNE_EVERY.toMillis()) {
      lastPrunedAt = now;
      jdbc.update("delete from callback_nonces where seen_at < now() - make_interval(secs => ?)",
          NONCE_MEMORY.toSeconds());
    }
    return jdbc.update("insert into callback_nonces (channel, nonce) values (?, ?) on conflict do nothing",
        channel, nonce) == 1;
  }
}
