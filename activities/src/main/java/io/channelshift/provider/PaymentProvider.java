package io.channelshift.provider;

import io.channelshift.payment.ProviderCallback;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One payment provider (channel). Every call names its order or refund explicitly and says in its result
 * what the caller should do next ({@link io.channelshift.payment.ProviderOutcome}).
 *
 * <p>Errors: a call that may be repeated safely (query, close, statement) throws
 * {@link ProviderException} with {@code retryable = true} on transport errors and 5xx; a call that moves money
 * (create, refund) never throws for those but answers {@code UNKNOWN}, so that the caller queries first.
 */
public interface PaymentProvider {

  /** The channel name this provider serves, e.g. {@code legacy}. */
  String channel();

  /** The merchant id callbacks of this channel must carry. */
  String merchantId();

  ProviderCreateResult create(ProviderOrder order);

  ProviderOrderStatus query(String orderId);

  /** Closes the order; when the provider refuses because the order is paid, returns the paid status. */
  ProviderOrderStatus close(String orderId);

  ProviderRefundResult refund(ProviderRefund refund);

  ProviderRefundResult queryRefund(String orderId, String refundId);

  /**
   * Verifies a callback (signature, timestamp window, nonce) and parses it.
   *
   * @throws CallbackRejectedException when it must not be believed
   */
  ProviderCallback verifyCallback(Map<String, String> headers, String body);

  /** What to answer a callback that was recorded, in the format the provider expects. */
  CallbackAcknowledgement callbackAcknowledgement();

  /** The provider's statement lines for a day (UTC), header first. */
  List<String> fetchStatement(LocalDate day);
}
