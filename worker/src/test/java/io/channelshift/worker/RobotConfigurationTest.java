package io.channelshift.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelshift.activities.robots.ChatRobot;
import io.channelshift.activities.robots.RobotKind;
import io.channelshift.config.RobotsProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code channelshift.robots.*} as an operator writes it, bound as the worker binds it. */
class RobotConfigurationTest {

  @Test
  void eachConfiguredRobotIsBuilt_withItsEventsOrTheDefaults() {
    RobotsProperties robots =
        bind(
            Map.of(
                "channelshift.robots.dingtalk.url",
                "https://oapi.dingtalk.com/robot/send?access_token=tok-123",
                "channelshift.robots.dingtalk.secret",
                "SECsecret-123",
                "channelshift.robots.dingtalk.events",
                "migration.*,channel.failover",
                "channelshift.robots.wecom.url",
                "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=key-123",
                "channelshift.robots.timeout",
                "3s"));

    List<ChatRobot> built = RobotConfiguration.chatRobots(robots);

    assertThat(built)
        .extracting(ChatRobot::kind)
        .containsExactly(RobotKind.DINGTALK, RobotKind.WECOM);
    assertThat(built.get(0).events()).isEqualTo(Set.of("migration.*", "channel.failover"));
    assertThat(built.get(1).events()).containsExactlyInAnyOrderElementsOf(ChatRobot.DEFAULT_EVENTS);
    assertThat(robots.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(robots.attempts()).isEqualTo(3);
    assertThat(robots.toString() + built)
        .doesNotContain("tok-123")
        .doesNotContain("SECsecret-123")
        .doesNotContain("key-123");
  }

  @Test
  void aRobotWhoseUrlCannotWorkStopsStartUpNamingIt() {
    RobotsProperties robots =
        bind(Map.of("channelshift.robots.feishu.url", "open.feishu.cn/open-apis/bot/v2/hook/x"));

    assertThatThrownBy(() -> RobotConfiguration.chatRobots(robots))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("channelshift.robots.feishu");
  }

  @Test
  void noRobotsConfigured_noneBuilt() {
    assertThat(RobotConfiguration.chatRobots(bind(Map.of("channelshift.other", "x")))).isEmpty();
  }

  private static RobotsProperties bind(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("channelshift.robots", RobotsProperties.class);
  }
}
