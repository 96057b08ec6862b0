package io.channelshift.provider;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.channelshift.payment.Money;

/**
 * A refund to ask for, or to ask about. {@code outRefundNo} is the number the provider knows the
 * refund by (Alipay {@code out_request_no}, WeChat Pay {@code out_refund_no}, the sandbox's {@code
 * outRefundNo}): the same number is the same refund, so a repeat is safe. It is the refund's {@code
 * provider_refund_no} from the store, unique across payments, never the platform's refund id as
 * such. {@code orderAmountMinor} is the whole order's amount, which some providers (WeChat Pay)
 * want with every refund. An answer is believed only for this order and amount ({@link
 * RefundAnswers}).
 */
public record ProviderRefund(
    String orderId,
    String outRefundNo,
    long amountMinor,
    long orderAmountMinor,
    String currency,
    String reason) {

  /** The refund's amount as money; not a component, so not part of any JSON of the refund. */
  @JsonIgnore
  public Money amount() {
    return new Money(amountMinor, currency);
  }

  /** The whole order's amount as money, in the refund's currency. */
  @JsonIgnore
  public Money orderAmount() {
    return new Money(orderAmountMinor, currency);
  }
}
