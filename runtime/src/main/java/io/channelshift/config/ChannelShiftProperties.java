package io.channelshift.config;

import io.channelshift.payment.PaymentTiming;
import io.temporal.serviceclient.GrpcCompression;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything under {@code channelshift.*}, bound by the worker and the starter alike. Plain JavaBeans so that
 * this module needs no Spring Boot; each app binds it with {@code @ConfigurationProperties("channelshift")}.
 */
public class ChannelShiftProperties {

  private final Temporal temporal = new Temporal();
  private final Map<String, Channel> channels = new LinkedHashMap<>();
  private final Webhook webhook = new Webhook();
  private final Payment payment = new Payment();
  private final Security security = new Security();
  private final Codec codec = new Codec();
  private final Risk risk = new Risk();
  private final Reconciliation reconciliation = new Reconciliation();
  private final SettlementCalendar settlementCalendar = new SettlementCalendar();
  private final Metrics metrics = new Metrics();
  /** Base URL providers reach us on; callbacks go to {@code {notifyBaseUrl}/notify/{channel}}. */
  private String notifyBaseUrl = "http://127.0.0.1:8080";
  /** The channel the initial routing table sends everything to. */
  private String defaultChannel = "legacy";

  public Metrics getMetrics() {
    return metrics;
  }

  public Temporal getTemporal() {
    return temporal;
  }

  public Map<String, Channel> getChannels() {
    return channels;
  }

  public Webhook getWebhook() {
    return webhook;
  }

  public Payment getPayment() {
    return payment;
  }

  public Security getSecurity() {
    return security;
  }

  public Codec getCodec() {
    return codec;
  }

  public Risk getRisk() {
    return risk;
  }

  public Reconciliation getReconciliation() {
    return reconciliation;
  }

  public SettlementCalendar getSettlementCalendar() {
    return settlementCalendar;
  }

  public String getNotifyBaseUrl() {
    return notifyBaseUrl;
  }

  public void setNotifyBaseUrl(String notifyBaseUrl) {
    this.notifyBaseUrl = notifyBaseUrl;
  }

  public String getDefaultChannel() {
    return defaultChannel;
  }

  public void setDefaultChannel(String defaultChannel) {
    this.defaultChannel = defaultChannel;
  }

  /** Where the Temporal frontend is. */
  public static class Temporal {
    private String target = "127.0.0.1:7233";
    private String namespace = "default";
    /** Off only for a worker that may die while an embedded test server lives on (see NoStickyExecution). */
    private boolean stickyExecution = true;
    /**
     * How requests to Temporal are compressed: {@code gzip} (the SDK's default) saves bandwidth to a cluster across
     * a network; {@code none} saves the CPU where there is no network to save (the embedded server on loopback).
     */
    private GrpcCompression grpcCompression = GrpcCompression.GZIP;
    /** A Temporal Cloud (or other) API key, sent as a bearer token; turns TLS on. Never logged. */
    private String apiKey;
    /** How the connection to Temporal is encrypted and how this process proves who it is (mTLS). */
    private final TemporalTls tls = new TemporalTls();

    public String getApiKey() {
      return apiKey;
    }

    public void setApiKey(String apiKey) {
      this.apiKey = apiKey;
    }

    public TemporalTls getTls() {
      return tls;
    }

    @Override
    public String toString() {
      return "Temporal[target=" + target + ", namespace=" + namespace + ", apiKey="
          + (apiKey == null ? "none" : "***") + "]";
    }

    public GrpcCompression getGrpcCompression() {
      return grpcCompression;
    }

    public void setGrpcCompression(GrpcCompression grpcCompression) {
      this.grpcCompression = grpcCompression;
    }

    public boolean isStickyExecution() {
      return stickyExecution;
    }

    public void setStickyExecution(boolean stickyExecution) {
      this.stickyExecution = stickyExecution;
    }

    public String getTarget() {
      return target;
    }

    public void setTarget(String target) {
      this.target = target;
    }

    public String getNamespace() {
      return namespace;
    }

    public void setNamespace(String namespace) {
      this.namespace = namespace;
    }
  }

  /**
   * The worker's Prometheus scrape endpoint ({@code http://address:port/metrics}); the worker serves nothing else
   * over HTTP. Off unless a port is set (0 takes a free one, as the embedded stack does). The starter's metrics are
   * at {@code /actuator/prometheus} on its own port instead.
   */
  public static class Metrics {
    private Integer port;
    private String address = "127.0.0.1";

    public Integer getPort() {
      return port;
    }

    public void setPort(Integer port) {
      this.port = port;
    }

    public String getAddress() {
      return address;
    }

    public void setAddress(String address) {
      this.address = address;
    }
  }

