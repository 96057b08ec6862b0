package io.channelshift.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Money accessor of a risk check stays out of its JSON: the payload's shape is unchanged. */
class RiskCheckJsonTest {

  @Test
  void givenARiskCheck_whenTemporalEncodesIt_itWritesNoAmountField() {
    RiskCheck check = new RiskCheck("o-1", "u-1", "topup", 1234, "CNY", "1.2.3.4");
    String json =
        DefaultDataConverter.newDefaultInstance()
            .toPayload(check)
            .orElseThrow()
            .getData()
            .toString(StandardCharsets.UTF_8);

    assertThat(json).contains("\"amountMinor\":1234").doesNotContain("\"amount\"");
    assertThat(check.amount()).isEqualTo(new Money(1234, "CNY"));
  }
}
