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
 * Builds a channel's adapter from its {@code channelshift.channels.{name}.*} settings. Every
 * setting the type needs and lacks is named at once, before anything starts; values are never
 * echoed, since most are secrets.
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

  PaymentProvider create(String name, ChannelProperties c) {
    try {
      return build(name, c);
    } catch (IllegalArgumentException e) {
      throw e.getMessage().startsWith("channel")
          ? e
          : new IllegalArgumentException("channel " + name + ": " + e.getMessage(), e);
    }
  }

  private PaymentProvider build(String name, ChannelProperties c) {
    String notifyUrl = notifyBaseUrl + "/notify/" + name;
    Missing missing = new Missing(name);
    return switch (c.type() == null ? "" : c.type()) {
      case "sandbox" -> {
        missing
            .check("base-url", c.baseUrl())
            .check("merchant-id", c.merchantId())
            .check("merchant-secret", c.merchantSecret())
            .throwIfAny();
        yield new SandboxProvider(
            new SandboxChannelSettings(
                name,
                c.baseUrl(),
                c.merchantId(),
                c.merchantSecret(),
                notifyUrl,
                c.connectTimeout(),
                c.requestTimeout()),
            nonces,
            clock);
      }
      case "alipay" -> {
        missing
            .check("app-id", c.appId())
            .check("app-private-key", c.appPrivateKey())
            .check("alipay-public-key", c.alipayPublicKey())
            .throwIfAny();
        String gateway = blank(c.baseUrl()) ? ALIPAY_GATEWAY : c.baseUrl();
        yield new AlipayProvider(
            new AlipaySettings(
                name,
                gateway,
                c.appId(),
                c.sellerId(),
                c.appPrivateKey(),
                c.alipayPublicKey(),
                notifyUrl,
                c.connectTimeout(),
                c.requestTimeout()),
            nonces,
            clock);
      }
      case "wechatpay" -> {
        missing
            .check("merchant-id", c.merchantId())
            .check("app-id", c.appId())
            .check("merchant-private-key", c.merchantPrivateKey())
            .check("merchant-serial-number", c.merchantSerialNumber())
            .check("api-v3-key", c.apiV3Key())
            .check("wechatpay-public-key", c.wechatpayPublicKey())
            .check("wechatpay-public-key-id", c.wechatpayPublicKeyId())
            .throwIfAny();
        if (c.apiV3Key().length() != 32) {
          throw new IllegalArgumentException(
              "channelshift.channels." + name + ".api-v3-key must be 32 characters");
        }
        yield new WechatPayProvider(
            new WechatPaySettings(
                name,
                c.baseUrl(),
                c.merchantId(),
                c.appId(),
                c.merchantPrivateKey(),
                c.merchantSerialNumber(),
                c.apiV3Key(),
                c.wechatpayPublicKey(),
                c.wechatpayPublicKeyId(),
                notifyUrl,
                c.connectTimeout(),
                c.requestTimeout()),
            nonces,
            clock);
      }
      default ->
          throw new IllegalArgumentException(
              "channel "
                  + name
                  + " has unknown type "
                  + c.type()
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
        throw new IllegalArgumentException(
            "channel " + channel + " is missing " + String.join(", ", keys));
      }
    }
  }
}