  /**
   * TLS to Temporal. Any of these settings (or an API key) turns it on. Files are PEM: the client certificate
   * (chain) and its PKCS#8 private key for mTLS (Temporal Cloud's certificate auth, or a self-hosted cluster that
   * asks for client certificates), and the CA certificates to trust for the server when it is not signed by one the
   * JVM trusts.
   */
  public static class TemporalTls {
    /** TLS with the server's certificate checked against the JVM's trust store (or {@code server-ca}). */
    private boolean enabled;
    private String clientCert;
    private String clientKey;
    private String serverCa;
    /** The name the server's certificate must carry, when it is not the target's host (also sent as SNI). */
    private String serverName;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getClientCert() {
      return clientCert;
    }

    public void setClientCert(String clientCert) {
      this.clientCert = clientCert;
    }

    public String getClientKey() {
      return clientKey;
    }

    public void setClientKey(String clientKey) {
      this.clientKey = clientKey;
    }

    public String getServerCa() {
      return serverCa;
    }

    public void setServerCa(String serverCa) {
      this.serverCa = serverCa;
    }

    public String getServerName() {
      return serverName;
    }

    public void setServerName(String serverName) {
      this.serverName = serverName;
    }
  }

  /**
   * One payment channel: {@code type} is {@code sandbox}, {@code alipay} or {@code wechatpay}, and says which of
   * the settings below apply (docs/configuration.md, "Connecting a real provider"). Secrets are read like any other
   * setting, so they can come from environment variables or from files ({@code spring.config.import=configtree:...}).
   */
  public static class Channel {
    private String type = "sandbox";
    private boolean enabled = true;
    /** Sandbox: its base URL. Alipay: the gateway URL. WeChat Pay: only to send the SDK elsewhere (a proxy). */
    private String baseUrl;
    /** Sandbox: our merchant id there. WeChat Pay: the mchid. */
    private String merchantId;
    /** Sandbox: the shared HMAC secret. */
    private String merchantSecret;
    /** Alipay and WeChat Pay: the app id payments are made for. */
    private String appId;
    /** Alipay: the merchant's PID, which callbacks must carry when set. */
    private String sellerId;
    /** Alipay: the application's RSA2 private key. */
    private String appPrivateKey;
    /** Alipay: Alipay's public key for the application. */
    private String alipayPublicKey;
    /** WeChat Pay: the merchant API private key. */
    private String merchantPrivateKey;
    /** WeChat Pay: the merchant API certificate's serial number. */
    private String merchantSerialNumber;
    /** WeChat Pay: the API v3 key (32 characters). */
    private String apiV3Key;
    /** WeChat Pay: WeChat Pay's public key and its id ({@code PUB_KEY_ID_...}). */
    private String wechatpayPublicKey;
    private String wechatpayPublicKeyId;
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration requestTimeout = Duration.ofSeconds(10);
    /** What the channel charges; unset records no fee (docs/configuration.md, "Fees and settlement"). */
    private Fees fees;

    public Fees getFees() {
      return fees;
    }

    public void setFees(Fees fees) {
      this.fees = fees;
    }

    public String getType() {
      return type;
    }

    public void setType(String type) {
      this.type = type;
    }

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    public String getMerchantId() {
      return merchantId;
    }

    public void setMerchantId(String merchantId) {
      this.merchantId = merchantId;
    }

    public String getMerchantSecret() {
      return merchantSecret;
    }

    public void setMerchantSecret(String merchantSecret) {
      this.merchantSecret = merchantSecret;
    }

    public String getAppId() {
      return appId;
    }

    public void setAppId(String appId) {
      this.appId = appId;
    }

    public String getSellerId() {
      return sellerId;
    }

    public void setSellerId(String sellerId) {
      this.sellerId = sellerId;
    }

    public String getAppPrivateKey() {
      return appPrivateKey;
    }

    public void setAppPrivateKey(String appPrivateKey) {
      this.appPrivateKey = appPrivateKey;
    }

    public String getAlipayPublicKey() {
      return alipayPublicKey;
    }

    public void setAlipayPublicKey(String alipayPublicKey) {
      this.alipayPublicKey = alipayPublicKey;
    }

    public String getMerchantPrivateKey() {
      return merchantPrivateKey;
    }

    public void setMerchantPrivateKey(String merchantPrivateKey) {
      this.merchantPrivateKey = merchantPrivateKey;
    }

    public String getMerchantSerialNumber() {
      return merchantSerialNumber;
    }

    public void setMerchantSerialNumber(String merchantSerialNumber) {
      this.merchantSerialNumber = merchantSerialNumber;
    }

    public String getApiV3Key() {
      return apiV3Key;
    }

    public void setApiV3Key(String apiV3Key) {
      this.apiV3Key = apiV3Key;
    }

    public String getWechatpayPublicKey() {
      return wechatpayPublicKey;
    }

