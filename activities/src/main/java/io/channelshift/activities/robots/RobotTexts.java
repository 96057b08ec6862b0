package io.channelshift.activities.robots;

import io.channelshift.health.HealthEvent;
import io.channelshift.migration.MigrationEvent;
import io.channelshift.store.MigrationStore.StoredMigration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the robots say, in Chinese and English on one line (the teams that run payment channels in
 * China read the first, everyone else the second): the headline, then the migration or scope, the
 * channels, the phase and weight, who asked and why, and the event's id to find it elsewhere.
 */
public final class RobotTexts {

  /** Who the workflows name when nobody asked: the gates, the health evaluations. */
  private static final String WORKFLOW = "workflow";

  private static final int REASON_MAX_BYTES = 600;

  private RobotTexts() {}

  /**
   * A migration's event; {@code stored} gives its scope and channels (empty when the store could
   * not say: the message goes without them).
   */
  public static RobotMessage migration(MigrationEvent e, Optional<StoredMigration> stored) {
    String type = "migration." + e.type().toLowerCase(Locale.ROOT);
    String title = "迁移 " + e.migrationId() + " " + migrationHeadline(e.type());
    List<String> lines = new ArrayList<>();
    stored.ifPresent(
        m -> {
          lines.add("范围 scope: " + m.scope());
          lines.add("渠道 channels: " + m.fromChannel() + " → " + m.toChannel());
        });
    lines.add(
        "阶段 phase: "
            + e.phase()
            + " · 第 "
            + (e.step() + 1)
            + " 步 / step "
            + (e.step() + 1)
            + " · 新渠道权重 / weight "
            + percent(e.weightBps()));
    lines.add("操作人 by: " + who(e.by()));
    lines.add("原因 reason: " + said(e.detail()));
    lines.add("事件 event: " + type + " (" + e.eventId() + ")");
    return new RobotMessage(e.eventId(), type, title, lines);
  }

  /** A scope's failover, failback, or failback waiting for approval. */
  public static RobotMessage health(HealthEvent e) {
    String type = "channel." + e.type();
    String title = "范围 " + e.scope() + " " + healthHeadline(e.type());
    List<String> lines = new ArrayList<>();
    lines.add("范围 scope: " + e.scope());
    lines.add("渠道 channels: " + e.from() + " → " + e.to());
    lines.add("路由版本 routing version: " + e.routingVersion());
    lines.add("操作人 by: " + who(e.by()));
    lines.add("原因 reason: " + said(e.reason()));
    lines.add("事件 event: " + type + " (" + e.eventId() + ")");
    return new RobotMessage(e.eventId(), type, title, lines);
  }

  private static String migrationHeadline(String type) {
    return switch (type) {
      case "STARTED" -> "已开始 / started";
      case "STEP" -> "进入下一步 / moved to its next step";
      case "WAITING_APPROVAL" -> "等待审批 / waits for approval";
      case "BAKING" -> "进入观察期 / baking";
      case "COMPLETED" -> "已完成 / completed";
      case "PAUSED" -> "已暂停 / paused";
      case "RESUMED" -> "已恢复 / resumed";
      case "ROLLED_BACK" -> "已回滚 / rolled back";
      case "ABORTED" -> "已中止 / aborted";
      default -> type.toLowerCase(Locale.ROOT);
    };
  }

  private static String healthHeadline(String type) {
    return switch (type) {
      case "failover" -> "已故障切换 / failed over";
      case "failback" -> "已切回 / failed back";
      case "failback_waiting" -> "等待切回审批 / failback waits for approval";
      default -> type;
    };
  }

  private static String who(String by) {
    return WORKFLOW.equals(by) ? "自动 automatic (workflow)" : plain(String.valueOf(by));
  }

  private static String said(String reason) {
    return plain(RobotFormats.cut(String.valueOf(reason), REASON_MAX_BYTES));
  }

  /**
   * What a person typed (who asked, why), made inert for every robot: DingTalk's and WeCom's
   * markdown would make links, images, headings, emphasis or quotes of {@code [ ] ( ) ! * _ ` # > ~
   * |}, and Feishu's text would @-mention everyone for {@code <at user_id="all"></at>}. Each is
   * replaced by its full-width form, which reads the same to people and means nothing to the
   * providers (a backslash escape is not honoured by all three); an underscore inside a word, as in
   * {@code CALLBACK_SUCCESS_RATE}, stays (markdown makes no emphasis there); line breaks become
   * spaces (no new block).
   */
  static String plain(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        out.append(' ');
      } else if (c == '_' && insideWord(text, i)) {
        out.append(c);
      } else if ("[]()!*_`#<>~|&".indexOf(c) >= 0) {
        out.append((char) (c - '!' + 0xFF01)); // U+FF01..U+FF5E: the full-width forms of ! to ~
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean insideWord(String text, int i) {
    return i > 0
        && i < text.length() - 1
        && Character.isLetterOrDigit(text.charAt(i - 1))
        && Character.isLetterOrDigit(text.charAt(i + 1));
  }

  /** Basis points as a percentage: 2500 → 25%, 125 → 1.25%. */
  static String percent(int bps) {
    String whole = Integer.toString(bps / 100);
    int rest = bps % 100;
    if (rest == 0) {
      return whole + "%";
    }
    return whole
        + "."
        + (rest % 10 == 0 ? Integer.toString(rest / 10) : String.format("%02d", rest))
        + "%";
  }
}
