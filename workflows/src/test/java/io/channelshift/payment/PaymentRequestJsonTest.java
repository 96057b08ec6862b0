package io.channelshift.payment;

import static io.channelshift.payment.PaymentFixtures.anyRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The Money accessor of a payment request stays out of its JSON: the payload's shape is its
 * components only.
 */
class PaymentRequestJsonTest {

  @Test
  void givenARequest_whenTemporalEncodesIt_itWritesNoAmountField() {
    PaymentRequest request = anyRequest("o-1", 1234);
    String json =
        DefaultDataConverter.newDefaultInstance()
            .toPayload(request)
            .orElseThrow()
            .getData()
            .toString(StandardCharsets.UTF_8);

    assertThat(json).contains("\"amountMinor\":1234").doesNotContain("\"amount\"");
    assertThat(request.amount()).isEqualTo(new Money(1234, request.currency()));
  }
}
