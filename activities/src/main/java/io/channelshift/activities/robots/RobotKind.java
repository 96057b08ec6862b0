package io.channelshift.activities.robots;

/** The chat robots ChannelShift can post to, each with its provider's signed webhook format. */
public enum RobotKind {
  /** DingTalk custom robot: signed in the URL ({@code timestamp}, {@code sign}), markdown. */
  DINGTALK,
  /** WeCom (企业微信) group robot: the URL's {@code key} is the secret, markdown. */
  WECOM,
  /** Feishu / Lark custom bot: signed in the body ({@code timestamp}, {@code sign}), text. */
  FEISHU
}
