package io.channelshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.payment.Money;
import io.channelshift.payment.PaymentStatus;
import org.junit.jupiter.api.Test;

/** The Money accessor of a stored payment stays out of its JSON. */
class StoredPaymentJsonTest {

  @Test
  void givenAStoredPayment_whenWrittenAsJson_itWritesNoAmountField() throws Exception {
    StoredPayment p =
        new StoredPayment(
            "o-1",
            "u-1",
            1234,
            "CNY",
            "sandbox",
            1,
            PaymentStatus.PAID,
            null,
            "t-1",
            1234,
            0,
            null,
            null,
            null);

    assertThat(new ObjectMapper().writeValueAsString(p))
        .contains("\"amountMinor\":1234")
        .doesNotContain("\"amount\"");
    assertThat(p.amount()).isEqualTo(new Money(1234, "CNY"));
  }
}
