package io.channelshift.provider;

import io.channelshift.payment.ProviderCallback;
import java.time.LocalDate;
import java.util.Map;

/**
 * A provider for tests that use a few of its calls: each call a test does not override fails
 * loudly, so a test that reaches one it did not mean to is caught.
 */
public abstract class UnusedCallsProvider implements PaymentProvider {

  private final String channel;

  protected UnusedCallsProvider(String channel) {
    this.channel = channel;
  }

  @Override
  public String channel() {
    return channel;
  }

  @Override
  public String merchantId() {
    return "M";
  }

  @Override
  public ProviderCreateResult create(ProviderOrder order) {
    throw unused("create");
  }

  @Override
  public ProviderOrderStatus query(String orderId) {
    throw unused("query");
  }

  @Override
  public ProviderOrderStatus close(String orderId) {
    throw unused("close");
  }

  @Override
  public ProviderRefundResult refund(ProviderRefund refund) {
    throw unused("refund");
  }

  @Override
  public ProviderRefundResult queryRefund(ProviderRefund refund) {
    throw unused("queryRefund");
  }

  @Override
  public ProviderCallback verifyCallback(Map<String, String> headers, String body) {
    throw unused("verifyCallback");
  }

  @Override
  public CallbackAcknowledgement callbackAcknowledgement() {
    throw unused("callbackAcknowledgement");
  }

  @Override
  public StatementReader openStatement(LocalDate day, long afterLine) {
    throw unused("openStatement");
  }

  private static UnsupportedOperationException unused(String call) {
    return new UnsupportedOperationException(call + " is not used by this test");
  }
}
