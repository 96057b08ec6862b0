package io.channelshift.activities.robots;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.health.HealthEvent;
import io.channelshift.migration.MigrationEvent;
import io.channelshift.migration.MigrationPhase;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What people type reaches the chat groups as text: no mention of everyone, no link, no markup. */
class RobotTextsTest {

  private static final String MENTION_ALL = "<at user_id=\"all\"></at>";
  private static final String LINK = "[x](http://evil)";

  @Test
  void whoAskedAndWhyAreInertForEveryRobot() {
    RobotMessage migration =
        RobotTexts.migration(
            new MigrationEvent(
                "migration/m-1/7/PAUSED",
                "m-1",
                "PAUSED",
                MigrationPhase.PAUSED,
                2,
                2500,
                "mallory " + MENTION_ALL,
                "look " + LINK + " ![i](http://evil/i.png) **now**\n# heading\n> quote"),
            Optional.empty());
    RobotMessage health =
        RobotTexts.health(
            new HealthEvent(
                "channels/all/1/failover",
                "all",
                "failover",
                "nova",
                "legacy",
                42,
                LINK,
                MENTION_ALL + " `code` _x_"));

    for (RobotMessage message : new RobotMessage[] {migration, health}) {
      for (RobotKind kind : RobotKind.values()) {
        String body =
            RobotFormats.post(
                    new ChatRobot(kind, "http://robot.invalid/x", null, null),
                    message,
                    Instant.EPOCH)
                .body();
        assertThat(body)
            .as(kind + " " + message.type())
            .doesNotContain("<at", "\\u003cat", "](", "[x]", "**now", "\\n# heading", "\\n> quote")
            .doesNotContain("`code`", "_x_");
      }
    }
    assertThat(String.join("\n", migration.lines()))
        .contains("mallory ＜at user_id=\"all\"＞＜/at＞")
        .contains("look ［x］（http://evil）");
  }

  @Test
  void anUnderscoreInsideAWordStays_soGateNamesReadAsTheyAre() {
    assertThat(RobotTexts.plain("gates failing: CALLBACK_SUCCESS_RATE 0.50 vs 1.00"))
        .isEqualTo("gates failing: CALLBACK_SUCCESS_RATE 0.50 vs 1.00");
    assertThat(RobotTexts.plain("_a_ *b* ~c~ a|b")).isEqualTo("＿a＿ ＊b＊ ～c～ a｜b");
  }
}
