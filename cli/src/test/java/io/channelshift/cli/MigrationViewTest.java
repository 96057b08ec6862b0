package io.channelshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * What reaches an engineer's terminal: never a raw control, escape or bidi character from a
 * timeline.
 */
class MigrationViewTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void controlEscapeAndBidiCharactersInATimelineArePrintedEscaped() throws Exception {
    String hostile =
        "ok\u001b[2J\u001b]0;pwned\u0007\r\nROLLED_BACK \u009b31m\u202egnp.exe\u2066x\u2069\u007f";
    JsonNode status =
        JSON.readTree(
            JSON.writeValueAsString(
                java.util.Map.of(
                    "migrationId",
                    "m1",
                    "fromChannel",
                    "legacy",
                    "toChannel",
                    "nova",
                    "scope",
                    "all",
                    "phase",
                    "PAUSED",
                    "rollbackReason",
                    hostile,
                    "timeline",
                    java.util.List.of(
                        java.util.Map.of(
                            "atMs", 0, "event", "PAUSED", "by", hostile, "detail", hostile)))));

    String out = MigrationView.render(status);

    assertThat(out)
        .doesNotContain("\u001b", "\u0007", "\r", "\u009b", "\u202e", "\u2066", "\u2069", "\u007f");
    assertThat(out)
        .contains("ok\\u001b[2J", "\\u202egnp.exe", "\\u000d\\u000aROLLED_BACK", "\\u009b31m");
    assertThat(out.lines().filter(l -> l.contains("ROLLED_BACK")))
        .allMatch(l -> l.contains("\\u000a"));
  }

  @Test
  void jsonOutputKeepsItsLinesButEscapesWhatJacksonLeavesRaw() {
    String pretty = "{\n  \"by\" : \"a\u202eb\u0085c\u007f\",\n  \"subject\" : \"60 游戏点卡\"\n}";

    String safe = TerminalText.safeLines(pretty);

    assertThat(safe)
        .isEqualTo("{\n  \"by\" : \"a\\u202eb\\u0085c\\u007f\",\n  \"subject\" : \"60 游戏点卡\"\n}");
  }
}
