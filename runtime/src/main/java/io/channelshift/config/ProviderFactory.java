package io.channelshift.config;

import io.channelshift.provider.NonceGuard;
import io.channelshift.provider.PaymentProvider;
import io.channelshift.provider.alipay.AlipayProvider;
import io.channelshift.provider.alipay.AlipaySettings;
import io.channelshift.provider.sandbox.SandboxChannelSettings;
import io.channelshift.provider.sandbox.SandboxProvider;
import io.channelshift.provider.wechat.WechatPayProvider;
import io.channelshift.provider.wechat.WechatPaySettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a channel's adapter from its {@code channelshift.channels.{name}.*} settings. Every setting the type
 * needs and lacks is named at once, before anything starts; values are never echoed, since most are secrets.
 */
final class ProviderFactory {

  /** Alipay's production gateway, used when an alipay channel names no base-url. */
  static final String ALIPAY_GATEWAY = "https://openapi.alipay.com/gateway.do";

  private final String notifyBaseUrl;
  private final NonceGuard nonces;
  private final Clock clock;

  ProviderFactory(String notifyBaseUrl, NonceGuard nonces, Clock clock) {
    this.notifyBaseUrl = notifyBaseUrl;
    this.nonces = nonces;
    this.clock = clock;
  }

  PaymentProvider create(String name, ChannelShiftProperties.Channel c) {
    try {
      return build(name, c);
    } catch (IllegalArgumentException e) {
      throw e.getMessage().startsWith("channel") ? e
          : new IllegalArgumentException("channel " + name + ": " + e.getMessage(), e);
    }
  }

  private PaymentProvider build(String name, ChannelShiftProperties.Channel c) {
    String notifyUrl = notifyBaseUrl + "/notify/" + name;
    Missing missing = new Missing(name);
    return switch (c.getType() == null ? "" : c.getType()) {
      case "sandbox" -> {
        missing.check("base-url", c.getBaseUrl()).check("merchant-id", c.getMerchantId())
            .check("merchant-secret", c.getMerchantSecret()).throwIfAny();
        yield new SandboxProvider(new SandboxChannelSettings(name, c.getBaseUrl(), c.getMerchantId(),
            c.getMerchantSecret(), notifyUrl, c.getConnectTimeout(), c.getRequestTimeout()), nonces, clock);
      }
      case "alipay" -> {
        missing.check("app-id", c.getAppId()).check("app-private-key", c.getAppPrivateKey())
            .check("alipay-public-key", c.getAlipayPublicKey()).throwIfAny();
        String gateway = blank(c.getBaseUrl()) ? ALIPAY_GATEWAY : c.getBaseUrl();
        yield new AlipayProvider(new AlipaySettings(name, gateway, c.getAppId(), c.getSellerId(),
            c.getAppPrivateKey(), c.getAlipayPublicKey(), notifyUrl, c.getConnectTimeout(), c.getRequestTimeout()),
            nonces, clock);
      }
      case "wechatpay" -> {
        missing.check("merchant-id", c.getMerchantId()).check("app-id", c.getAppId())
            .check("merchant-private-key", c.getMerchantPrivateKey())
            .check("merchant-serial-number", c.getMerchantSerialNumber()).check("api-v3-key", c.getApiV3Key())
            .check("wechatpay-public-key", c.getWechatpayPublicKey())
            .check("wechatpay-public-key-id", c.getWechatpayPublicKeyId()).throwIfAny();
        if (c.getApiV3Key().length() != 32) {
          throw new IllegalArgumentException("channelshift.channels." + name + ".api-v3-key must be 32 characters");
        }
        yield new WechatPayProvider(new WechatPaySettings(name, c.getBaseUrl(), c.getMerchantId(), c.getAppId(),
            c.getMerchantPrivateKey(), c.getMerchantSerialNumber(), c.getApiV3Key(), c.getWechatpayPublicKey(),
            c.getWechatpayPublicKeyId(), notifyUrl, c.getConnectTimeout(), c.getRequestTimeout()), nonces, clock);
      }
      default -> throw new IllegalArgumentException("channel " + name + " has unknown type " + c.getType()
          + " (sandbox, alipay or wechatpay)");
    };
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  /** Collects the settings a channel lacks, so that one start-up names all of them. */
  private static final class Missing {
    private final String channel;
    private final List<String> keys = new ArrayList<>();

    Missing(String channel) {
      this.channel = channel;
    }

    Missing check(String key, String value) {
      if (blank(value)) {
        keys.add("channelshift.channels." + channel + "." + key);
      }
      return this;
    }

    void throwIfAny() {
      if (!keys.isEmpty()) {
        throw new IllegalArgumentException("channel " + channel + " is missing " + String.join(", ", keys));
      }
    }
  }
}
