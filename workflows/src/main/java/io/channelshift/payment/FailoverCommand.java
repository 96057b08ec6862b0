package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Move a payment still being created off {@code fromChannel}, which cannot take its order, to the
 * next backup. Idempotent on ({@code orderId}, {@code fromChannel}).
 *
 * @param reason the kind of failure in the failover vocabulary ({@link CreateFailure#reason()})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FailoverCommand(String orderId, String fromChannel, String reason) {

  public FailoverCommand {
    Require.text("orderId", orderId);
    Require.text("fromChannel", fromChannel);
    Require.text("reason", reason);
  }
}
