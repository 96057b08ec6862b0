package io.channelshift.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Money accessor of a receipt stays out of its JSON: the payload's shape is unchanged. */
class PaymentReceiptJsonTest {

  @Test
  void givenAReceipt_whenTemporalEncodesIt_itWritesNoAmountField() {
    PaymentReceipt receipt =
        new PaymentReceipt(
            "o-1", "sandbox", "t-1", 1234, "CNY", "2026-01-01T00:00:00Z", PaymentStatus.PAID, null);
    String json =
        DefaultDataConverter.newDefaultInstance()
            .toPayload(receipt)
            .orElseThrow()
            .getData()
            .toString(StandardCharsets.UTF_8);

    assertThat(json).contains("\"amountMinor\":1234").doesNotContain("\"amount\"");
    assertThat(receipt.amount()).isEqualTo(new Money(1234, "CNY"));
  }
}
