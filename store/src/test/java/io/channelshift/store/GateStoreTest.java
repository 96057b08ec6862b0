package io.channelshift.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.channelshift.migration.Gate;
import io.channelshift.migration.GateMeasurement;
import io.channelshift.migration.MeasureRequest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The gates' measurements on a real PostgreSQL, from seeded payments, callbacks and rejections. */
class GateStoreTest {

  private static final Instant T0 = Instant.parse("2031-03-01T10:00:00Z");

  private final DataSource db = TestDatabase.get();
  private final JdbcTemplate jdbc = new JdbcTemplate(db);
  private final GateStore gates = new GateStore(db);
  private String oldChannel;
  private String newChannel;

  @BeforeEach
  void channels() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    oldChannel = "old-" + run;
    newChannel = "new-" + run;
  }

  @Test
  void bothChannelsAreMeasuredInTheSameWindowGateByGate() {
    // old: 100 creates, all accepted, 80 of the 100 paid; new: 50 creates, 45 accepted, 9 paid of
    // 45 decided
    seedPayments(oldChannel, 100, 100, 80, 100, "game_card", 0);
    seedPayments(newChannel, 50, 45, 9, 45, "game_card", 0);
    seedPayments(
        newChannel, 30, 30, 30, 30, "game_card", -3_600); // an hour earlier: outside the window
    seedCallbacks(oldChannel, 80, 1_000);
    seedCallbacks(newChannel, 9, 5_000);
    seedRejections(newChannel, 1);

    GateMeasurement m =
        gates.measure(
            new MeasureRequest(
                "all",
                oldChannel,
                newChannel,
                T0.toEpochMilli(),
                T0.plusSeconds(600).toEpochMilli(),
                T0.toEpochMilli()));

    assertThat(m.oldChannel().get(Gate.CREATE_SUCCESS_RATE).value()).isEqualTo(1.0);
    assertThat(m.newChannel().get(Gate.CREATE_SUCCESS_RATE).value()).isCloseTo(0.9, within(1e-9));
    assertThat(m.newChannel().get(Gate.CREATE_SUCCESS_RATE).samples()).isEqualTo(50);
    assertThat(m.oldChannel().get(Gate.PAYMENT_SUCCESS_RATE).value()).isCloseTo(0.8, within(1e-9));
    assertThat(m.newChannel().get(Gate.PAYMENT_SUCCESS_RATE).value()).isCloseTo(0.2, within(1e-9));
    assertThat(m.newChannel().get(Gate.PAYMENT_SUCCESS_RATE).samples()).isEqualTo(45);
    assertThat(m.newChannel().get(Gate.CREATE_LATENCY_P95_MS).value()).isBetween(40.0, 50.0);
    assertThat(m.oldChannel().get(Gate.CALLBACK_DELAY_P95_MS).value()).isEqualTo(1_000.0);
    assertThat(m.newChannel().get(Gate.CALLBACK_DELAY_P95_MS).value()).isEqualTo(5_000.0);
    assertThat(m.newChannel().get(Gate.VERIFICATION_FAILURE_RATE).value())
        .isCloseTo(0.1, within(1e-9));
    assertThat(m.newChannel().get(Gate.VERIFICATION_FAILURE_RATE).samples()).isEqualTo(10);
    assertThat(m.newChannelPaymentsInStep()).isEqualTo(50);
  }

  @Test
  void aCreateThatFailedOverCountsAsAFailedCreateOfTheChannelItLeft() {
    // new: 10 creates accepted; 5 more it could not take, whose payments moved to old
    seedPayments(newChannel, 10, 10, 0, 0, "game_card", 0);
    seedPayments(oldChannel, 5, 5, 0, 0, "game_card", 0);
    jdbc.update(
        """
        insert into payment_failovers (order_id, from_channel, to_channel, routing_version, reason)
        select order_id, ?, channel, 1, 'unavailable' from payments where channel = ?
        """,
        newChannel,
        oldChannel);

    GateMeasurement m =
        gates.measure(
            new MeasureRequest(
                "all",
                oldChannel,
                newChannel,
                T0.toEpochMilli(),
                T0.plusSeconds(600).toEpochMilli(),
                T0.toEpochMilli()));

    assertThat(m.newChannel().get(Gate.CREATE_SUCCESS_RATE).value())
        .isCloseTo(10.0 / 15, within(1e-9));
    assertThat(m.newChannel().get(Gate.CREATE_SUCCESS_RATE).samples()).isEqualTo(15);
    assertThat(m.oldChannel().get(Gate.CREATE_SUCCESS_RATE).value()).isEqualTo(1.0);
  }

  @Test
  void onlyEvidenceAgainstTheChannelMovesTheVerificationGate() {
    seedCallbacks(newChannel, 9, 1_000);
    seedRejections(newChannel, 1);
    seedUnclassifiedRejections(
        newChannel, 5_000); // a forged flood recorded before V8: anyone's, not the channel's

    GateMeasurement m =
        gates.measure(
            new MeasureRequest(
                "all",
                oldChannel,
                newChannel,
                T0.toEpochMilli(),
                T0.plusSeconds(600).toEpochMilli(),
                T0.toEpochMilli()));

    assertThat(m.newChannel().get(Gate.VERIFICATION_FAILURE_RATE).value())
        .isCloseTo(0.1, within(1e-9));
    assertThat(m.newChannel().get(Gate.VERIFICATION_FAILURE_RATE).samples()).isEqualTo(10);
  }

  @Test
  void aProductScopeCountsOnlyThatProductsPayments() {
    seedPayments(newChannel, 10, 10, 10, 10, "game_card", 0);
    seedPayments(newChannel, 20, 0, 0, 0, "topup", 0);

    GateMeasurement m =
        gates.measure(
            new MeasureRequest(
                "game_card",
                oldChannel,
                newChannel,
                T0.toEpochMilli(),
                T0.plusSeconds(600).toEpochMilli(),
                T0.toEpochMilli()));

    assertThat(m.newChannel().get(Gate.CREATE_SUCCESS_RATE).value()).isEqualTo(1.0);
    assertThat(m.newChannel().get(Gate.CREATE_SUCCESS_RATE).samples()).isEqualTo(10);
    assertThat(m.oldChannel().get(Gate.CREATE_SUCCESS_RATE))
        .isNull(); // no payments: no sample at all
  }

  @Test
  void theWindowQueryUsesTheChannelTimeIndex() {
    seedPayments(
        newChannel,
        20_000,
        20_000,
        0,
        0,
        "game_card",
        -86_400); // a day of history before the window
    jdbc.execute("analyze payments");

    List<String> plan =
        jdbc.queryForList(
            "explain " + GateStore.paymentsSql(true),
            String.class,
            oldChannel,
            newChannel,
            Timestamp.from(T0),
            Timestamp.from(T0.plusSeconds(600)));

    assertThat(String.join("\n", plan))
        .contains("payments_channel_created")
        .doesNotContain("Seq Scan on payments");
  }

  /**
   * Payments created one per second from T0 + offset, with the given create and payment outcomes.
   */
  private void seedPayments(
      String channel,
      int n,
      int accepted,
      int paid,
      int decided,
      String productType,
      int offsetSeconds) {
    jdbc.update(
        """
        insert into payments (order_id, user_id, amount_minor, currency, product_type, channel, routing_version,
                              status, expires_at, created_at, create_outcome, create_latency_ms, paid_amount_minor)
        select ? || '-' || g, 'u' || g, 1000, 'CNY', ?, ?, 1,
               case when g <= ? then 'FULFILLED' when g <= ? then 'CLOSED' else 'AWAITING_PAYMENT' end,
               now() + interval '1 day', ?::timestamptz + make_interval(secs => g % 600),
               case when g <= ? then 'PROCESSED' else 'UNKNOWN' end, g % 50, case when g <= ? then 1000 else 0 end
          from generate_series(1, ?) g
        """,
        channel + "-" + UUID.randomUUID(),
        productType,
        channel,
        paid,
        decided,
        Timestamp.from(T0.plusSeconds(offsetSeconds)),
        accepted,
        paid,
        n);
  }

  private void seedCallbacks(String channel, int n, long delayMs) {
    jdbc.update(
        """
        insert into callback_inbox (channel, notify_id, order_id, payload, outcome, received_at, delay_ms)
        select ?, ? || g, 'o' || g, '{}'::jsonb, 'DELIVERED', ?::timestamptz + make_interval(secs => g), ?
          from generate_series(1, ?) g
        """,
        channel,
        UUID.randomUUID().toString(),
        Timestamp.from(T0),
        delayMs,
        n);
  }

  /** Refusals of messages the channel signed (stale ones): evidence against it. */
  private void seedRejections(String channel, int n) {
    jdbc.update(
        """
        insert into callback_rejections (channel, reason, kind, evidence, received_at)
        select ?, 'stale', 'STALE', true, ?::timestamptz + make_interval(secs => g) from generate_series(1, ?) g
        """,
        channel,
        Timestamp.from(T0),
        n);
  }

  /**
   * Rows as they were written before V8 (one per forged post, unclassified): they are no evidence.
   */
  private void seedUnclassifiedRejections(String channel, int n) {
    jdbc.update(
        """
        insert into callback_rejections (channel, reason, received_at)
        select ?, 'signature does not verify', ?::timestamptz + make_interval(secs => g % 600)
          from generate_series(1, ?) g
        """,
        channel, Timestamp.from(T0), n);
  }
}
