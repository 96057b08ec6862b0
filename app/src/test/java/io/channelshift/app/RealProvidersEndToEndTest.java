package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.demo.DemoScenarios;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.StackOptions;
import io.channelshift.provider.PemKeys;
import io.channelshift.provider.fake.FakeAlipayGateway;
import io.channelshift.provider.fake.FakeHttp;
import io.channelshift.provider.fake.FakeKeys;
import io.channelshift.provider.fake.FakeWechatPayGateway;
import io.channelshift.provider.fake.GatewayFault;
import io.channelshift.store.InvariantChecks;
import io.channelshift.store.PaymentStore;
import io.channelshift.store.RoutingStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The payment workflow end to end on the embedded stack, with its channels on Alipay and WeChat Pay
 * through their official SDKs, each talking to a local gateway that speaks the real protocol
 * (signatures both ways, signed and, for WeChat Pay, encrypted callbacks). {@code game_card} is
 * routed to Alipay, {@code topup} to WeChat Pay.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealProvidersEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(25);

  private FakeAlipayGateway alipay;
  private FakeWechatPayGateway wechat;
  private EmbeddedStack stack;
  private DemoClient api;
  private JdbcTemplate db;

  @BeforeAll
  void start() {
    alipay = FakeAlipayGateway.start();
    wechat = FakeWechatPayGateway.start();
    Map<String, String> props = new LinkedHashMap<>();
    props.put("channelshift.channels.alipay.type", "alipay");
    props.put("channelshift.channels.alipay.base-url", alipay.gatewayUrl());
    props.put("channelshift.channels.alipay.app-id", FakeAlipayGateway.APP_ID);
    props.put("channelshift.channels.alipay.seller-id", FakeAlipayGateway.SELLER_ID);
    props.put(
        "channelshift.channels.alipay.app-private-key",
        PemKeys.base64Body(alipay.appPrivateKeyPem()));
    props.put(
        "channelshift.channels.alipay.alipay-public-key",
        PemKeys.base64Body(alipay.alipayPublicKeyPem()));
    props.put("channelshift.channels.alipay.request-timeout", "1s");
    props.put("channelshift.channels.wechat.type", "wechatpay");
    props.put("channelshift.channels.wechat.base-url", wechat.baseUrl());
    props.put("channelshift.channels.wechat.merchant-id", FakeWechatPayGateway.MCH_ID);
    props.put("channelshift.channels.wechat.app-id", FakeWechatPayGateway.APP_ID);
    props.put(
        "channelshift.channels.wechat.merchant-private-key",
        PemKeys.base64Body(wechat.merchantPrivateKeyPem()));
    props.put(
        "channelshift.channels.wechat.merchant-serial-number",
        FakeWechatPayGateway.MERCHANT_SERIAL);
    props.put("channelshift.channels.wechat.api-v3-key", FakeWechatPayGateway.API_V3_KEY);
    props.put(
        "channelshift.channels.wechat.wechatpay-public-key",
        PemKeys.base64Body(wechat.platformPublicKeyPem()));
    props.put(
        "channelshift.channels.wechat.wechatpay-public-key-id", FakeWechatPayGateway.PUBLIC_KEY_ID);
    props.put("channelshift.channels.wechat.request-timeout", "1s");
    stack = EmbeddedStack.start(StackOptions.ephemeral(DemoScenarios.TIMING).withProperties(props));
    api = new DemoClient(stack);
    db = new JdbcTemplate(stack.dataSource());
    RoutingStore routing = new RoutingStore(stack.dataSource());
    routing.write("game_card", Map.of("alipay", 10_000), null, "e2e", "game cards on Alipay");
    routing.write("topup", Map.of("wechat", 10_000), null, "e2e", "top-ups on WeChat Pay");
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
    alipay.close();
    wechat.close();
  }

  Stream<Gateway> gateways() {
    return Stream.of(new AlipayDriver(), new WechatDriver());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("gateways")
  @Order(1)
  void aPaymentIsCreatedPaidByItsCallbackAndFulfilledOnce(Gateway gateway) {
    String order = gateway.newOrderId("paid");
    DemoClient.Reply created = create(gateway, order, 1234);
    assertThat(created.text("payUrl")).startsWith(gateway.payUrlPrefix());

    gateway.userPays(order);
    FakeHttp.Delivery callback = gateway.notifyPaid(order);

    assertThat(callback.status()).isEqualTo(200);
    assertThat(callback.body()).contains(gateway.acknowledgement());
    DemoClient.Reply done = api.awaitStatus(order, Set.of("FULFILLED"), WAIT);
    assertThat(done.text("status")).isEqualTo("FULFILLED");
    assertThat(done.body().path("tradeNo").asText()).isNotBlank();
    assertThat(api.webhookDeliveries(order)).isEqualTo(1);
    assertThat(gateway.ordersAtProvider(order)).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("gateways")
  @Order(2)
  void hostileCallbacksAreRejectedAndChangeNothing(Gateway gateway) {
    String order = gateway.newOrderId("hostile");
    create(gateway, order, 5000);
    gateway.userPays(order);

    Map<Tamper, FakeHttp.Delivery> answers = new java.util.EnumMap<>(Tamper.class);
    for (Tamper tamper : Tamper.values()) {
      answers.put(tamper, gateway.notifyTampered(order, tamper));
    }

    assertThat(answers.get(Tamper.FORGED_SIGNATURE).status()).isEqualTo(401);
    assertThat(answers.get(Tamper.ANOTHER_MERCHANT).status()).isEqualTo(401);
    assertThat(answers.get(Tamper.STALE).status()).isEqualTo(401);
    assertThat(answers.get(Tamper.WRONG_AMOUNT).status()).isEqualTo(422);
    assertThat(answers.get(Tamper.WRONG_AMOUNT).body())
        .contains("notification says 1 CNY for an order of 5000 CNY");
    assertThat(
            db.queryForObject(
                "select count(*) from callback_inbox where order_id = ?", Integer.class, order))
        .as("nothing reached the payment")
        .isZero();
    assertThat(gateway.notifyPaid(order).status()).isEqualTo(200);
    assertThat(gateway.notifyPaid(order).status())
        .as("the same notification replayed")
        .isEqualTo(401);
    DemoClient.Reply done = api.awaitStatus(order, Set.of("FULFILLED"), WAIT);
    assertThat(done.text("status")).isEqualTo("FULFILLED");
    assertThat(done.body().path("paidAmountMinor").asLong(5000)).isEqualTo(5000);
    assertThat(api.webhookDeliveries(order)).isEqualTo(1);
  }

  /** What an attacker (or a confused proxy) does to a genuine notification. */
  enum Tamper {
    FORGED_SIGNATURE,
    ANOTHER_MERCHANT,
    STALE,
    WRONG_AMOUNT
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("gateways")
  @Order(3)
  void aLostCallbackIsFoundByQueryEvenThroughGatewayErrors(Gateway gateway) {
    String order = gateway.newOrderId("lost");
    create(gateway, order, 700);
    gateway.failNext(GatewayFault.HTTP_500, GatewayFault.SYSTEM_ERROR);
    gateway.userPays(order); // and its callback never arrives

    assertThat(api.awaitStatus(order, Set.of("FULFILLED"), WAIT).text("status"))
        .isEqualTo("FULFILLED");
    assertThat(api.webhookDeliveries(order)).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("gateways")
  @Order(4)
  void anUnpaidOrderIsClosedAtTheProviderWhenItExpires(Gateway gateway) {
    String order = gateway.newOrderId("expiry");
    create(gateway, order, 300);
    gateway.userOpensButDoesNotPay(order);

    assertThat(api.awaitStatus(order, Set.of("CLOSED"), WAIT).text("status")).isEqualTo("CLOSED");
    assertThat(gateway.stateAtProvider(order)).isEqualTo(gateway.closedState());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("gateways")
  @Order(5)
  void partialThenFullRefundsReachTheProviderOnce(Gateway gateway) {
    String order = gateway.newOrderId("refund");
    create(gateway, order, 1000);
    gateway.userPays(order);
    gateway.notifyPaid(order);
    api.awaitStatus(order, Set.of("FULFILLED"), WAIT);

    assertThat(api.refund(order, order + "-r1", 300).status()).isLessThan(300);
    assertThat(api.awaitStatus(order, Set.of("PARTIALLY_REFUNDED"), WAIT).text("status"))
        .isEqualTo("PARTIALLY_REFUNDED");
    assertThat(api.refund(order, order + "-r2", 700).status()).isLessThan(300);
    assertThat(api.awaitStatus(order, Set.of("REFUNDED"), WAIT).text("status"))
        .isEqualTo("REFUNDED");

    // each under the number the store fixed for it (unique across payments), not the platform's
    // refund id
    PaymentStore store = new PaymentStore(stack.dataSource());
    assertThat(gateway.refundsAtProvider(order))
        .isEqualTo(
            Map.of(
                store.providerRefundNo(order, order + "-r1").orElseThrow(), 300L,
                store.providerRefundNo(order, order + "-r2").orElseThrow(), 700L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("gateways")
  @Order(6)
  void aCreateWhoseAnswerIsLostIsQueriedAndTheUserPaysOnce(Gateway gateway) {
    String order = gateway.newOrderId("timeout");
    gateway.failNext(GatewayFault.TIMEOUT_AFTER_PROCESSING);
    api.createPaymentOfType(
        order, "u-" + order, 2000, gateway.productType()); // may answer 503 while it retries
    assertThat(api.awaitStatus(order, Set.of("AWAITING_PAYMENT"), WAIT).text("status"))
        .isEqualTo("AWAITING_PAYMENT");

    gateway.userPays(order);
    gateway.notifyPaid(order);

    assertThat(api.awaitStatus(order, Set.of("FULFILLED"), WAIT).text("status"))
        .isEqualTo("FULFILLED");
    assertThat(gateway.ordersAtProvider(order))
        .as("one order at the provider, paid once")
        .isEqualTo(1);
    assertThat(gateway.createCalls(order))
        .as("the lost create, then the same order again after a query")
        .isEqualTo(2);
    assertThat(api.webhookDeliveries(order)).isEqualTo(1);
  }

  @Test
  @Order(7)
  void theInvariantsHoldInTheDatabase() {
    assertThat(new InvariantChecks(stack.dataSource()).violations())
        .allSatisfy((name, count) -> assertThat(count).as(name).isZero());
    assertThat(
            db.queryForList(
                "select distinct channel from payments where order_id like 'e2e-real-%'",
                String.class))
        .containsExactlyInAnyOrder("alipay", "wechat");
  }

  private DemoClient.Reply create(Gateway gateway, String order, long amount) {
    DemoClient.Reply created =
        api.createPaymentOfType(order, "u-" + order, amount, gateway.productType());
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return created;
  }

  /** One provider's fake, driven as the paying user and the provider's notification sender. */
  interface Gateway {
    String productType();

    String payUrlPrefix();

    String acknowledgement();

    String closedState();

    default String newOrderId(String what) {
      return "e2e-real-"
          + productType()
          + "-"
          + what
          + "-"
          + UUID.randomUUID().toString().substring(0, 8);
    }

    void userOpensButDoesNotPay(String order);

    void userPays(String order);

    FakeHttp.Delivery notifyPaid(String order);

    /**
     * The order's payment notification, tampered with, correctly re-signed unless the signature is
     * the point.
     */
    FakeHttp.Delivery notifyTampered(String order, Tamper tamper);

    void failNext(GatewayFault... faults);

    int ordersAtProvider(String order);

    int createCalls(String order);

    String stateAtProvider(String order);

    Map<String, Long> refundsAtProvider(String order);
  }

  private final class AlipayDriver implements Gateway {
    private final Map<String, Map<String, String>> notifications = new ConcurrentHashMap<>();

    @Override
    public String toString() {
      return "Alipay";
    }

    @Override
    public String productType() {
      return "game_card";
    }

    @Override
    public String payUrlPrefix() {
      return "https://qr.alipay.com/";
    }

    @Override
    public String acknowledgement() {
      return "success";
    }

    @Override
    public String closedState() {
      return "TRADE_CLOSED";
    }

    @Override
    public void userOpensButDoesNotPay(String order) {
      alipay.scan(order);
    }

    @Override
    public void userPays(String order) {
      notifications.put(order, alipay.pay(order));
    }

    @Override
    public FakeHttp.Delivery notifyPaid(String order) {
      return alipay.deliver(alipay.notifyUrlOf(order), notifications.get(order));
    }

    @Override
    public FakeHttp.Delivery notifyTampered(String order, Tamper tamper) {
      Map<String, String> n = new TreeMap<>(notifications.get(order));
      n.put("notify_id", tamper + "-" + n.get("notify_id"));
      switch (tamper) {
        case FORGED_SIGNATURE -> {
          n.put("sign", FakeKeys.sign(FakeKeys.newRsaKeyPair().getPrivate(), "forged"));
          return alipay.deliver(alipay.notifyUrlOf(order), n);
        }
        case ANOTHER_MERCHANT -> n.put("app_id", "2021000000009999");
        case STALE ->
            n.put(
                "notify_time",
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                    .format(
                        Instant.now()
                            .minus(Duration.ofMinutes(10))
                            .atZone(java.time.ZoneId.of("Asia/Shanghai"))));
        case WRONG_AMOUNT -> n.put("total_amount", "0.01");
      }
      return alipay.deliver(alipay.notifyUrlOf(order), alipay.signNotification(n));
    }

    @Override
    public void failNext(GatewayFault... faults) {
      alipay.failNext(faults);
    }

    @Override
    public int ordersAtProvider(String order) {
      return alipay.trade(order).isPresent() ? 1 : 0; // Alipay keys trades by out_trade_no
    }

    @Override
    public int createCalls(String order) {
      return alipay.trade(order).orElseThrow().precreates();
    }

    @Override
    public String stateAtProvider(String order) {
      return alipay.trade(order).orElseThrow().status();
    }

    @Override
    public Map<String, Long> refundsAtProvider(String order) {
      return alipay.trade(order).orElseThrow().refunds();
    }
  }

  private final class WechatDriver implements Gateway {
    private final Map<String, FakeWechatPayGateway.Notification> notifications =
        new ConcurrentHashMap<>();

    @Override
    public String toString() {
      return "WeChat Pay";
    }

    @Override
    public String productType() {
      return "topup";
    }

    @Override
    public String payUrlPrefix() {
      return "weixin://wxpay/bizpayurl";
    }

    @Override
    public String acknowledgement() {
      return "SUCCESS";
    }

    @Override
    public String closedState() {
      return "CLOSED";
    }

    @Override
    public void userOpensButDoesNotPay(String order) {
      // a Native order exists from its prepay on: nothing to do
    }

    @Override
    public void userPays(String order) {
      notifications.put(order, wechat.pay(order));
    }

    @Override
    public FakeHttp.Delivery notifyPaid(String order) {
      return wechat.deliver(trade(order), notifications.get(order));
    }

    @Override
    public FakeHttp.Delivery notifyTampered(String order, Tamper tamper) {
      FakeWechatPayGateway.Trade t = trade(order);
      long now = Instant.now().getEpochSecond();
      String nonce = UUID.randomUUID().toString();
      return wechat.deliver(
          t,
          switch (tamper) {
            case FORGED_SIGNATURE -> wechat.forgedNotification(t);
            case ANOTHER_MERCHANT ->
                wechat.notification(t, tx -> tx.put("mchid", "1900009999"), now, nonce);
            case STALE -> wechat.notification(t, tx -> {}, now - 600, nonce);
            case WRONG_AMOUNT ->
                wechat.notification(
                    t,
                    tx ->
                        ((com.fasterxml.jackson.databind.node.ObjectNode) tx.get("amount"))
                            .put("total", 1),
                    now,
                    nonce);
          });
    }

    @Override
    public void failNext(GatewayFault... faults) {
      wechat.failNext(faults);
    }

    @Override
    public int ordersAtProvider(String order) {
      return wechat.trade(order).isPresent() ? 1 : 0; // WeChat Pay keys orders by out_trade_no
    }

    @Override
    public int createCalls(String order) {
      return trade(order).prepays();
    }

    @Override
    public String stateAtProvider(String order) {
      return trade(order).state();
    }

    @Override
    public Map<String, Long> refundsAtProvider(String order) {
      return wechat.refundsOf(order);
    }

    private FakeWechatPayGateway.Trade trade(String order) {
      return wechat.trade(order).orElseThrow();
    }
  }
}
