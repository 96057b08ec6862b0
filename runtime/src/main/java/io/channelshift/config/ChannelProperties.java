package io.channelshift.config;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One payment channel ({@code channelshift.channels.<name>.*}): {@code type} says which of the
 * settings apply (docs/configuration.md, "Connecting a real provider"); a setting the type does not
 * use is ignored. Secrets are read like any other setting, so they can come from environment
 * variables or from files ({@code spring.config.import=configtree:...}); they are left out of
 * {@link #toString()}.
 *
 * @param type {@code sandbox}, {@code alipay} or {@code wechatpay}; default {@code sandbox}. Any
 *     other stops start-up.
 * @param enabled default {@code true}. {@code false}: the channel takes no new payments, whatever
 *     its lifecycle state (as if DRAINING: routing moves its payments to the table's first ACTIVE
 *     backup), but its adapter stays loaded, so the payments it holds keep their callbacks,
 *     queries, closes, refunds and reconciliation. To retire it for good, drain and retire it
 *     (docs/operations.md).
 * @param baseUrl sandbox: its base URL (required). Alipay: the gateway URL (default Alipay's
 *     production gateway). WeChat Pay: only to send the SDK elsewhere (a proxy).
 * @param merchantId sandbox: our merchant id there. WeChat Pay: the mchid. Required by both.
 * @param merchantSecret sandbox: the shared HMAC secret (required). Secret.
 * @param appId Alipay and WeChat Pay: the app id payments are made for (required).
 * @param sellerId Alipay: the merchant's PID, which callbacks must carry when set; default unset
 *     (not checked).
 * @param appPrivateKey Alipay: the application's RSA2 private key (required). Secret.
 * @param alipayPublicKey Alipay: Alipay's public key for the application (required).
 * @param merchantPrivateKey WeChat Pay: the merchant API private key (required). Secret.
 * @param merchantSerialNumber WeChat Pay: the merchant API certificate's serial number (required).
 * @param apiV3Key WeChat Pay: the API v3 key (required, exactly 32 characters). Secret.
 * @param wechatpayPublicKey WeChat Pay: WeChat Pay's public key (required).
 * @param wechatpayPublicKeyId WeChat Pay: that key's id, {@code PUB_KEY_ID_...} (required).
 * @param connectTimeout how long connecting to the provider may take; default 2 s.
 * @param requestTimeout how long one call to the provider may take; default 10 s.
 * @param fees what the channel charges; default unset, which records no fee (docs/configuration.md,
 *     "Fees and settlement").
 */
public record ChannelProperties(
    String type,
    @DefaultValue("true") boolean enabled,
    String baseUrl,
    String merchantId,
    String merchantSecret,
    String appId,
    String sellerId,
    String appPrivateKey,
    String alipayPublicKey,
    String merchantPrivateKey,
    String merchantSerialNumber,
    String apiV3Key,
    String wechatpayPublicKey,
    String wechatpayPublicKeyId,
    Duration connectTimeout,
    Duration requestTimeout,
    Fees fees) {

  public ChannelProperties {
    type = type == null ? "sandbox" : type;
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
    requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
  }

  @Override
  public String toString() {
    return "ChannelProperties[type="
        + type
        + ", enabled="
        + enabled
        + ", baseUrl="
        + baseUrl
        + ", merchantId="
        + merchantId
        + ", merchantSecret="
        + Redacted.of(merchantSecret)
        + ", appId="
        + appId
        + ", sellerId="
        + sellerId
        + ", appPrivateKey="
        + Redacted.of(appPrivateKey)
        + ", alipayPublicKey="
        + alipayPublicKey
        + ", merchantPrivateKey="
        + Redacted.of(merchantPrivateKey)
        + ", merchantSerialNumber="
        + merchantSerialNumber
        + ", apiV3Key="
        + Redacted.of(apiV3Key)
        + ", wechatpayPublicKey="
        + wechatpayPublicKey
        + ", wechatpayPublicKeyId="
        + wechatpayPublicKeyId
        + ", connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + ", fees="
        + fees
        + "]";
  }

  /**
   * A channel's fee schedule ({@code channelshift.channels.<name>.fees.*}), checked and turned into
   * a {@code FeeSchedule} at start-up: a bad refund policy or settlement cycle stops start-up
   * naming the channel.
   *
   * @param rateBps the rate, in basis points of the amount; default 0.
   * @param fixedMinor a fixed fee per payment, in minor units; default 0.
   * @param refundFee {@code PROPORTIONAL} (the fee is returned in proportion to a refund) or {@code
   *     NOT_RETURNED}; default {@code PROPORTIONAL}.
   * @param settlement when the money reaches the merchant: {@code T+n} counts working days (of
   *     {@code channelshift.settlement-calendar}), {@code D+n} calendar days; default {@code T+1}.
   */
  public record Fees(long rateBps, long fixedMinor, String refundFee, String settlement) {

    public Fees {
      refundFee = refundFee == null ? "PROPORTIONAL" : refundFee;
      settlement = settlement == null ? "T+1" : settlement;
    }
  }
}
