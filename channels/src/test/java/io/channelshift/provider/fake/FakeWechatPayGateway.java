package io.channelshift.provider.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A local WeChat Pay API v3 gateway speaking the real protocol, for tests. It verifies each
 * request's {@code Authorization: WECHATPAY2-SHA256-RSA2048} signature with the merchant's public
 * key the way WeChat Pay does (method, URL path and query, timestamp, nonce, body, each followed by
 * a newline), signs its answers with the platform key ({@code Wechatpay-*} headers over timestamp,
 * nonce and body) and sends notifications whose resource is AES-256-GCM encrypted with the API v3
 * key. Keys are made per instance (public-key mode).
 *
 * <p>The SDK talks to {@code https://api.mch.weixin.qq.com}; point it here with the adapter's base
 * URL.
 */
public final class FakeWechatPayGateway extends FakeGateway {

  public static final String MCH_ID = "1900000109";
  public static final String APP_ID = "wxd678efh567hg6787";
  public static final String MERCHANT_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
  public static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0119000001092025010100000000000001";
  public static final String API_V3_KEY = "a32characterapiv3keyforthetests1";
  private static final Pattern AUTH = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  private final ObjectMapper json = new ObjectMapper();
  private final KeyPair platformKeys = FakeKeys.newRsaKeyPair();
  private final KeyPair merchantKeys = FakeKeys.newRsaKeyPair();
  private final MockWebServer server = new MockWebServer();
  private final Clock clock;
  private final Map<String, Trade> trades = new ConcurrentHashMap<>();
  private final Map<String, Refund> refunds = new ConcurrentHashMap<>();
  private final Map<String, String> bills = new ConcurrentHashMap<>();
  private final AtomicInteger seq = new AtomicInteger();

  /** What the bill shows in the free-text columns our requests do not fill (商户数据包, 费率备注). */
  private volatile String billFreeText = "";

  /** One order, keyed by out_trade_no. */
  public static final class Trade {
    final String outTradeNo;
    final long totalFen;
    final String notifyUrl;
    final String appId;
    final String description;
    volatile String state = "NOTPAY";
    volatile String transactionId;
    volatile Instant paidAt;
    final AtomicInteger prepays = new AtomicInteger();

    Trade(String outTradeNo, long totalFen, String notifyUrl, String appId, String description) {
      this.outTradeNo = outTradeNo;
      this.totalFen = totalFen;
      this.notifyUrl = notifyUrl;
      this.appId = appId;
      this.description = description;
    }

    public String state() {
      return state;
    }

    public String transactionId() {
      return transactionId;
    }

    public int prepays() {
      return prepays.get();
    }

    public String notifyUrl() {
      return notifyUrl;
    }
  }

  record Refund(
      String outRefundNo,
      String refundId,
      String outTradeNo,
      long fen,
      String notifyUrl,
      String reason) {}

  /** A notification as WeChat Pay sends it. */
  public record Notification(Map<String, String> headers, String body) {}

  private FakeWechatPayGateway(Clock clock) throws IOException {
    this.clock = clock;
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            try {
              return gateway(request);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        });
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  public static FakeWechatPayGateway start() {
    return start(Clock.systemUTC());
  }

  public static FakeWechatPayGateway start(Clock clock) {
    try {
      return new FakeWechatPayGateway(clock);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getPort();
  }

  public String merchantPrivateKeyPem() {
    return FakeKeys.pem(merchantKeys.getPrivate());
  }

  public String platformPublicKeyPem() {
    return FakeKeys.pem(platformKeys.getPublic());
  }

  public Optional<Trade> trade(String outTradeNo) {
    return Optional.ofNullable(trades.get(outTradeNo));
  }

  /** From now on the bill's 商户数据包 and 费率备注 columns of every row hold {@code text}. */
  public void billFreeText(String text) {
    billFreeText = text;
  }

  /** Refunded fen per out_refund_no for an order. */
  public Map<String, Long> refundsOf(String outTradeNo) {
    Map<String, Long> result = new LinkedHashMap<>();
    refunds.values().stream()
        .filter(r -> r.outTradeNo.equals(outTradeNo))
        .forEach(r -> result.put(r.outRefundNo, r.fen));
    return result;
  }

  /**
   * The user scans the code and pays; returns the notification WeChat Pay would send (not yet
   * sent).
   */
  public Notification pay(String outTradeNo) {
    Trade t = trades.get(outTradeNo);
    if (t == null || !(t.state.equals("NOTPAY") || t.state.equals("USERPAYING"))) {
      throw new IllegalStateException("no payable order " + outTradeNo);
    }
    t.transactionId = "42000" + String.format("%023d", seq.incrementAndGet());
    t.paidAt = clock.instant();
    t.state = "SUCCESS";
    return notification(
        t, tx -> {}, clock.instant().getEpochSecond(), UUID.randomUUID().toString());
  }

  /**
   * A notification for the order as it stands, the decrypted transaction changed by {@code edit}
   * first.
   */
  public Notification notification(
      Trade t, Consumer<ObjectNode> edit, long timestamp, String nonce) {
    ObjectNode tx = transaction(t);
    edit.accept(tx);
    return signedNotification(
        tx, "TRANSACTION.SUCCESS", "transaction", timestamp, nonce, platformKeys);
  }

  /** The same, signed with a key that is not WeChat Pay's. */
  public Notification forgedNotification(Trade t) {
    return signedNotification(
        transaction(t),
        "TRANSACTION.SUCCESS",
        "transaction",
        clock.instant().getEpochSecond(),
        UUID.randomUUID().toString(),
        FakeKeys.newRsaKeyPair());
  }

  /** Where the refund asked its notifications to go ({@code notify_url} of the refund request). */
  public Optional<String> refundNotifyUrl(String outRefundNo) {
    return Optional.ofNullable(refunds.get(outRefundNo)).map(Refund::notifyUrl);
  }

  /**
   * The notification WeChat Pay sends when a refund ends ({@code REFUND.SUCCESS} and its kin); not
   * yet sent.
   */
  public Notification refundNotification(
      String outRefundNo, String event, long timestamp, String nonce) {
    Refund r = refunds.get(outRefundNo);
    ObjectNode resource = json.createObjectNode();
    resource.put("mchid", MCH_ID);
    resource.put("out_trade_no", r.outTradeNo);
    resource.put("transaction_id", trades.get(r.outTradeNo).transactionId);
    resource.put("out_refund_no", r.outRefundNo);
    resource.put("refund_id", r.refundId);
    resource.put("refund_status", event.substring("REFUND.".length()));
    resource.put(
        "success_time",
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(clock.instant().atZone(BEIJING)));
    resource.put("user_received_account", "支付用户零钱");
    ObjectNode amount = resource.putObject("amount");
    amount.put("total", trades.get(r.outTradeNo).totalFen);
    amount.put("refund", r.fen);
    amount.put("payer_total", trades.get(r.outTradeNo).totalFen);
    amount.put("payer_refund", r.fen);
    return signedNotification(resource, event, "refund", timestamp, nonce, platformKeys);
  }

  public FakeHttp.Delivery deliver(Trade t, Notification n) {
    return FakeHttp.post(t.notifyUrl, "application/json", n.headers(), n.body());
  }

  @Override
  public void close() {
    try {
      server.shutdown();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- the gateway

  private MockResponse gateway(RecordedRequest request) throws IOException {
    String method = request.getMethod();
    String path = request.getRequestUrl().encodedPath();
    String query = request.getRequestUrl().encodedQuery();
    String body = request.getBody().readUtf8();
    if (path.equals("/v3/billdownload/file")) { // the file itself is not signed: its digest was
      return new MockResponse()
          .setResponseCode(200)
          .setHeader("Content-Type", "application/octet-stream")
          .setBody(bills.getOrDefault(query.replace("token=", ""), ""));
    }
    GatewayFault fault = take(method + " " + path);
    if (fault == GatewayFault.HTTP_500) {
      return new MockResponse()
          .setResponseCode(502)
          .setHeader("Content-Type", "text/html")
          .setBody("<html>502 Bad Gateway</html>");
    }
    Reply reply;
    String url = query == null ? path : path + "?" + query;
    if (!authorized(request.getHeader("Authorization"), method, url, body)) {
      reply = error(401, "SIGN_ERROR", "签名错误");
    } else if (fault == GatewayFault.SYSTEM_ERROR) {
      reply = error(500, "SYSTEM_ERROR", "系统错误");
    } else {
      reply =
          handle(
              method, path, body.isEmpty() ? json.createObjectNode() : json.readTree(body), query);
    }
    String text = reply.body == null ? "" : json.writeValueAsString(reply.body);
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    String nonce = UUID.randomUUID().toString().replace("-", "");
    KeyPair signer =
        fault == GatewayFault.BAD_RESPONSE_SIGNATURE ? FakeKeys.newRsaKeyPair() : platformKeys;
    MockResponse response =
        new MockResponse()
            .setResponseCode(reply.status)
            .setHeader("Content-Type", "application/json")
            .setHeader("Request-ID", UUID.randomUUID().toString())
            .setHeader("Wechatpay-Timestamp", timestamp)
            .setHeader("Wechatpay-Nonce", nonce)
            .setHeader("Wechatpay-Serial", PUBLIC_KEY_ID)
            .setHeader(
                "Wechatpay-Signature",
                FakeKeys.sign(signer.getPrivate(), timestamp + "\n" + nonce + "\n" + text + "\n"))
            .setBody(text);
    if (fault == GatewayFault.TIMEOUT_AFTER_PROCESSING) {
      response.setHeadersDelay(
          TIMEOUT_STALL_MS, TimeUnit.MILLISECONDS); // done, but the answer comes too late
    }
    return response;
  }

  private record Reply(int status, JsonNode body) {}

  private Reply handle(String method, String path, JsonNode body, String query) {
    if (method.equals("POST") && path.equals("/v3/pay/transactions/native")) {
      return prepay(body);
    }
    Matcher m = Pattern.compile("/v3/pay/transactions/out-trade-no/([^/]+)(/close)?").matcher(path);
    if (m.matches()) {
      Trade t = trades.get(m.group(1));
      if (t == null) {
        return error(404, "ORDER_NOT_EXIST", "订单不存在");
      }
      return m.group(2) == null ? new Reply(200, transaction(t)) : close(t);
    }
    if (method.equals("POST") && path.equals("/v3/refund/domestic/refunds")) {
      return refund(body);
    }
    if (path.startsWith("/v3/refund/domestic/refunds/")) {
      Refund r = refunds.get(path.substring("/v3/refund/domestic/refunds/".length()));
      return r == null
          ? error(404, "RESOURCE_NOT_EXISTS", "退款单不存在")
          : new Reply(200, refundJson(r));
    }
    if (path.equals("/v3/bill/tradebill")) {
      return tradeBill(query);
    }
    return error(404, "NOT_FOUND", "no such API");
  }

  private Reply prepay(JsonNode b) {
    if (!MCH_ID.equals(b.path("mchid").asText()) || b.path("appid").asText("").isEmpty()) {
      return error(400, "PARAM_ERROR", "mchid或appid不正确");
    }
    if (b.path("time_expire").asText("").isEmpty() || b.path("notify_url").asText("").isEmpty()) {
      return error(400, "PARAM_ERROR", "参数错误");
    }
    long fen = b.path("amount").path("total").asLong(-1);
    if (fen <= 0 || !"CNY".equals(b.path("amount").path("currency").asText("CNY"))) {
      return error(400, "PARAM_ERROR", "amount 参数错误");
    }
    String outTradeNo = b.path("out_trade_no").asText();
    Trade t =
        trades.computeIfAbsent(
            outTradeNo,
            id ->
                new Trade(
                    id,
                    fen,
                    b.path("notify_url").asText(),
                    b.path("appid").asText(),
                    b.path("description").asText()));
    if (t.totalFen != fen) {
      return error(400, "INVALID_REQUEST", "201 商户订单号重复");
    }
    if (t.state.equals("SUCCESS")) {
      return error(400, "ORDERPAID", "该订单已支付");
    }
    if (t.state.equals("CLOSED")) {
      return error(400, "ORDER_CLOSED", "订单已关闭");
    }
    t.prepays.incrementAndGet();
    ObjectNode ok = json.createObjectNode();
    ok.put("code_url", "weixin://wxpay/bizpayurl?pr=" + outTradeNo);
    return new Reply(200, ok);
  }

  private Reply close(Trade t) {
    if (t.state.equals("SUCCESS")) {
      return error(400, "ORDERPAID", "该订单已支付");
    }
    t.state = "CLOSED";
    return new Reply(204, null);
  }

  private Reply refund(JsonNode b) {
    Trade t = trades.get(b.path("out_trade_no").asText());
    if (t == null) {
      return error(404, "RESOURCE_NOT_EXISTS", "订单不存在");
    }
    if (!t.state.equals("SUCCESS") && !t.state.equals("REFUND")) {
      return error(400, "INVALID_REQUEST", "订单未支付");
    }
    long fen = b.path("amount").path("refund").asLong(-1);
    if (b.path("amount").path("total").asLong(-1) != t.totalFen || fen <= 0) {
      return error(400, "PARAM_ERROR", "订单金额或退款金额与之前请求不一致");
    }
    String outRefundNo = b.path("out_refund_no").asText();
    synchronized (t) {
      Refund existing = refunds.get(outRefundNo);
      if (existing == null) {
        long refunded = refundsOf(t.outTradeNo).values().stream().mapToLong(Long::longValue).sum();
        if (refunded + fen > t.totalFen) {
          return error(400, "INVALID_REQUEST", "退款金额超过订单可退金额");
        }
        existing =
            new Refund(
                outRefundNo,
                "50300" + String.format("%024d", seq.incrementAndGet()),
                t.outTradeNo,
                fen,
                b.path("notify_url").asText(null),
                b.path("reason").asText(""));
        refunds.put(outRefundNo, existing);
        t.state = "REFUND";
      }
      return new Reply(200, refundJson(existing));
    }
  }

  /** WeChat Pay's fee in this fake: 0.60%, rounded half up to the fen. */
  public static long fee(long fen) {
    return (fen * 60 + 5_000) / 10_000;
  }

  /**
   * The day's trade bill as WeChat Pay writes it: every field after a backquote, free-text fields
   * (the description as 商品名称, the refund reason as 退款原因) quoted where they need it, then the
   * summary block.
   */
  private Reply tradeBill(String query) {
    Map<String, String> params = FakeHttp.parseForm(query);
    LocalDate day = LocalDate.parse(params.get("bill_date"));
    String free = billFreeText;
    DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    StringBuilder csv =
        new StringBuilder(
            "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
                + "交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,"
                + "商户数据包,手续费,费率,退款原因,费率备注\n");
    int count = 0;
    for (Trade t : trades.values()) {
      if (t.paidAt != null && t.paidAt.atZone(BEIJING).toLocalDate().equals(day)) {
        count++;
        String at = time.format(t.paidAt.atZone(BEIJING));
        csv.append(
            BillCsv.record(
                "`",
                "\n",
                at,
                t.appId,
                MCH_ID,
                "0",
                "",
                t.transactionId,
                t.outTradeNo,
                "oUser",
                "NATIVE",
                "SUCCESS",
                "OTHERS",
                "CNY",
                yuan(t.totalFen),
                "0.00",
                "0",
                "0",
                "0.00",
                "0.00",
                "",
                "",
                t.description,
                free,
                yuan(fee(t.totalFen)),
                "0.60%",
                "",
                free));
        for (Refund r : refunds.values()) {
          if (r.outTradeNo.equals(t.outTradeNo)) { // this fake dates refunds on their payment's day
            csv.append(
                BillCsv.record(
                    "`",
                    "\n",
                    at,
                    t.appId,
                    MCH_ID,
                    "0",
                    "",
                    t.transactionId,
                    t.outTradeNo,
                    "oUser",
                    "NATIVE",
                    "REFUND",
                    "OTHERS",
                    "CNY",
                    "0.00",
                    "0.00",
                    r.refundId,
                    r.outRefundNo,
                    yuan(r.fen),
                    "0.00",
                    "ORIGINAL",
                    "SUCCESS",
                    t.description,
                    free,
                    "-" + yuan((fee(t.totalFen) * r.fen * 2 + t.totalFen) / (2 * t.totalFen)),
                    "0.60%",
                    r.reason,
                    free));
          }
        }
      }
    }
    if (count == 0) {
      return error(400, "NO_STATEMENT_EXIST", "账单文件不存在");
    }
    csv.append("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\n`")
        .append(count)
        .append(",`0.00,`0.00,`0.00,`0.00,`0.00,`0.00\n");
    String token = UUID.randomUUID().toString();
    bills.put(token, csv.toString());
    ObjectNode ok = json.createObjectNode();
    ok.put("hash_type", "SHA1");
    ok.put("hash_value", sha1(csv.toString()));
    ok.put("download_url", "https://api.mch.weixin.qq.com/v3/billdownload/file?token=" + token);
    return new Reply(200, ok);
  }

  private static String yuan(long fen) {
    return java.math.BigDecimal.valueOf(fen, 2).toPlainString();
  }

  private ObjectNode transaction(Trade t) {
    ObjectNode tx = json.createObjectNode();
    tx.put("appid", t.appId);
    tx.put("mchid", MCH_ID);
    tx.put("out_trade_no", t.outTradeNo);
    if (t.transactionId != null) {
      tx.put("transaction_id", t.transactionId);
    }
    tx.put("trade_type", "NATIVE");
    tx.put("trade_state", t.state);
    tx.put("trade_state_desc", t.state);
    if (t.paidAt != null) {
      tx.put(
          "success_time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.paidAt.atZone(BEIJING)));
    }
    ObjectNode amount = tx.putObject("amount");
    amount.put("total", t.totalFen);
    amount.put("payer_total", t.totalFen);
    amount.put("currency", "CNY");
    amount.put("payer_currency", "CNY");
    return tx;
  }

  private ObjectNode refundJson(Refund r) {
    ObjectNode node = json.createObjectNode();
    node.put("refund_id", r.refundId);
    node.put("out_refund_no", r.outRefundNo);
    node.put("transaction_id", trades.get(r.outTradeNo).transactionId);
    node.put("out_trade_no", r.outTradeNo);
    node.put("channel", "ORIGINAL");
    node.put("user_received_account", "支付用户零钱");
    node.put(
        "create_time",
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(clock.instant().atZone(BEIJING)));
    node.put("status", "SUCCESS");
    ObjectNode amount = node.putObject("amount");
    amount.put("total", trades.get(r.outTradeNo).totalFen);
    amount.put("refund", r.fen);
    amount.put("payer_total", trades.get(r.outTradeNo).totalFen);
    amount.put("payer_refund", r.fen);
    amount.put("settlement_refund", r.fen);
    amount.put("settlement_total", trades.get(r.outTradeNo).totalFen);
    amount.put("discount_refund", 0);
    amount.put("currency", "CNY");
    return node;
  }

  private Notification signedNotification(
      ObjectNode tx,
      String event,
      String originalType,
      long timestamp,
      String nonce,
      KeyPair signer) {
    try {
      String resourceNonce = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      ObjectNode body = json.createObjectNode();
      body.put("id", UUID.randomUUID().toString());
      body.put(
          "create_time",
          DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(clock.instant().atZone(BEIJING)));
      body.put("resource_type", "encrypt-resource");
      body.put("event_type", event);
      body.put("summary", "支付成功");
      ObjectNode resource = body.putObject("resource");
      resource.put("original_type", originalType);
      resource.put("algorithm", "AEAD_AES_256_GCM");
      resource.put("ciphertext", encrypt(json.writeValueAsString(tx), resourceNonce, originalType));
      resource.put("associated_data", originalType);
      resource.put("nonce", resourceNonce);
      String text = json.writeValueAsString(body);
      String ts = Long.toString(timestamp);
      Map<String, String> headers =
          Map.of(
              "Wechatpay-Timestamp", ts,
              "Wechatpay-Nonce", nonce,
              "Wechatpay-Serial", PUBLIC_KEY_ID,
              "Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048",
              "Wechatpay-Signature",
                  FakeKeys.sign(signer.getPrivate(), ts + "\n" + nonce + "\n" + text + "\n"));
      return new Notification(headers, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String encrypt(String plaintext, String nonce, String associatedData) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(API_V3_KEY.getBytes(StandardCharsets.UTF_8), "AES"),
          new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder()
          .encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * WeChat Pay's check of a merchant request: the schema, our mchid and serial, and the RSA
   * signature.
   */
  private boolean authorized(String authorization, String method, String url, String body) {
    String schema = "WECHATPAY2-SHA256-RSA2048 ";
    if (authorization == null || !authorization.startsWith(schema)) {
      return false;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher m = AUTH.matcher(authorization.substring(schema.length()));
    while (m.find()) {
      fields.put(m.group(1), m.group(2));
    }
    if (!MCH_ID.equals(fields.get("mchid"))
        || !MERCHANT_SERIAL.equals(fields.get("serial_no"))
        || fields.get("signature") == null) {
      return false;
    }
    String message =
        method
            + "\n"
            + url
            + "\n"
            + fields.get("timestamp")
            + "\n"
            + fields.get("nonce_str")
            + "\n"
            + body
            + "\n";
    return FakeKeys.verify(merchantKeys.getPublic(), message, fields.get("signature"));
  }

  private Reply error(int status, String code, String message) {
    ObjectNode node = json.createObjectNode();
    node.put("code", code);
    node.put("message", message);
    return new Reply(status, node);
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
