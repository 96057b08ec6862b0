package io.channelshift.sandbox;

import java.time.Duration;
import java.util.List;

/**
 * How one sandbox provider instance runs.
 *
 * @param name channel name it plays, e.g. {@code legacy}; used in trade numbers and logs
 * @param host interface to bind, normally {@code 127.0.0.1}
 * @param port port to bind; 0 picks a free one
 * @param merchantId the only merchant this instance serves
 * @param merchantSecret the HMAC key shared with that merchant
 * @param faults faults in force at start-up
 * @param callbackRetryDelays delays between callback attempts; its size is the number of attempts
 * @param refundDelay how long a refund stays PROCESSING before it succeeds
 * @param seed seed of the fault dice, so a drill can be repeated
 * @param feeBps the fee this provider charges, in basis points of each payment, rounded half up to
 *     the minor unit; given back in proportion to refunds. It shows on the statement.
 */
public record SandboxConfig(
    String name,
    String host,
    int port,
    String merchantId,
    String merchantSecret,
    FaultSettings faults,
    List<Duration> callbackRetryDelays,
    Duration refundDelay,
    long seed,
    long feeBps) {

  /** Real providers retry for hours; the defaults compress that into about two minutes. */
  public static final List<Duration> DEFAULT_RETRY_DELAYS =
      List.of(
          Duration.ofMillis(500),
          Duration.ofSeconds(1),
          Duration.ofSeconds(2),
          Duration.ofSeconds(5),
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofSeconds(60));

  public SandboxConfig {
    if (merchantSecret == null || merchantSecret.length() < 16) {
      throw new IllegalArgumentException("merchantSecret must be at least 16 characters");
    }
    callbackRetryDelays = List.copyOf(callbackRetryDelays);
    if (feeBps < 0 || feeBps > 10_000) {
      throw new IllegalArgumentException("feeBps must be between 0 and 10000");
    }
  }

  public static SandboxConfig defaults(
      String name, int port, String merchantId, String merchantSecret) {
    return new SandboxConfig(
        name,
        "127.0.0.1",
        port,
        merchantId,
        merchantSecret,
        FaultSettings.NONE,
        DEFAULT_RETRY_DELAYS,
        Duration.ofMillis(200),
        42,
        0);
  }

  public SandboxConfig withFeeBps(long bps) {
    return new SandboxConfig(
        name,
        host,
        port,
        merchantId,
        merchantSecret,
        faults,
        callbackRetryDelays,
        refundDelay,
        seed,
        bps);
  }
}
