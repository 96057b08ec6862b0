package io.channelshift.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.payment.PaymentTiming;
import io.temporal.serviceclient.GrpcCompression;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code channelshift.*} records bind as the single properties class they replace did: the same
 * names (relaxed, kebab-case), the same defaults, maps keyed by name in their configured order; and
 * no secret in a toString.
 */
class SettingsRecordsTest {

  @Test
  void withNothingConfiguredEveryDefaultIsAsBefore() {
    TemporalProperties temporal = BoundSettings.bind(TemporalProperties.class, Map.of());
    assertThat(temporal.target()).isEqualTo("127.0.0.1:7233");
    assertThat(temporal.namespace()).isEqualTo("default");
    assertThat(temporal.stickyExecution()).isTrue();
    assertThat(temporal.grpcCompression()).isEqualTo(GrpcCompression.GZIP);
    assertThat(temporal.apiKey()).isNull();
    assertThat(temporal.tls()).isEqualTo(TemporalProperties.Tls.NONE);
    assertThat(TemporalConnection.usesTls(temporal)).isFalse();

    MetricsProperties metrics = BoundSettings.bind(MetricsProperties.class, Map.of());
    assertThat(metrics.port()).isNull();
    assertThat(metrics.address()).isEqualTo("127.0.0.1");

    ChannelsProperties channels = BoundSettings.bind(ChannelsProperties.class, Map.of());
    assertThat(channels.channels()).isEmpty();
    assertThat(channels.defaultChannel()).isEqualTo("legacy");
    assertThat(channels.notifyBaseUrl()).isEqualTo("http://127.0.0.1:8080");

    ReconciliationProperties reconciliation =
        BoundSettings.bind(ReconciliationProperties.class, Map.of());
    assertThat(reconciliation.scheduler()).isEqualTo("schedule");
    assertThat(reconciliation.at()).isEqualTo("02:00");
    assertThat(reconciliation.pageSize()).isEqualTo(5_000);

    SettlementCalendarProperties calendar =
        BoundSettings.bind(SettlementCalendarProperties.class, Map.of());
    assertThat(calendar.holidays()).isEmpty();
    assertThat(calendar.workingWeekendDays()).isEmpty();

    WebhookProperties webhook = BoundSettings.bind(WebhookProperties.class, Map.of());
    assertThat(webhook.url()).isNull();
    assertThat(webhook.secret()).isNull();
    assertThat(webhook.timeout()).isEqualTo(Duration.ofSeconds(10));

    PaymentProperties payment = BoundSettings.bind(PaymentProperties.class, Map.of());
    assertThat(payment.timing()).isEqualTo(PaymentTiming.DEFAULT);
    assertThat(payment.currencies()).containsExactly("CNY", "USD", "HKD", "EUR");
    assertThat(payment.productTypes()).containsExactly("game_card", "topup", "membership");
    assertThat(payment.maxAmountMinor()).isEqualTo(100_000_000L);
    assertThat(payment.checkoutTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(PaymentProperties.defaults()).isEqualTo(payment);

    assertThat(BoundSettings.bind(SecurityProperties.class, Map.of()).apiKeys()).isEmpty();

    CodecProperties codec = BoundSettings.bind(CodecProperties.class, Map.of());
    assertThat(codec.enabled()).isTrue();
    assertThat(codec.currentKeyId()).isNull();
    assertThat(codec.keys()).isEmpty();
    assertThat(codec.corsOrigins()).isEmpty();
    assertThat(CodecProperties.defaults()).isEqualTo(codec);

    RiskProperties risk = BoundSettings.bind(RiskProperties.class, Map.of());
    assertThat(risk.zone()).isEqualTo("Asia/Shanghai");
    assertThat(risk.defaults()).isEqualTo(new RiskProperties.Limits(null, null, null, List.of()));
    assertThat(risk.productTypes()).isEmpty();
  }

  @Test
  void aChannelsDefaultsAndItsFeesOnlyWhenConfigured() {
    ChannelProperties plain = BoundSettings.channel("legacy", Map.of("base-url", "http://sandbox"));
    assertThat(plain.type()).isEqualTo("sandbox");
    assertThat(plain.enabled()).isTrue();
    assertThat(plain.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(plain.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(plain.fees()).as("unset records no fee").isNull();

    ChannelProperties.Fees fees =
        BoundSettings.channel("legacy", Map.of("fees.rate-bps", "60")).fees();
    assertThat(fees).isEqualTo(new ChannelProperties.Fees(60, 0, "PROPORTIONAL", "T+1"));
  }

  @Test
  void everySettingBindsByItsKebabCaseName_andMapsKeepTheirKeysAndOrder() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("channelshift.temporal.sticky-execution", "false");
    settings.put("channelshift.temporal.grpc-compression", "none");
    settings.put("channelshift.temporal.api-key", "tk");
    settings.put("channelshift.temporal.tls.client-cert", "/c.pem");
    settings.put("channelshift.temporal.tls.server-name", "frontend");
    settings.put("channelshift.channels.zeta.type", "alipay");
    settings.put("channelshift.channels.zeta.enabled", "false");
    settings.put("channelshift.channels.zeta.seller-id", "2088");
    settings.put("channelshift.channels.alpha.wechatpay-public-key-id", "PUB_KEY_ID_1");
    settings.put("channelshift.channels.alpha.request-timeout", "1s");
    settings.put("channelshift.channels.alpha.fees.refund-fee", "NOT_RETURNED");
    settings.put("channelshift.default-channel", "alpha");
    settings.put("channelshift.notify-base-url", "https://us.example.com");
    settings.put("channelshift.reconciliation.page-size", "7");
    settings.put("channelshift.settlement-calendar.working-weekend-days", "2026-10-10");
    settings.put("channelshift.payment.query-backoff", "1s,2s");
    settings.put("channelshift.payment.max-amount-minor", "500");
    settings.put("channelshift.payment.checkout-timeout", "3s");
    settings.put("channelshift.security.api-keys.shop-1.sha256", "ab");
    settings.put("channelshift.security.api-keys.shop-1.roles", "platform,ops");
    settings.put("channelshift.codec.enabled", "false");
    settings.put("channelshift.codec.current-key-id", "k2");
    settings.put("channelshift.codec.keys.k2", "secret-key-2");
    settings.put("channelshift.codec.cors-origins", "http://localhost:8233");
    settings.put("channelshift.risk.defaults.max-per-minute", "5");
    settings.put("channelshift.risk.product-types.game_card.daily-max-minor", "900");
    settings.put("channelshift.risk.product-types.game_card.blocked-ips", "10.0.0.1");
    settings.put("channelshift.metrics.port", "0");

    TemporalProperties temporal = BoundSettings.bind(TemporalProperties.class, settings);
    assertThat(temporal.stickyExecution()).isFalse();
    assertThat(temporal.grpcCompression()).isEqualTo(GrpcCompression.NONE);
    assertThat(temporal.apiKey()).isEqualTo("tk");
    assertThat(temporal.tls())
        .isEqualTo(new TemporalProperties.Tls(false, "/c.pem", null, null, "frontend"));

    ChannelsProperties channels = BoundSettings.bind(ChannelsProperties.class, settings);
    assertThat(channels.channels()).containsOnlyKeys("zeta", "alpha");
    assertThat(channels.channels().keySet()).containsExactly("zeta", "alpha");
    assertThat(channels.channels().get("zeta").enabled()).isFalse();
    assertThat(channels.channels().get("zeta").sellerId()).isEqualTo("2088");
    assertThat(channels.channels().get("alpha").wechatpayPublicKeyId()).isEqualTo("PUB_KEY_ID_1");
    assertThat(channels.channels().get("alpha").requestTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(channels.channels().get("alpha").fees().refundFee()).isEqualTo("NOT_RETURNED");
    assertThat(channels.defaultChannel()).isEqualTo("alpha");
    assertThat(channels.notifyBaseUrl()).isEqualTo("https://us.example.com");

    assertThat(BoundSettings.bind(ReconciliationProperties.class, settings).pageSize())
        .isEqualTo(7);
    assertThat(
            BoundSettings.bind(SettlementCalendarProperties.class, settings).workingWeekendDays())
        .containsExactly("2026-10-10");

    PaymentProperties payment = BoundSettings.bind(PaymentProperties.class, settings);
    assertThat(payment.queryBackoff())
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(payment.maxAmountMinor()).isEqualTo(500);
    assertThat(payment.checkoutTimeout()).isEqualTo(Duration.ofSeconds(3));

    assertThat(BoundSettings.bind(SecurityProperties.class, settings).apiKeys())
        .containsExactly(
            Map.entry("shop-1", new SecurityProperties.ApiKey("ab", List.of("platform", "ops"))));

    CodecProperties codec = BoundSettings.bind(CodecProperties.class, settings);
    assertThat(codec)
        .isEqualTo(
            new CodecProperties(
                false, "k2", Map.of("k2", "secret-key-2"), List.of("http://localhost:8233")));

    RiskProperties risk = BoundSettings.bind(RiskProperties.class, settings);
    assertThat(risk.defaults().maxPerMinute()).isEqualTo(5);
    assertThat(risk.productTypes().get("game_card"))
        .isEqualTo(new RiskProperties.Limits(null, 900L, null, List.of("10.0.0.1")));

    assertThat(BoundSettings.bind(MetricsProperties.class, settings).port()).isZero();
  }

  @Test
  void noSecretIsEverPrinted() {
    TemporalProperties temporal =
        new TemporalProperties("t:7233", null, true, null, "temporal-api-key", null);
    assertThat(temporal.toString()).doesNotContain("temporal-api-key").contains("apiKey=***");

    ChannelProperties channel =
        new ChannelProperties(
            "sandbox",
            true,
            "http://sb",
            "m1",
            "hmac-secret",
            "app",
            null,
            "alipay-private-key",
            "alipay-public",
            "wechat-private-key",
            "serial",
            "api-v3-key-value",
            "wx-public",
            "PUB_KEY_ID_1",
            null,
            null,
            null);
    assertThat(channel.toString())
        .doesNotContain(
            "hmac-secret", "alipay-private-key", "wechat-private-key", "api-v3-key-value")
        .contains("merchantId=m1", "alipayPublicKey=alipay-public");
    ChannelsProperties channels = new ChannelsProperties(Map.of("sb", channel), null, null);
    assertThat(channels.toString())
        .doesNotContain(
            "hmac-secret", "alipay-private-key", "wechat-private-key", "api-v3-key-value");

    WebhookProperties webhook = new WebhookProperties("https://shop", "webhook-secret", null);
    assertThat(webhook.toString()).doesNotContain("webhook-secret").contains("secret=***");

    CodecProperties codec =
        new CodecProperties(true, "k1", Map.of("k1", "payload-key-base64"), null);
    assertThat(codec.toString()).doesNotContain("payload-key-base64").contains("k1");
  }
}
