package io.channelshift.provider.wechat;

import java.time.Duration;

/**
 * How to reach WeChat Pay API v3 for one channel, in public-key mode.
 *
 * @param channel channel name, e.g. {@code wechat}
 * @param baseUrl null or blank for WeChat Pay itself ({@code https://api.mch.weixin.qq.com});
 *     anything else sends the SDK's requests there instead (a local fake, a forward proxy)
 * @param merchantId the mchid; callbacks must carry it
 * @param appId the app id the Native payments are made for; callbacks must carry it
 * @param merchantPrivateKey the merchant API private key (PKCS#8, PEM or Base64); never logged
 * @param merchantSerialNumber the serial number of the merchant API certificate
 * @param apiV3Key the 32-character API v3 key that encrypts callbacks; never logged
 * @param wechatpayPublicKey WeChat Pay's public key (PEM or Base64)
 * @param wechatpayPublicKeyId its id ({@code PUB_KEY_ID_...})
 * @param notifyUrl where WeChat Pay must send callbacks (our {@code /notify/{channel}})
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout read and write timeout of one call
 */
public record WechatPaySettings(
    String channel,
    String baseUrl,
    String merchantId,
    String appId,
    String merchantPrivateKey,
    String merchantSerialNumber,
    String apiV3Key,
    String wechatpayPublicKey,
    String wechatpayPublicKeyId,
    String notifyUrl,
    Duration connectTimeout,
    Duration requestTimeout) {

  @Override
  public String toString() {
    return "WechatPaySettings[channel="
        + channel
        + ", baseUrl="
        + baseUrl
        + ", merchantId="
        + merchantId
        + ", appId="
        + appId
        + ", merchantPrivateKey=***, merchantSerialNumber="
        + merchantSerialNumber
        + ", apiV3Key=***, wechatpayPublicKeyId="
        + wechatpayPublicKeyId
        + ", notifyUrl="
        + notifyUrl
        + "]";
  }
}
