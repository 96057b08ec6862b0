package io.channelshift.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelshift.provider.alipay.AlipayProvider;
import io.channelshift.provider.fake.FakeKeys;
import io.channelshift.provider.wechat.WechatPayProvider;
import java.security.KeyPair;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class ProviderFactoryTest {

  private final ProviderFactory factory = new ProviderFactory("https://pay.example.com", (c, n) -> true,
      Clock.systemUTC());
  private final KeyPair keys = FakeKeys.newRsaKeyPair();

  @Test
  void everyMissingSettingIsNamedAtOnceAndNoValueIsEchoed() {
    ChannelShiftProperties.Channel c = new ChannelShiftProperties.Channel();
    c.setType("wechatpay");
    c.setMerchantId("1900000109");
    c.setApiV3Key("a-secret-value-that-must-not-leak");

    assertThatThrownBy(() -> factory.create("wx", c)).hasMessageContaining("channelshift.channels.wx.app-id")
        .hasMessageContaining("merchant-private-key").hasMessageContaining("wechatpay-public-key-id")
        .hasMessageNotContaining("a-secret-value");
  }

  @Test
  void aKeyThatIsNotAKeyIsNamedWithItsChannel() {
    ChannelShiftProperties.Channel c = alipay();
    c.setAppPrivateKey("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----");

    assertThatThrownBy(() -> factory.create("ali", c)).hasMessageStartingWith("channel ali: app-private-key")
        .hasMessageNotContaining("bm90IGEga2V5");
  }

  @Test
  void configuredChannelsGetTheirAdapterAndOurNotifyUrl() {
    assertThat(factory.create("ali", alipay())).isInstanceOf(AlipayProvider.class)
        .satisfies(p -> assertThat(p.merchantId()).isEqualTo("2021000000000001"));

    ChannelShiftProperties.Channel wx = new ChannelShiftProperties.Channel();
    wx.setType("wechatpay");
    wx.setMerchantId("1900000109");
    wx.setAppId("wxd678efh567hg6787");
    wx.setMerchantPrivateKey(FakeKeys.pem(keys.getPrivate()));
    wx.setMerchantSerialNumber("5157F09EFDC096DE15EBE81A47057A7232F1B8E1");
    wx.setApiV3Key("a32characterapiv3keyforthetests1");
    wx.setWechatpayPublicKey(FakeKeys.base64(keys.getPublic()));
    wx.setWechatpayPublicKeyId("PUB_KEY_ID_1");
    assertThat(factory.create("wx", wx)).isInstanceOf(WechatPayProvider.class);
    wx.setApiV3Key("short");
    assertThatThrownBy(() -> factory.create("wx", wx)).hasMessageContaining("32 characters");
  }

  @Test
  void settingsNeverPrintTheirSecrets() {
    String privateKey = FakeKeys.pem(keys.getPrivate());
    var alipay = new io.channelshift.provider.alipay.AlipaySettings("ali", "https://gw", "app", null, privateKey,
        "pub", "https://n", java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1));
    var wechat = new io.channelshift.provider.wechat.WechatPaySettings("wx", null, "mch", "app", privateKey, "serial",
        "a32characterapiv3keyforthetests1", "pub", "PUB_KEY_ID_1", "https://n", java.time.Duration.ofSeconds(1),
        java.time.Duration.ofSeconds(1));

    String keyBody = io.channelshift.provider.PemKeys.base64Body(privateKey).substring(0, 40);
    assertThat(alipay.toString()).doesNotContain(keyBody).contains("appPrivateKey=***");
    assertThat(wechat.toString()).doesNotContain(keyBody).doesNotContain("a32characterapiv3key")
        .contains("apiV3Key=***");
  }

  @Test
  void anUnknownTypeIsRefused() {
    ChannelShiftProperties.Channel c = new ChannelShiftProperties.Channel();
    c.setType("paypal");
    assertThatThrownBy(() -> factory.create("pp", c)).hasMessageContaining("unknown type paypal");
  }

  private ChannelShiftProperties.Channel alipay() {
    ChannelShiftProperties.Channel c = new ChannelShiftProperties.Channel();
    c.setType("alipay");
    c.setAppId("2021000000000001");
    c.setAppPrivateKey(FakeKeys.pem(keys.getPrivate()));
    c.setAlipayPublicKey(FakeKeys.base64(keys.getPublic()));
    return c;
  }
}
