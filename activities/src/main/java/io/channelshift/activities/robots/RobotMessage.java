package io.channelshift.activities.robots;

import java.util.List;

/**
 * What a chat robot says about one event: a headline and its facts, each line {@code label: value}.
 * Every robot renders it in its own format.
 *
 * @param eventId the platform webhook's event id: one robot posts one event once
 * @param type the webhook type ({@code migration.rolled_back}, {@code channel.failover})
 * @param title one line, e.g. {@code 迁移 m-1 已回滚 / migration m-1 rolled back}
 * @param lines the facts: scope, channels, phase and weight, who asked, the reason
 */
public record RobotMessage(String eventId, String type, String title, List<String> lines) {

  public RobotMessage {
    lines = List.copyOf(lines);
  }
}
