package io.channelshift.activities.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.payment.RiskCheck;
import io.channelshift.payment.RiskDecision;
import io.channelshift.store.RiskStore;
import io.channelshift.store.TestDatabase;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The risk rules on PostgreSQL: the rules that need no counts here, the counts in the store's
 * assess_risk.
 */
class RiskStoreTest {

  private final DataSource db = TestDatabase.get();
  private final RiskStore store = new RiskStore(db, ZoneId.of("Asia/Shanghai"));
  private final String user = "u-" + UUID.randomUUID();

  @Test
  void aPaymentAboveTheMaximumIsRejectedWithTheNumbers() {
    RiskDecision d = assess(check(60_000), new RiskLimits(50_000L, null, null, List.of()));

    assertThat(d.passed()).isFalse();
    assertThat(d.rule()).isEqualTo("MAX_AMOUNT");
    assertThat(d.detail()).isEqualTo("60000 CNY is above the maximum of 50000 for topup");
  }

  @Test
  void theDailyMaximumCountsWhatPassedAndIsNotClosedOrFailed() {
    RiskLimits limits = new RiskLimits(null, 10_000L, null, List.of());
    RiskCheck first = check(6_000);
    assertThat(assess(first, limits).passed()).isTrue();

    RiskDecision second = assess(check(5_000), limits);
    assertThat(second.rule()).isEqualTo("DAILY_MAX");
    assertThat(second.detail()).isEqualTo("today 6000 + this 5000 > 10000 CNY for topup");
    assertThat(assess(check(4_000), limits).passed()).as("what is left fits").isTrue();

    // the first one closed unpaid: its amount no longer counts
    new JdbcTemplate(db)
        .update(
            "insert into payments (order_id, user_id, amount_minor, currency, product_type, "
                + "channel, routing_version, status, expires_at) values (?, ?, 6000, 'CNY', 'topup', 'legacy', 1, 'CLOSED', now())",
            first.orderId(),
            user);
    assertThat(assess(check(5_000), limits).passed()).isTrue();
  }

  @Test
  void theVelocityLimitCountsTheLastMinute() {
    RiskLimits limits = new RiskLimits(null, null, 3, List.of());
    for (int i = 0; i < 3; i++) {
      assertThat(assess(check(100), limits).passed()).isTrue();
    }
    RiskDecision fourth = assess(check(100), limits);
    assertThat(fourth.rule()).isEqualTo("VELOCITY");
    assertThat(fourth.detail()).isEqualTo("3 topup payments in the last minute; at most 3");
  }

  @Test
  void blockedAddressesAndBlocksAreRefusedAndOthersPass() {
    RiskLimits limits =
        new RiskLimits(null, null, null, List.of("192.0.2.66", "198.51.100.0/24", "2001:db8::/32"));

    assertThat(assess(check(100, "192.0.2.66"), limits).rule()).isEqualTo("BLOCKED_IP");
    assertThat(assess(check(100, "198.51.100.200"), limits).detail()).contains("(198.51.100.0/24)");
    assertThat(assess(check(100, "2001:db8::1"), limits).rule()).isEqualTo("BLOCKED_IP");
    assertThat(assess(check(100, "192.0.2.67"), limits).passed()).isTrue();
    assertThat(assess(check(100, null), limits).passed()).isTrue();
  }

  @Test
  void aBlocklistEntryThatIsNotAnAddressOrBlockIsRefusedAtStartUp() {
    for (String bad :
        List.of("blocked.example.com", "198.51.100.0/33", "198.51.100.0/x", "2001:db8::/129")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> new RiskLimits(null, null, null, List.of(bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(bad);
    }
  }

  @Test
  void askedAgainForTheSameOrderTheVerdictStands() {
    RiskLimits limits = new RiskLimits(null, 1_000L, null, List.of());
    RiskCheck c = check(800);

    assertThat(assess(c, limits).passed()).isTrue();
    assertThat(assess(c, limits).passed()).as("a retried activity is not counted twice").isTrue();
  }

  @Test
  void aRetryRacingItsFirstAttemptGetsTheSameVerdict() throws Exception {
    RiskLimits limits = new RiskLimits(null, 1_000L, null, List.of());
    RiskCheck c = check(800);
    int attempts = 8;
    ExecutorService pool = Executors.newFixedThreadPool(attempts);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<RiskDecision>> results = new ArrayList<>();
    for (int i = 0; i < attempts; i++) {
      results.add(
          pool.submit(
              () -> {
                go.await();
                return assess(c, limits);
              }));
    }
    go.countDown();
    for (Future<RiskDecision> r : results) {
      assertThat(r.get().passed())
          .as("no attempt fails on the verdict another one recorded")
          .isTrue();
    }
    pool.shutdown();

    assertThat(
            new JdbcTemplate(db)
                .queryForObject(
                    "select count(*) from risk_decisions where order_id = ?",
                    Integer.class,
                    c.orderId()))
        .isEqualTo(1);
  }

  @Test
  void paymentsRacingPastTheDailyMaximumCannotBothPass() throws Exception {
    RiskLimits limits = new RiskLimits(null, 1_000L, null, List.of());
    int racers = 16;
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<RiskDecision>> results = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      RiskCheck c = check(600);
      Callable<RiskDecision> racer =
          () -> {
            go.await();
            return assess(c, limits);
          };
      results.add(pool.submit(racer));
    }
    go.countDown();
    long passed = 0;
    for (Future<RiskDecision> r : results) {
      passed += r.get().passed() ? 1 : 0;
    }
    pool.shutdown();

    assertThat(passed).isEqualTo(1);
  }

  /** The rules of one product type, {@code limits}, applied with the store as in production. */
  private RiskDecision assess(RiskCheck check, RiskLimits limits) {
    return new RiskRules(limits, Map.of(), store).assess(check);
  }

  private RiskCheck check(long amount) {
    return check(amount, "203.0.113.9");
  }

  private RiskCheck check(long amount, String ip) {
    return new RiskCheck("o-" + UUID.randomUUID(), user, "topup", amount, "CNY", ip);
  }
}
