package io.channelshift.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A refund to ask for, on the payment's own channel. The refund id is its idempotency key: the same
 * refund again answers the refund already asked for.
 *
 * @param refundId the platform's refund id, 1–64 of {@code A-Z a-z 0-9 _ . : -}
 * @param amountMinor how much to give back, at most what is paid and not yet refunded
 * @param reason optional, shown with the refund
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewRefund(String refundId, long amountMinor, String reason) {

  public NewRefund {
    Objects.requireNonNull(refundId, "refundId");
  }
}
