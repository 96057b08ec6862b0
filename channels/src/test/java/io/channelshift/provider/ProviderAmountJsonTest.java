package io.channelshift.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.payment.Money;
import org.junit.jupiter.api.Test;

/** The Money accessors of an order and a refund to a provider stay out of their JSON. */
class ProviderAmountJsonTest {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void givenAnOrder_whenWrittenAsJson_itWritesNoAmountField() throws Exception {
    ProviderOrder order = new ProviderOrder("o-1", 1234, "CNY", "s", "1.2.3.4", 0);

    assertThat(json.writeValueAsString(order))
        .contains("\"amountMinor\":1234")
        .doesNotContain("\"amount\"");
    assertThat(order.amount()).isEqualTo(new Money(1234, "CNY"));
  }

  @Test
  void givenARefund_whenWrittenAsJson_itWritesNoAmountFields() throws Exception {
    ProviderRefund refund = new ProviderRefund("o-1", "r-1", 500, 1234, "CNY", "why");

    assertThat(json.writeValueAsString(refund))
        .contains("\"amountMinor\":500", "\"orderAmountMinor\":1234")
        .doesNotContain("\"amount\"", "\"orderAmount\"");
    assertThat(refund.amount()).isEqualTo(new Money(500, "CNY"));
    assertThat(refund.orderAmount()).isEqualTo(new Money(1234, "CNY"));
  }
}
