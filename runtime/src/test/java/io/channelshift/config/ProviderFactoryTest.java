package io.channelshift.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelshift.provider.alipay.AlipayProvider;
import io.channelshift.provider.fake.FakeKeys;
import io.channelshift.provider.wechat.WechatPayProvider;
import java.security.KeyPair;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderFactoryTest {

  private final ProviderFactory factory =
      new ProviderFactory("https://pay.example.com", (c, n) -> true, Clock.systemUTC());
  private final KeyPair keys = FakeKeys.newRsaKeyPair();

  @Test
  void everyMissingSettingIsNamedAtOnceAndNoValueIsEchoed() {
    ChannelProperties c =
        BoundSettings.channel(
            "wx",
            Map.of(
                "type",
                "wechatpay",
                "merchant-id",
                "1900000109",
                "api-v3-key",
                "a-secret-value-that-must-not-leak"));

    assertThatThrownBy(() -> factory.create("wx", c))
        .hasMessageContaining("channelshift.channels.wx.app-id")
        .hasMessageContaining("merchant-private-key")
        .hasMessageContaining("wechatpay-public-key-id")
        .hasMessageNotContaining("a-secret-value");
  }

  @Test
  void aKeyThatIsNotAKeyIsNamedWithItsChannel() {
    Map<String, String> settings = alipay();
    settings.put(
        "app-private-key", "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----");
    ChannelProperties c = BoundSettings.channel("ali", settings);

    assertThatThrownBy(() -> factory.create("ali", c))
        .hasMessageStartingWith("channel ali: app-private-key")
        .hasMessageNotContaining("bm90IGEga2V5");
  }

  @Test
  void configuredChannelsGetTheirAdapterAndOurNotifyUrl() {
    assertThat(factory.create("ali", BoundSettings.channel("ali", alipay())))
        .isInstanceOf(AlipayProvider.class)
        .satisfies(p -> assertThat(p.merchantId()).isEqualTo("2021000000000001"));

    Map<String, String> wx = new LinkedHashMap<>();
    wx.put("type", "wechatpay");
    wx.put("merchant-id", "1900000109");
    wx.put("app-id", "wxd678efh567hg6787");
    wx.put("merchant-private-key", FakeKeys.pem(keys.getPrivate()));
    wx.put("merchant-serial-number", "5157F09EFDC096DE15EBE81A47057A7232F1B8E1");
    wx.put("api-v3-key", "a32characterapiv3keyforthetests1");
    wx.put("wechatpay-public-key", FakeKeys.base64(keys.getPublic()));
    wx.put("wechatpay-public-key-id", "PUB_KEY_ID_1");
    assertThat(factory.create("wx", BoundSettings.channel("wx", wx)))
        .isInstanceOf(WechatPayProvider.class);
    wx.put("api-v3-key", "short");
    assertThatThrownBy(() -> factory.create("wx", BoundSettings.channel("wx", wx)))
        .hasMessageContaining("32 characters");
  }

  @Test
  void settingsNeverPrintTheirSecrets() {
    String privateKey = FakeKeys.pem(keys.getPrivate());
    var alipay =
        new io.channelshift.provider.alipay.AlipaySettings(
            "ali",
            "https://gw",
            "app",
            null,
            privateKey,
            "pub",
            "https://n",
            java.time.Duration.ofSeconds(1),
            java.time.Duration.ofSeconds(1));
    var wechat =
        new io.channelshift.provider.wechat.WechatPaySettings(
            "wx",
            null,
            "mch",
            "app",
            privateKey,
            "serial",
            "a32characterapiv3keyforthetests1",
            "pub",
            "PUB_KEY_ID_1",
            "https://n",
            java.time.Duration.ofSeconds(1),
            java.time.Duration.ofSeconds(1));

    String keyBody = io.channelshift.provider.PemKeys.base64Body(privateKey).substring(0, 40);
    assertThat(alipay.toString()).doesNotContain(keyBody).contains("appPrivateKey=***");
    assertThat(wechat.toString())
        .doesNotContain(keyBody)
        .doesNotContain("a32characterapiv3key")
        .contains("apiV3Key=***");
  }

  @Test
  void anUnknownTypeIsRefused() {
    ChannelProperties c = BoundSettings.channel("pp", Map.of("type", "paypal"));
    assertThatThrownBy(() -> factory.create("pp", c)).hasMessageContaining("unknown type paypal");
  }

  /** An alipay channel's settings, as {@code channelshift.channels.<name>.*} would hold them. */
  private Map<String, String> alipay() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("type", "alipay");
    c.put("app-id", "2021000000000001");
    c.put("app-private-key", FakeKeys.pem(keys.getPrivate()));
    c.put("alipay-public-key", FakeKeys.base64(keys.getPublic()));
    return c;
  }
}