    public void setWechatpayPublicKey(String wechatpayPublicKey) {
      this.wechatpayPublicKey = wechatpayPublicKey;
    }

    public String getWechatpayPublicKeyId() {
      return wechatpayPublicKeyId;
    }

    public void setWechatpayPublicKeyId(String wechatpayPublicKeyId) {
      this.wechatpayPublicKeyId = wechatpayPublicKeyId;
    }

    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    public Duration getRequestTimeout() {
      return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
    }
  }

  /**
   * The daily reconciliation. {@code scheduler}: {@code schedule} creates a Temporal Schedule (a real cluster),
   * {@code workflow} runs a long-lived scheduler workflow with timers (the embedded test server, which has no
   * schedules), {@code off} starts nothing (runs by hand only).
   */
  public static class Reconciliation {
    private String scheduler = "schedule";
    /** Time of day (UTC) the previous business day is reconciled. */
    private String at = "02:00";
    /** Statement lines fetched and staged per page (one heartbeat per page). */
    private int pageSize = 5_000;

    public String getScheduler() {
      return scheduler;
    }

    public void setScheduler(String scheduler) {
      this.scheduler = scheduler;
    }

    public String getAt() {
      return at;
    }

    public void setAt(String at) {
      this.at = at;
    }

    public int getPageSize() {
      return pageSize;
    }

    public void setPageSize(int pageSize) {
      this.pageSize = pageSize;
    }
  }

  /**
   * The days T+n settlement counts: Monday to Friday less {@code holidays}, plus {@code working-weekend-days} (the
   * weekend days worked in their place). Each entry a day ({@code 2026-10-08}) or a range
   * ({@code 2026-10-01..2026-10-07}); checked at start-up.
   */
  public static class SettlementCalendar {
    private List<String> holidays = new ArrayList<>();
    private List<String> workingWeekendDays = new ArrayList<>();

    public List<String> getHolidays() {
      return holidays;
    }

    public void setHolidays(List<String> holidays) {
      this.holidays = holidays;
    }

    public List<String> getWorkingWeekendDays() {
      return workingWeekendDays;
    }

    public void setWorkingWeekendDays(List<String> workingWeekendDays) {
      this.workingWeekendDays = workingWeekendDays;
    }
  }

  /** A channel's fee schedule as configured; checked and turned into a FeeSchedule at start-up. */
  public static class Fees {
    private long rateBps;
    private long fixedMinor;
    private String refundFee = "PROPORTIONAL";
    private String settlement = "T+1";

    public long getRateBps() {
      return rateBps;
    }

    public void setRateBps(long rateBps) {
      this.rateBps = rateBps;
    }

    public long getFixedMinor() {
      return fixedMinor;
    }

    public void setFixedMinor(long fixedMinor) {
      this.fixedMinor = fixedMinor;
    }

    public String getRefundFee() {
      return refundFee;
    }

    public void setRefundFee(String refundFee) {
      this.refundFee = refundFee;
    }

    public String getSettlement() {
      return settlement;
    }

    public void setSettlement(String settlement) {
      this.settlement = settlement;
    }
  }

  /** The platform's fulfilment webhook. */
  public static class Webhook {
    private String url;
    private String secret;
    private Duration timeout = Duration.ofSeconds(10);

    public String getUrl() {
      return url;
    }

    public void setUrl(String url) {
      this.url = url;
    }

    public String getSecret() {
      return secret;
    }

    public void setSecret(String secret) {
      this.secret = secret;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }

  /** Timing given to every new payment, and what the API accepts. */
  public static class Payment {
    private Duration expiresIn = PaymentTiming.DEFAULT.expiresIn();
    private List<Duration> queryBackoff = new ArrayList<>(PaymentTiming.DEFAULT.queryBackoff());
    private Duration afterSalesWindow = PaymentTiming.DEFAULT.afterSalesWindow();
    private Duration fulfilmentDeadline = PaymentTiming.DEFAULT.fulfilmentDeadline();
    private List<String> currencies = new ArrayList<>(List.of("CNY", "USD", "HKD", "EUR"));
    private List<String> productTypes = new ArrayList<>(List.of("game_card", "topup", "membership"));
    /** The largest amount one payment may have, in minor units. */
    private long maxAmountMinor = 100_000_000;
    /** How long POST /api/payments waits for the pay URL before it answers 503 (retrying the request is safe). */
    private Duration checkoutTimeout = Duration.ofSeconds(10);

    public Duration getCheckoutTimeout() {
      return checkoutTimeout;
    }

    public void setCheckoutTimeout(Duration checkoutTimeout) {
      this.checkoutTimeout = checkoutTimeout;
    }

    public PaymentTiming timing() {
      return new PaymentTiming(expiresIn, queryBackoff, afterSalesWindow, fulfilmentDeadline);
    }

