package io.channelshift.provider;

import io.channelshift.payment.ProviderCallback;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A channel's adapter with every call to the provider timed: {@code channelshift.provider.requests}
 * (a timer: count, total and max per channel, operation and outcome). The outcome is what the
 * provider answered (PROCESSED, PENDING, FAILED, UNKNOWN, CANCELED; PAID, NOT_PAID, CLOSED,
 * NOT_FOUND for queries and closes) or, when the call threw, the kind of error. Verifying a
 * callback asks nothing of the provider and is not timed here.
 */
public final class MeasuredProvider implements PaymentProvider {

  static final String REQUESTS = "channelshift.provider.requests";

  private final PaymentProvider provider;
  private final MeterRegistry meters;

  public MeasuredProvider(PaymentProvider provider, MeterRegistry meters) {
    this.provider = provider;
    this.meters = meters;
  }

  @Override
  public String channel() {
    return provider.channel();
  }

  @Override
  public String merchantId() {
    return provider.merchantId();
  }

  @Override
  public ProviderCreateResult create(ProviderOrder order) {
    return timed("create", () -> provider.create(order), r -> r.outcome().name());
  }

  @Override
  public ProviderOrderStatus query(String orderId) {
    return timed("query", () -> provider.query(orderId), r -> r.state().name());
  }

  @Override
  public ProviderOrderStatus close(String orderId) {
    return timed("close", () -> provider.close(orderId), r -> r.state().name());
  }

  @Override
  public ProviderRefundResult refund(ProviderRefund refund) {
    return timed("refund", () -> provider.refund(refund), r -> r.outcome().name());
  }

  @Override
  public ProviderRefundResult queryRefund(ProviderRefund refund) {
    return timed("query_refund", () -> provider.queryRefund(refund), r -> r.outcome().name());
  }

  @Override
  public ProviderCallback verifyCallback(Map<String, String> headers, String body) {
    return provider.verifyCallback(headers, body);
  }

  @Override
  public ProviderRefundNotice verifyRefundNotice(Map<String, String> headers, String body) {
    return provider.verifyRefundNotice(headers, body);
  }

  @Override
  public CallbackAcknowledgement callbackAcknowledgement() {
    return provider.callbackAcknowledgement();
  }

  @Override
  public StatementReader openStatement(LocalDate day, long afterLine) {
    return timed("statement", () -> provider.openStatement(day, afterLine), r -> "OPENED");
  }

  @Override
  public ZoneId statementZone() {
    return provider.statementZone();
  }

  private <T> T timed(String operation, Supplier<T> call, Function<T, String> outcome) {
    long started = System.nanoTime();
    String answered = "ERROR";
    try {
      T result = call.get();
      answered = outcome.apply(result);
      return result;
    } catch (ProviderException e) {
      answered = e.type().name();
      throw e;
    } catch (RuntimeException e) {
      answered = e.getClass().getSimpleName();
      throw e;
    } finally {
      Timer.builder(REQUESTS)
          .description("calls to payment providers")
          .tags("channel", provider.channel(), "operation", operation, "outcome", answered)
          .register(meters)
          .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
  }
}
