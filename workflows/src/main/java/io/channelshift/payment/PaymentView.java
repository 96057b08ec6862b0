package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The payment as its workflow sees it now: the answer to the status query. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentView(
    String orderId,
    String userId,
    PaymentStatus status,
    String channel,
    long routingVersion,
    long amountMinor,
    String currency,
    String productType,
    long paidAmountMinor,
    long refundedAmountMinor,
    String payUrl,
    long expiresAtEpochMs,
    String tradeNo,
    String anomalyReason,
    List<RefundView> refunds,
    List<String> notes) {}
