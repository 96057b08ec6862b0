package io.channelshift.provider;

import io.channelshift.payment.CreateFailure;
import io.channelshift.payment.ProviderOutcome;

/**
 * A create's outcome: PROCESSED with the pay URL, FAILED with the provider's reason, or UNKNOWN;
 * with the kind of failure the adapter read in the answer ({@link CreateFailure}: about the order,
 * or the channel cannot take orders).
 */
public record ProviderCreateResult(
    ProviderOutcome outcome,
    String payUrl,
    String tradeNo,
    String failure,
    CreateFailure failureKind) {

  public ProviderCreateResult {
    failureKind =
        failureKind != null
            ? failureKind
            : outcome == ProviderOutcome.PROCESSED ? CreateFailure.NONE : CreateFailure.ORDER;
  }

  public ProviderCreateResult(
      ProviderOutcome outcome, String payUrl, String tradeNo, String failure) {
    this(outcome, payUrl, tradeNo, failure, null);
  }

  /** No answer to act on: the order may exist; {@code kind} says how the channel failed. */
  public static ProviderCreateResult unknown(CreateFailure kind, String why) {
    return new ProviderCreateResult(ProviderOutcome.UNKNOWN, null, null, why, kind);
  }

  /** No answer we can read: may have reached the provider, counted as a transport failure. */
  public static ProviderCreateResult unknown(String why) {
    return unknown(CreateFailure.TRANSPORT, why);
  }

  /**
   * No answer because the call failed with {@code e}: TIMEOUT when a timeout is among its causes,
   * else TRANSPORT. The order may exist: it is queried before anything else.
   */
  public static ProviderCreateResult noAnswer(Throwable e, String why) {
    return unknown(timedOut(e) ? CreateFailure.TIMEOUT : CreateFailure.TRANSPORT, why);
  }

  private static boolean timedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.net.SocketTimeoutException
          || t instanceof java.net.http.HttpTimeoutException
          || t instanceof java.util.concurrent.TimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** A refusal about this order or user. */
  public static ProviderCreateResult failed(String why) {
    return new ProviderCreateResult(ProviderOutcome.FAILED, null, null, why, CreateFailure.ORDER);
  }

  /** A refusal that says the channel takes no orders of this merchant now: nothing was created. */
  public static ProviderCreateResult channelRefused(CreateFailure kind, String why) {
    return new ProviderCreateResult(ProviderOutcome.FAILED, null, null, why, kind);
  }
}
