package io.channelshift.starter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

/** Reasons and names engineers send: one line of visible text, at most 256 characters. */
class EngineerTextTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "provider maintenance",
        "alice",
        "切换到新渠道：费率更低",
        "Zoë O'Brien-Smith",
        "family 👨\u200d👩\u200d👧 emoji",
        "  spaced  "
      })
  void ordinaryTextPasses(String text) {
    assertThat(EngineerText.check("reason", text)).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a\u001b[31mred",
        "line\nbreak",
        "tab\there",
        "cr\roverwrite",
        "bell\u0007",
        "del\u007f",
        "c1\u009b31m",
        "nel\u0085",
        "rlo\u202eexe.gnp",
        "lre\u202a",
        "pdf\u202c",
        "lri\u2066x\u2069",
        "fsi\u2068",
        "rlm\u200f",
        "zwsp\u200b",
        "bom\ufeff",
        "ls\u2028",
        "ps\u2029",
        "alm\u061c",
        "tag\udb40\udc01",
        "lone\ud800"
      })
  void controlAndInvisibleFormattingCharactersAreRefusedNamingTheField(String text) {
    assertThatThrownBy(() -> EngineerText.check("reason", text))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> {
              assertThat(p.status()).isEqualTo(HttpStatus.BAD_REQUEST);
              assertThat(p.errors())
                  .singleElement()
                  .satisfies(e -> assertThat(e.field()).isEqualTo("reason"));
            });
  }

  @ParameterizedTest
  @ValueSource(ints = {256, 257, 100_000})
  void lengthIsCappedAt256Characters(int length) {
    String text = "é".repeat(length);
    if (length <= EngineerText.MAX_LENGTH) {
      assertThat(EngineerText.check("by", text)).isEqualTo(text);
    } else {
      assertThatThrownBy(() -> EngineerText.check("by", text))
          .isInstanceOf(ApiProblem.class)
          .hasMessageContaining("by must be at most 256 characters");
    }
  }
}
