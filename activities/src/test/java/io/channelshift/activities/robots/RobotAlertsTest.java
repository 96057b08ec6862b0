package io.channelshift.activities.robots;

import static io.channelshift.activities.robots.FakeRobots.DINGTALK_SECRET;
import static io.channelshift.activities.robots.FakeRobots.FEISHU_SECRET;
import static io.channelshift.activities.robots.FakeRobots.WECOM_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The robots' formats and signatures, checked by fakes that verify them as the providers do. */
class RobotAlertsTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final FakeRobots fakes = new FakeRobots();
  private RobotAlerts alerts;

  RobotAlertsTest() throws Exception {}

  @AfterEach
  void stop() {
    if (alerts != null) {
      alerts.close();
    }
    fakes.close();
  }

  @Test
  void allThreeRobotsTakeASignedMessage_onceEvenWhenTheActivityIsRetried() throws Exception {
    alerts = alerts(Clock.systemUTC(), DINGTALK_SECRET, WECOM_KEY, FEISHU_SECRET, 1);

    alerts.post(rollback("ev-1"));
    alerts.post(rollback("ev-1")); // the activity retried: the robots already have it

    await(() -> delivered() == 3);
    Thread.sleep(300);
    assertThat(fakes.taken()).hasSize(3);
    for (RobotKind kind : RobotKind.values()) {
      assertThat(fakes.taken(kind))
          .singleElement()
          .extracting(FakeRobots.Taken::text)
          .asString()
          .contains("迁移 m-1 已回滚 / rolled back")
          .contains("legacy → nova")
          .contains("alice");
      assertThat(count(kind, "delivered")).isEqualTo(1);
    }
  }

  @Test
  void aWrongSecretIsRefusedByEachRobot_andCountedAsRefusedThenGivenUp() throws Exception {
    alerts = alerts(Clock.systemUTC(), "SECnot-the-secret", "not-the-key", "not-the-secret", 2);

    alerts.post(rollback("ev-2"));

    await(() -> RobotKind.values().length == givenUp());
    assertThat(fakes.taken()).isEmpty();
    for (RobotKind kind : RobotKind.values()) {
      assertThat(fakes.refused(kind)).isEqualTo(2);
      assertThat(count(kind, "refused")).isEqualTo(2);
      assertThat(count(kind, "delivered")).isZero();
    }
  }

  @Test
  void aTimestampMoreThanAnHourOld_isRefusedByDingTalkAndFeishu() throws Exception {
    Clock late = Clock.fixed(Instant.now().minus(Duration.ofMinutes(61)), ZoneOffset.UTC);
    alerts = alerts(late, DINGTALK_SECRET, WECOM_KEY, FEISHU_SECRET, 1);

    alerts.post(rollback("ev-3"));

    // the fakes answer before the sender counts: wait for the counts, not only the answers
    await(
        () ->
            fakes.taken().size()
                    + fakes.refused(RobotKind.DINGTALK)
                    + fakes.refused(RobotKind.FEISHU)
                == 3);
    await(() -> count(RobotKind.DINGTALK, "gave_up") + count(RobotKind.FEISHU, "gave_up") == 2);
    assertThat(fakes.taken()).extracting(FakeRobots.Taken::kind).containsExactly(RobotKind.WECOM);
    assertThat(count(RobotKind.DINGTALK, "gave_up")).isEqualTo(1);
    assertThat(count(RobotKind.FEISHU, "gave_up")).isEqualTo(1);
  }

  @Test
  void anErrorCodeIsAFailure_retriedUntilTheRobotTakesIt() throws Exception {
    fakes.failNext(3); // each robot's first answer: errcode 9499, though HTTP 200
    alerts = alerts(Clock.systemUTC(), DINGTALK_SECRET, WECOM_KEY, FEISHU_SECRET, 3);

    alerts.post(rollback("ev-4"));

    await(() -> delivered() == 3);
    int refused = 0;
    for (RobotKind kind : RobotKind.values()) {
      refused += (int) count(kind, "refused");
      assertThat(count(kind, "delivered")).isEqualTo(1);
    }
    assertThat(refused).isEqualTo(3);
  }

  @Test
  void anHttpErrorIsAFailure() throws Exception {
    fakes.answerHttp(500);
    alerts = alerts(Clock.systemUTC(), DINGTALK_SECRET, WECOM_KEY, FEISHU_SECRET, 1);

    alerts.post(rollback("ev-5"));

    await(() -> givenUp() == 3);
    assertThat(fakes.taken()).isEmpty();
  }

  @Test
  void onlyTheConfiguredEventsArePosted_andFamiliesMatch() throws Exception {
    ChatRobot onlyFailovers =
        new ChatRobot(RobotKind.WECOM, fakes.weComUrl(WECOM_KEY), null, Set.of("channel.*"));
    alerts =
        new RobotAlerts(
            List.of(onlyFailovers),
            Duration.ofSeconds(2),
            1,
            Duration.ofMillis(50),
            Clock.systemUTC(),
            meters);

    assertThat(alerts.anyWants("migration.rolled_back")).isFalse();
    assertThat(alerts.anyWants("channel.failover")).isTrue();
    assertThat(
            new ChatRobot(RobotKind.WECOM, fakes.weComUrl(WECOM_KEY), null, null)
                .wants("migration.step"))
        .isFalse(); // the defaults leave out every step of a healthy ramp
    alerts.post(rollback("ev-6"));
    Thread.sleep(300);
    assertThat(fakes.taken()).isEmpty();
  }

  @Test
  void aRobotIsNamedInLogsByItsHostOnly_neverItsTokenKeyOrSecret() {
    ChatRobot dingTalk =
        new ChatRobot(RobotKind.DINGTALK, fakes.dingTalkUrl(), DINGTALK_SECRET, null);
    ChatRobot feishu = new ChatRobot(RobotKind.FEISHU, fakes.feishuUrl(), FEISHU_SECRET, null);
    ChatRobot weCom = new ChatRobot(RobotKind.WECOM, fakes.weComUrl(WECOM_KEY), null, null);
    for (ChatRobot robot : List.of(dingTalk, feishu, weCom)) {
      assertThat(robot.toString() + robot.where())
          .doesNotContain(FakeRobots.DINGTALK_TOKEN)
          .doesNotContain(DINGTALK_SECRET)
          .doesNotContain(FakeRobots.FEISHU_TOKEN)
          .doesNotContain(FEISHU_SECRET)
          .doesNotContain(WECOM_KEY)
          .contains("127.0.0.1");
    }
  }

  @Test
  void aLongReasonIsCutToWhatWeComTakes_atACharacter() throws Exception {
    alerts = alerts(Clock.systemUTC(), DINGTALK_SECRET, WECOM_KEY, FEISHU_SECRET, 1);
    List<String> lines = java.util.Collections.nCopies(400, "原因 reason: 渠道回调失败率过高");

    alerts.post(new RobotMessage("ev-7", "migration.rolled_back", "迁移 m-7 已回滚", lines));

    await(() -> fakes.taken().size() == 3);
    assertThat(fakes.taken(RobotKind.WECOM).get(0).text()).endsWith("...");
  }

  private RobotAlerts alerts(
      Clock clock, String dingTalkSecret, String weComKey, String feishuSecret, int attempts) {
    return new RobotAlerts(
        List.of(
            new ChatRobot(RobotKind.DINGTALK, fakes.dingTalkUrl(), dingTalkSecret, null),
            new ChatRobot(RobotKind.WECOM, fakes.weComUrl(weComKey), null, null),
            new ChatRobot(
                RobotKind.FEISHU,
                fakes.feishuUrl(),
                feishuSecret,
                Set.of("migration.rolled_back"))),
        Duration.ofSeconds(2),
        attempts,
        Duration.ofMillis(50),
        clock,
        meters);
  }

  private static RobotMessage rollback(String eventId) {
    return new RobotMessage(
        eventId,
        "migration.rolled_back",
        "迁移 m-1 已回滚 / rolled back",
        List.of(
            "范围 scope: all",
            "渠道 channels: legacy → nova",
            "操作人 by: alice",
            "原因 reason: 回调成功率低 callback success 0.50 vs 1.00"));
  }

  private double count(RobotKind kind, String outcome) {
    var counter =
        meters
            .find("channelshift.robot.posts")
            .tag("robot", kind.name().toLowerCase())
            .tag("outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private int delivered() {
    int n = 0;
    for (RobotKind kind : RobotKind.values()) {
      n += (int) count(kind, "delivered");
    }
    return n;
  }

  private int givenUp() {
    int n = 0;
    for (RobotKind kind : RobotKind.values()) {
      n += (int) count(kind, "gave_up");
    }
    return n;
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 10 s");
      }
      Thread.sleep(20);
    }
  }
}
