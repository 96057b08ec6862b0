package io.channelshift.worker;

import io.channelshift.activities.robots.ChatRobot;
import io.channelshift.activities.robots.RobotAlerts;
import io.channelshift.activities.robots.RobotKind;
import io.channelshift.config.RobotsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The chat robots configured under {@code channelshift.robots.*}, for the migration and scope
 * health activities. A robot whose settings cannot work stops start-up naming it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RobotsProperties.class)
class RobotConfiguration {

  private static final Logger log = LoggerFactory.getLogger(RobotConfiguration.class);

  @Bean(destroyMethod = "close")
  RobotAlerts robotAlerts(RobotsProperties robots, MeterRegistry meters) {
    List<ChatRobot> configured = chatRobots(robots);
    configured.forEach(robot -> log.info("chat robot: {}", robot));
    return new RobotAlerts(
        configured,
        robots.timeout(),
        robots.attempts(),
        robots.backoff(),
        Clock.systemUTC(),
        meters);
  }

  static List<ChatRobot> chatRobots(RobotsProperties robots) {
    List<ChatRobot> configured = new ArrayList<>();
    add(configured, RobotKind.DINGTALK, robots.dingtalk());
    add(configured, RobotKind.WECOM, robots.wecom());
    add(configured, RobotKind.FEISHU, robots.feishu());
    return configured;
  }

  private static void add(List<ChatRobot> to, RobotKind kind, RobotsProperties.Robot robot) {
    if (robot == null || !robot.configured()) {
      return;
    }
    try {
      to.add(
          new ChatRobot(
              kind,
              robot.url().trim(),
              kind == RobotKind.WECOM ? null : robot.secret(),
              robot.events() == null ? null : new LinkedHashSet<>(robot.events())));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("channelshift.robots." + e.getMessage(), e);
    }
  }
}
