package io.channelshift.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Chat robots that hear of migrations and failovers ({@code channelshift.robots.*}), beside the
 * platform's webhook. Each robot is off until its {@code url} is set.
 *
 * @param dingtalk a DingTalk custom robot: {@code url} as DingTalk gives it ({@code
 *     https://oapi.dingtalk.com/robot/send?access_token=...}), {@code secret} its signing secret
 *     ({@code SEC...}) when the robot is set to sign
 * @param wecom a WeCom group robot: {@code url} with its {@code key} ({@code
 *     https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...}); WeCom signs nothing, the key is
 *     the secret
 * @param feishu a Feishu / Lark custom bot: {@code url} ({@code
 *     https://open.feishu.cn/open-apis/bot/v2/hook/...}), {@code secret} when it checks signatures
 * @param timeout connect and read timeout of each post; default 5 s
 * @param attempts posts per event and robot at most; default 3
 * @param backoff the wait before the second post, doubled for each further one; default 2 s
 */
@ConfigurationProperties("channelshift.robots")
public record RobotsProperties(
    Robot dingtalk,
    Robot wecom,
    Robot feishu,
    Duration timeout,
    Integer attempts,
    Duration backoff) {

  public RobotsProperties {
    timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    attempts = attempts == null ? 3 : attempts;
    backoff = backoff == null ? Duration.ofSeconds(2) : backoff;
  }

  /**
   * One robot.
   *
   * @param url its webhook; unset leaves the robot off. A secret in itself: never logged
   * @param secret its signing secret; default unset (not signing)
   * @param events the webhook types it posts ({@code migration.rolled_back}, {@code
   *     channel.failover}; {@code migration.*}, {@code channel.*}, {@code *}); default rollbacks,
   *     aborts, pauses, completions, failovers and failbacks
   */
  public record Robot(String url, String secret, List<String> events) {

    public boolean configured() {
      return url != null && !url.isBlank();
    }

    @Override
    public String toString() {
      return "Robot[url="
          + Redacted.of(url)
          + ", secret="
          + Redacted.of(secret)
          + ", events="
          + events
          + "]";
    }
  }
}
