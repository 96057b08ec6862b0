package io.channelshift.provider.sandbox;

import java.time.Duration;

/**
 * How to reach one sandbox channel.
 *
 * @param channel channel name, e.g. {@code legacy}
 * @param baseUrl the sandbox's base URL
 * @param merchantId our merchant id there
 * @param merchantSecret the shared HMAC key; never logged
 * @param notifyUrl where the sandbox must send callbacks (our {@code /notify/{channel}})
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout whole-request timeout
 */
public record SandboxChannelSettings(
    String channel,
    String baseUrl,
    String merchantId,
    String merchantSecret,
    String notifyUrl,
    Duration connectTimeout,
    Duration requestTimeout) {

  @Override
  public String toString() {
    return "SandboxChannelSettings[channel="
        + channel
        + ", baseUrl="
        + baseUrl
        + ", merchantId="
        + merchantId
        + ", merchantSecret=***, notifyUrl="
        + notifyUrl
        + "]";
  }
}
