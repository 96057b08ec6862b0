package io.channelshift.fees;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.payment.Money;
import io.channelshift.store.TestDatabase;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The monthly fee projection of a migration, on PostgreSQL, with refunds in the month's volume. */
class ChannelCostsTest {

  private final DataSource db = TestDatabase.get();
  private final JdbcTemplate jdbc = new JdbcTemplate(db);
  private final String oldChannel = "old-" + UUID.randomUUID();
  private final String newChannel = "new-" + UUID.randomUUID();

  @Test
  void aScheduleThatKeepsItsFeeOnRefundsCostsWhatTheRateAloneWouldSave() {
    FeeSchedule givesBack =
        new FeeSchedule(60, 0, RefundFeePolicy.PROPORTIONAL, SettlementCycle.parse("T+1"));
    FeeSchedule keeps =
        new FeeSchedule(38, 0, RefundFeePolicy.NOT_RETURNED, SettlementCycle.parse("D+0"));
    ChannelCosts costs =
        new ChannelCosts(
            db,
            new ChannelFees(Map.of(oldChannel, givesBack, newChannel, keeps), Map.of()),
            Clock.systemUTC());
    paid(oldChannel, 10_000, 10_000); // refunded in full
    paid(newChannel, 10_000, 2_500);
    paid(oldChannel, 5_000, 0);

    ChannelCosts.CurrencyProjection cny =
        costs.project(oldChannel, newChannel, "all").byCurrency().get(0);

    assertThat(cny.payments()).isEqualTo(3);
    assertThat(cny.volumeMinor()).isEqualTo(25_000);
    assertThat(cny.refundedMinor()).isEqualTo(12_500);
    // at 0.60%: 60 + 60 + 30, of which 60 (all of the first) and 15 (a quarter of the second) come
    // back
    assertThat(cny.feesOnFromMinor())
        .isEqualTo(150 - 60 - 15)
        .isEqualTo(
            sumOfNetFees(givesBack, new long[][] {{10_000, 10_000}, {10_000, 2_500}, {5_000, 0}}));
    // at 0.38%: 38 + 38 + 19, none of it back
    assertThat(cny.feesOnToMinor()).isEqualTo(95);
    assertThat(cny.monthlyDifferenceMinor())
        .as("the lower rate costs more here: it keeps its fee on refunds")
        .isEqualTo(-20);
  }

  /**
   * The same figure by FeeSchedule's own arithmetic: each payment's fee less what its refunds gave
   * back.
   */
  private static long sumOfNetFees(FeeSchedule schedule, long[][] paidAndRefunded) {
    long sum = 0;
    for (long[] p : paidAndRefunded) {
      long fee = schedule.feeFor(cny(p[0])).minor();
      sum +=
          fee
              - (p[1] == 0
                  ? 0
                  : schedule.feeReturned(cny(fee), cny(p[0]), cny(0), cny(p[1])).minor());
    }
    return sum;
  }

  private void paid(String channel, long amount, long refunded) {
    String order = "cc-" + UUID.randomUUID();
    jdbc.update(
        """
        insert into payments (order_id, user_id, amount_minor, currency, product_type, channel, routing_version, status,
                              expires_at, paid_amount_minor, refunded_amount_minor)
        values (?, 'u', ?, 'CNY', 'game_card', ?, 1, 'FULFILLED', now(), ?, ?)
        """,
        order,
        amount,
        channel,
        amount,
        refunded);
    jdbc.update(
        """
        insert into ledger_entries (order_id, entry_type, reference, amount_minor, currency, channel)
        values (?, 'PAYMENT', ?, ?, 'CNY', ?)
        """,
        order,
        order,
        amount,
        channel);
    if (refunded > 0) {
      jdbc.update(
          """
          insert into ledger_entries (order_id, entry_type, reference, amount_minor, currency, channel)
          values (?, 'REFUND', ?, ?, 'CNY', ?)
          """,
          order,
          "r-" + order,
          refunded,
          channel);
    }
  }

  /** An amount in fen, as the schedules here are priced. */
  private static Money cny(long minor) {
    return new Money(minor, "CNY");
  }
}
