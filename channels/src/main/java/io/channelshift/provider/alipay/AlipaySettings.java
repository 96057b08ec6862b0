package io.channelshift.provider.alipay;

import java.time.Duration;

/**
 * How to reach Alipay for one channel (public-key mode, RSA2).
 *
 * @param channel channel name, e.g. {@code alipay}
 * @param gatewayUrl {@code https://openapi.alipay.com/gateway.do}, the sandbox gateway {@code
 *     https://openapi-sandbox.dl.alipaydev.com/gateway.do}, or a local fake
 * @param appId the application's app id; callbacks must carry it
 * @param sellerId the merchant's PID; when set, callbacks must carry it too
 * @param appPrivateKey the application's RSA private key (PKCS#8, PEM or Base64); never logged
 * @param alipayPublicKey Alipay's public key for this application (PEM or Base64)
 * @param notifyUrl where Alipay must send callbacks (our {@code /notify/{channel}})
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout read timeout of one call
 */
public record AlipaySettings(
    String channel,
    String gatewayUrl,
    String appId,
    String sellerId,
    String appPrivateKey,
    String alipayPublicKey,
    String notifyUrl,
    Duration connectTimeout,
    Duration requestTimeout) {

  @Override
  public String toString() {
    return "AlipaySettings[channel="
        + channel
        + ", gatewayUrl="
        + gatewayUrl
        + ", appId="
        + appId
        + ", sellerId="
        + sellerId
        + ", appPrivateKey=***, notifyUrl="
        + notifyUrl
        + "]";
  }
}
