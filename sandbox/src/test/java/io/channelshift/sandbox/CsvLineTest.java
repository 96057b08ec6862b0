package io.channelshift.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvLineTest {

  @Test
  void plainFieldsStayAsTheyAreAndFreeTextIsQuotedAsRfc4180Says() {
    assertThat(CsvLine.of("PAY", "T1", "", "100")).isEqualTo("PAY,T1,,100");
    assertThat(CsvLine.of("60 gems, bonus", "say \"hi\"", "a\r\nb", " padded", "`x`"))
        .isEqualTo("\"60 gems, bonus\",\"say \"\"hi\"\"\",\"a\r\nb\",\" padded\",`x`");
    assertThat(CsvLine.field(null)).isEmpty();
  }
}
