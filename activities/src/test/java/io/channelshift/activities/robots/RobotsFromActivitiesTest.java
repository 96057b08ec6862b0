package io.channelshift.activities.robots;

import static io.channelshift.activities.robots.FakeRobots.DINGTALK_SECRET;
import static io.channelshift.activities.robots.FakeRobots.FEISHU_SECRET;
import static io.channelshift.activities.robots.FakeRobots.WECOM_KEY;
import static io.channelshift.activities.robots.RobotAlertsTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.channelshift.activities.fulfilment.WebhookRejectedException;
import io.channelshift.activities.fulfilment.WebhookSender;
import io.channelshift.activities.fulfilment.WebhookSettings;
import io.channelshift.activities.health.ChannelHealthActivitiesImpl;
import io.channelshift.activities.migration.MigrationActivitiesImpl;
import io.channelshift.health.HealthEvent;
import io.channelshift.health.HealthSettings;
import io.channelshift.migration.MigrationEvent;
import io.channelshift.migration.MigrationPhase;
import io.channelshift.store.GateStore;
import io.channelshift.store.MigrationSeriesStore;
import io.channelshift.store.MigrationStore;
import io.channelshift.store.RoutingStore;
import io.channelshift.store.ScopeFailoverStore;
import io.channelshift.store.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The migration and scope health activities with a real store, the platform's webhook and the three
 * robots on loopback: a rollback and a failover reach every robot with who, what and why; a robot
 * down costs the platform nothing; the platform down costs the robots nothing, and the activity's
 * retries do not post twice.
 */
class RobotsFromActivitiesTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final FakeRobots robots = new FakeRobots();
  private final HttpServer platform;
  private final List<String> platformGot = new CopyOnWriteArrayList<>();
  private volatile int platformStatus = 200;
  private final MigrationStore migrations = new MigrationStore(TestDatabase.get());
  private final String scope = "scope-" + UUID.randomUUID();
  private final String migrationId = "m-" + UUID.randomUUID();
  private RobotAlerts alerts;

  RobotsFromActivitiesTest() throws IOException {
    platform = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    platform.createContext(
        "/webhooks",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int status = platformStatus;
          if (status == 200) {
            platformGot.add(body);
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    platform.start();
  }

  @AfterEach
  void stop() {
    if (alerts != null) {
      alerts.close();
    }
    robots.close();
    platform.stop(0);
  }

  @Test
  void aRollbackAndAFailoverReachAllThreeRobots_withWhoWhatAndWhy() throws Exception {
    alerts = alerts(robots.dingTalkUrl(), robots.weComUrl(WECOM_KEY), robots.feishuUrl());
    migrations.register(migrationId, scope, "legacy", "nova", "{}", "alice");

    migrationActivities().announce(rollback());
    healthActivities()
        .announce(
            new HealthEvent(
                "channels/" + scope + "/1/failover",
                scope,
                "failover",
                "nova",
                "legacy",
                42,
                "workflow",
                "3 failing evaluations in a row: CREATE_SUCCESS_RATE 0.40"));

    await(() -> robots.taken().size() == 6);
    for (RobotKind kind : RobotKind.values()) {
      List<String> texts = robots.taken(kind).stream().map(FakeRobots.Taken::text).toList();
      assertThat(texts)
          .anySatisfy(
              t ->
                  assertThat(t)
                      .contains("迁移 " + migrationId + " 已回滚 / rolled back")
                      .contains("范围 scope: " + scope)
                      .contains("legacy → nova")
                      .contains("ROLLED_BACK")
                      .contains("25%")
                      .contains("alice")
                      .contains("gates failing: CALLBACK_SUCCESS_RATE 0.50 vs 1.00"))
          .anySatisfy(
              t ->
                  assertThat(t)
                      .contains("范围 " + scope + " 已故障切换 / failed over")
                      .contains("nova → legacy")
                      .contains("自动 automatic")
                      .contains("CREATE_SUCCESS_RATE 0.40"));
    }
    assertThat(platformGot).hasSize(2);
  }

  @Test
  void aRobotDown_doesNotPreventThePlatformWebhook() throws Exception {
    String nowhere = "http://127.0.0.1:9"; // discard port: connection refused
    alerts =
        alerts(
            nowhere + "/robot/send?access_token=x",
            nowhere + "/cgi-bin/webhook/send?key=x",
            nowhere + "/open-apis/bot/v2/hook/x");
    migrations.register(migrationId, scope, "legacy", "nova", "{}", "alice");

    migrationActivities().announce(rollback()); // returns: the platform acknowledged

    assertThat(platformGot).singleElement().asString().contains("migration.rolled_back");
    await(
        () ->
            meters.find("channelshift.robot.posts").tag("outcome", "gave_up").counters().stream()
                    .mapToDouble(c -> c.count())
                    .sum()
                == 3);
  }

  @Test
  void thePlatformDown_stillTellsTheRobotsOnce_whileTheActivityRetriesTheWebhook()
      throws Exception {
    alerts = alerts(robots.dingTalkUrl(), robots.weComUrl(WECOM_KEY), robots.feishuUrl());
    migrations.register(migrationId, scope, "legacy", "nova", "{}", "alice");
    platformStatus = 503;
    MigrationActivitiesImpl activities = migrationActivities();

    assertThatThrownBy(() -> activities.announce(rollback()))
        .isInstanceOf(WebhookRejectedException.class);
    assertThatThrownBy(() -> activities.announce(rollback())) // Temporal retries the activity
        .isInstanceOf(WebhookRejectedException.class);
    platformStatus = 200;
    activities.announce(rollback());

    await(() -> robots.taken().size() == 3);
    Thread.sleep(300);
    assertThat(robots.taken()).hasSize(3);
    assertThat(platformGot).hasSize(1);
  }

  private MigrationEvent rollback() {
    return new MigrationEvent(
        "migration/" + migrationId + "/7/ROLLED_BACK",
        migrationId,
        "ROLLED_BACK",
        MigrationPhase.ROLLED_BACK,
        2,
        2500,
        "alice",
        "gates failing: CALLBACK_SUCCESS_RATE 0.50 vs 1.00");
  }

  private RobotAlerts alerts(String dingTalk, String weCom, String feishu) {
    return new RobotAlerts(
        List.of(
            new ChatRobot(RobotKind.DINGTALK, dingTalk, DINGTALK_SECRET, null),
            new ChatRobot(RobotKind.WECOM, weCom, null, null),
            new ChatRobot(RobotKind.FEISHU, feishu, FEISHU_SECRET, null)),
        Duration.ofSeconds(2),
        2,
        Duration.ofMillis(50),
        Clock.systemUTC(),
        meters);
  }

  private WebhookSender webhooks() {
    return new WebhookSender(
        new WebhookSettings(
            "http://127.0.0.1:" + platform.getAddress().getPort() + "/webhooks",
            "a-test-secret-of-16+chars",
            Duration.ofSeconds(2)),
        Clock.systemUTC(),
        meters);
  }

  private MigrationActivitiesImpl migrationActivities() {
    return new MigrationActivitiesImpl(
        new RoutingStore(TestDatabase.get()),
        new GateStore(TestDatabase.get()),
        migrations,
        new MigrationSeriesStore(TestDatabase.get()),
        webhooks(),
        alerts);
  }

  private ChannelHealthActivitiesImpl healthActivities() {
    return new ChannelHealthActivitiesImpl(
        new RoutingStore(TestDatabase.get()),
        new GateStore(TestDatabase.get()),
        migrations,
        new ScopeFailoverStore(TestDatabase.get()),
        webhooks(),
        () -> HealthSettings.DEFAULTS,
        alerts);
  }
}
