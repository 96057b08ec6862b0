package io.channelshift.activities.robots;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One configured chat robot.
 *
 * @param kind its provider's format
 * @param url its webhook, as the provider gives it (DingTalk's with {@code access_token}, WeCom's
 *     with {@code key}, Feishu's with the hook token): a secret in itself, never logged
 * @param secret the signing secret (DingTalk's {@code SEC...}, Feishu's); null or blank when the
 *     robot is not set to sign (WeCom never is)
 * @param events the webhook types posted ({@code migration.rolled_back}, {@code channel.failover},
 *     ...); {@code migration.*}, {@code channel.*} and {@code *} match families
 */
public record ChatRobot(RobotKind kind, String url, String secret, Set<String> events) {

  /** What is posted unless configured otherwise: what someone should look at now, and the end. */
  public static final List<String> DEFAULT_EVENTS =
      List.of(
          "migration.rolled_back",
          "migration.aborted",
          "migration.paused",
          "migration.completed",
          "channel.failover",
          "channel.failback");

  public ChatRobot {
    if (kind == null) {
      throw new IllegalArgumentException("a chat robot needs its kind");
    }
    if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
      throw new IllegalArgumentException(name(kind) + " robot: url must be an http(s) URL");
    }
    events = events == null || events.isEmpty() ? Set.copyOf(DEFAULT_EVENTS) : Set.copyOf(events);
  }

  /** The robot's name in logs and metrics: its kind, lower case. */
  public String name() {
    return name(kind);
  }

  private static String name(RobotKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  boolean signs() {
    return secret != null && !secret.isBlank();
  }

  /** Whether this robot posts events of this webhook type. */
  boolean wants(String type) {
    int dot = type.indexOf('.');
    return events.contains(type)
        || events.contains("*")
        || (dot > 0 && events.contains(type.substring(0, dot) + ".*"));
  }

  /** Where it posts, for a log line: scheme and host only (the path and query hold its secret). */
  String where() {
    int hostStart = url.indexOf("://") + 3;
    int end = url.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int i = url.indexOf(c, hostStart);
      if (i >= 0) {
        end = Math.min(end, i);
      }
    }
    return url.substring(0, end);
  }

  @Override
  public String toString() {
    return "ChatRobot[" + name() + " at " + where() + ", events=" + events + "]";
  }
}