    public Duration getExpiresIn() {
      return expiresIn;
    }

    public void setExpiresIn(Duration expiresIn) {
      this.expiresIn = expiresIn;
    }

    public List<Duration> getQueryBackoff() {
      return queryBackoff;
    }

    public void setQueryBackoff(List<Duration> queryBackoff) {
      this.queryBackoff = queryBackoff;
    }

    public Duration getAfterSalesWindow() {
      return afterSalesWindow;
    }

    public void setAfterSalesWindow(Duration afterSalesWindow) {
      this.afterSalesWindow = afterSalesWindow;
    }

    public Duration getFulfilmentDeadline() {
      return fulfilmentDeadline;
    }

    public void setFulfilmentDeadline(Duration fulfilmentDeadline) {
      this.fulfilmentDeadline = fulfilmentDeadline;
    }

    public List<String> getCurrencies() {
      return currencies;
    }

    public void setCurrencies(List<String> currencies) {
      this.currencies = currencies;
    }

    public List<String> getProductTypes() {
      return productTypes;
    }

    public void setProductTypes(List<String> productTypes) {
      this.productTypes = productTypes;
    }

    public long getMaxAmountMinor() {
      return maxAmountMinor;
    }

    public void setMaxAmountMinor(long maxAmountMinor) {
      this.maxAmountMinor = maxAmountMinor;
    }
  }

  /** Who may use the REST API: API keys, each stored as the SHA-256 of the key, with its roles. */
  public static class Security {
    private final Map<String, ApiKey> apiKeys = new LinkedHashMap<>();

    /** By key name (the name is what timelines record as who asked). */
    public Map<String, ApiKey> getApiKeys() {
      return apiKeys;
    }
  }

  /** One API key: the hex SHA-256 of the key itself (never the key), and its roles. */
  public static class ApiKey {
    private String sha256;
    private List<String> roles = new ArrayList<>();

    public String getSha256() {
      return sha256;
    }

    public void setSha256(String sha256) {
      this.sha256 = sha256;
    }

    public List<String> getRoles() {
      return roles;
    }

    public void setRoles(List<String> roles) {
      this.roles = roles;
    }
  }

  /**
   * Encryption of Temporal payloads (AES-256-GCM). On unless turned off; keys by id, the current one encrypts,
   * all of them decrypt. {@code corsOrigins}: the Temporal UI origins allowed to call the codec endpoints.
   */
  public static class Codec {
    private boolean enabled = true;
    private String currentKeyId;
    private final Map<String, String> keys = new LinkedHashMap<>();
    private List<String> corsOrigins = new ArrayList<>();

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getCurrentKeyId() {
      return currentKeyId;
    }

    public void setCurrentKeyId(String currentKeyId) {
      this.currentKeyId = currentKeyId;
    }

    public Map<String, String> getKeys() {
      return keys;
    }

    public List<String> getCorsOrigins() {
      return corsOrigins;
    }

    public void setCorsOrigins(List<String> corsOrigins) {
      this.corsOrigins = corsOrigins;
    }
  }

  /**
   * Risk rules, judged before any provider call: {@code defaults} for every product type, and per product type
   * limits that replace a default one by one. {@code zone}: whose calendar day the daily maximum counts.
   */
  public static class Risk {
    private String zone = "Asia/Shanghai";
    private final Limits defaults = new Limits();
    private final Map<String, Limits> productTypes = new LinkedHashMap<>();

    public String getZone() {
      return zone;
    }

    public void setZone(String zone) {
      this.zone = zone;
    }

    public Limits getDefaults() {
      return defaults;
    }

    public Map<String, Limits> getProductTypes() {
      return productTypes;
    }
  }

  /** One set of risk limits; unset means no limit (or the default's). */
  public static class Limits {
    private Long maxAmountMinor;
    private Long dailyMaxMinor;
    private Integer maxPerMinute;
    private List<String> blockedIps = new ArrayList<>();

    public Long getMaxAmountMinor() {
      return maxAmountMinor;
    }

    public void setMaxAmountMinor(Long maxAmountMinor) {
      this.maxAmountMinor = maxAmountMinor;
    }

    public Long getDailyMaxMinor() {
      return dailyMaxMinor;
    }

    public void setDailyMaxMinor(Long dailyMaxMinor) {
      this.dailyMaxMinor = dailyMaxMinor;
    }

    public Integer getMaxPerMinute() {
      return maxPerMinute;
    }

    public void setMaxPerMinute(Integer maxPerMinute) {
      this.maxPerMinute = maxPerMinute;
    }

    public List<String> getBlockedIps() {
      return blockedIps;
    }

    public void setBlockedIps(List<String> blockedIps) {
      this.blockedIps = blockedIps;
    }
  }
}
