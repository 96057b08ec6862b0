package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.activities.robots.FakeRobots;
import io.channelshift.activities.robots.RobotKind;
import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.demo.DemoScenarios;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.StackOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The chat robots on the whole stack, configured as an operator would ({@code
 * channelshift.robots.*}): an engineer's failover of scope {@code all} reaches DingTalk, WeCom and
 * Feishu (loopback fakes that verify each signature as the providers do) with who asked and why,
 * and the platform's webhook still arrives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RobotsEndToEndTest {

  private FakeRobots robots;
  private EmbeddedStack stack;
  private DemoClient api;

  @BeforeAll
  void start() throws Exception {
    robots = new FakeRobots();
    stack =
        EmbeddedStack.start(
            StackOptions.ephemeral(DemoScenarios.TIMING)
                .withProperties(
                    Map.of(
                        "channelshift.robots.dingtalk.url", robots.dingTalkUrl(),
                        "channelshift.robots.dingtalk.secret", FakeRobots.DINGTALK_SECRET,
                        "channelshift.robots.wecom.url", robots.weComUrl(FakeRobots.WECOM_KEY),
                        "channelshift.robots.feishu.url", robots.feishuUrl(),
                        "channelshift.robots.feishu.secret", FakeRobots.FEISHU_SECRET)));
    api = new DemoClient(stack);
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
    if (robots != null) {
      robots.close();
    }
  }

  @Test
  void anEngineersFailoverReachesAllThreeRobots_andThePlatform() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    DemoClient.Reply failover;
    do {
      // the scope's health workflow may still be starting
      failover =
          api.scopeAction("all", "failover", "legacy 被风控冻结 frozen by risk control", null, "alice");
      if (failover.status() != 200) {
        Thread.sleep(200);
      }
    } while (failover.status() != 200 && System.nanoTime() < deadline);
    assertThat(failover.status()).as(failover.body().toString()).isEqualTo(200);

    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (robots.taken().size() < 3 && System.nanoTime() < until) {
      Thread.sleep(100);
    }
    for (RobotKind kind : RobotKind.values()) {
      assertThat(robots.taken(kind))
          .as(kind.name())
          .singleElement()
          .extracting(FakeRobots.Taken::text)
          .asString()
          .contains("范围 all 已故障切换 / failed over")
          .contains("legacy → nova")
          .contains("alice")
          .contains("frozen by risk control");
      assertThat(robots.refused(kind)).isZero();
    }
    assertThat(api.awaitWebhook("channels/all/1/failover", Duration.ofSeconds(10))).isPresent();
  }
}
