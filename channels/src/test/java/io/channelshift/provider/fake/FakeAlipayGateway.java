package io.channelshift.provider.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A local Alipay open-platform gateway speaking the real protocol, for tests: form requests whose
 * RSA2 signature it verifies the way Alipay does (every parameter but {@code sign}, sorted, {@code
 * k=v&...}, SHA256withRSA with the app's public key), JSON answers it signs the way Alipay does
 * (the exact text of the {@code *_response} object, with Alipay's private key), and asynchronous
 * notifications signed like Alipay's (every parameter but {@code sign} and {@code sign_type}). Keys
 * are made per instance.
 *
 * <p>It holds trades in memory with Alipay's behaviour where it matters here: a pre-created trade
 * does not exist for query and close until its QR code is scanned; out_request_no makes refunds
 * idempotent; refunds cannot exceed the trade. Faults can be scheduled for the next requests.
 */
public final class FakeAlipayGateway extends FakeGateway {

  public static final String APP_ID = "2021000000000001";
  public static final String SELLER_ID = "2088000000000001";
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final ObjectMapper json = new ObjectMapper();
  private final KeyPair alipayKeys = FakeKeys.newRsaKeyPair();
  private final KeyPair appKeys = FakeKeys.newRsaKeyPair();
  private final HttpServer server;
  private final Clock clock;
  private final Map<String, Trade> trades = new ConcurrentHashMap<>();
  private final AtomicInteger tradeSeq = new AtomicInteger();
  private final AtomicInteger notifySeq = new AtomicInteger();

  /**
   * What the bill shows in the free-text columns our requests do not fill (shop, operator, account,
   * remark).
   */
  private volatile String billFreeText = "";

  /** One trade, keyed by out_trade_no. */
  public static final class Trade {
    final String outTradeNo;
    final long totalFen;
    final String notifyUrl;
    final String subject;
    volatile String status = "PRECREATED"; // not scanned: unknown to query and close
    volatile String tradeNo;
    volatile Instant paidAt;
    final Map<String, Long> refundsByRequestNo = new ConcurrentHashMap<>();
    final Map<String, String> refundReasons = new ConcurrentHashMap<>();
    final AtomicInteger precreates = new AtomicInteger();

    Trade(String outTradeNo, long totalFen, String notifyUrl, String subject) {
      this.outTradeNo = outTradeNo;
      this.totalFen = totalFen;
      this.notifyUrl = notifyUrl;
      this.subject = subject;
    }

    public String status() {
      return status;
    }

    public String tradeNo() {
      return tradeNo;
    }

    public int precreates() {
      return precreates.get();
    }

    public long refundedFen() {
      return refundsByRequestNo.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Long> refunds() {
      return Map.copyOf(refundsByRequestNo);
    }
  }

  private FakeAlipayGateway(Clock clock) throws IOException {
    this.clock = clock;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/gateway.do", this::gateway);
    server.createContext("/bill/", this::bill);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  public static FakeAlipayGateway start() {
    return start(Clock.systemUTC());
  }

  public static FakeAlipayGateway start(Clock clock) {
    try {
      return new FakeAlipayGateway(clock);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String gatewayUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/gateway.do";
  }

  /** What an operator would paste as the app private key. */
  public String appPrivateKeyPem() {
    return FakeKeys.pem(appKeys.getPrivate());
  }

  public String alipayPublicKeyPem() {
    return FakeKeys.pem(alipayKeys.getPublic());
  }

  public Optional<Trade> trade(String outTradeNo) {
    return Optional.ofNullable(trades.get(outTradeNo));
  }

  /**
   * From now on the bill's shop, operator, counterparty and remark columns of every row hold {@code
   * text}.
   */
  public void billFreeText(String text) {
    billFreeText = text;
  }

  /** The API methods called so far, in order. */
  /**
   * The user scans the QR code and pays; returns the notification Alipay would send (not yet sent).
   */
  public Map<String, String> pay(String outTradeNo) {
    Trade t = trades.get(outTradeNo);
    if (t == null || !(t.status.equals("PRECREATED") || t.status.equals("WAIT_BUYER_PAY"))) {
      throw new IllegalStateException("no payable trade " + outTradeNo);
    }
    t.tradeNo = "2026" + String.format("%012d", tradeSeq.incrementAndGet());
    t.paidAt = clock.instant();
    t.status = "TRADE_SUCCESS";
    return notification(t);
  }

  /** The user scans the QR code but does not pay yet: the trade now exists, waiting. */
  public void scan(String outTradeNo) {
    trades.get(outTradeNo).status = "WAIT_BUYER_PAY";
  }

  /** The notification for a trade as it stands, signed, with a fresh notify_id and notify_time. */
  public Map<String, String> notification(Trade t) {
    Map<String, String> p = new TreeMap<>();
    p.put("notify_time", TIME.format(clock.instant().atZone(BEIJING)));
    p.put("notify_type", "trade_status_sync");
    p.put("notify_id", "ntf" + notifySeq.incrementAndGet());
    p.put("app_id", APP_ID);
    p.put("charset", "utf-8");
    p.put("version", "1.0");
    p.put("trade_no", t.tradeNo);
    p.put("out_trade_no", t.outTradeNo);
    p.put("seller_id", SELLER_ID);
    p.put("trade_status", t.status);
    p.put("total_amount", yuan(t.totalFen));
    p.put("receipt_amount", yuan(t.totalFen));
    p.put("buyer_pay_amount", yuan(t.totalFen));
    p.put("subject", "game card");
    if (t.paidAt != null) {
      p.put("gmt_payment", TIME.format(t.paidAt.atZone(BEIJING)));
    }
    return signNotification(p);
  }

  /**
   * Signs notification parameters the way Alipay does; the result also carries sign_type and sign.
   */
  public Map<String, String> signNotification(Map<String, String> params) {
    Map<String, String> unsigned = new TreeMap<>(params);
    unsigned.remove("sign");
    unsigned.remove("sign_type");
    Map<String, String> signed = new TreeMap<>(unsigned);
    signed.put("sign_type", "RSA2");
    signed.put("sign", FakeKeys.sign(alipayKeys.getPrivate(), signContent(unsigned)));
    return signed;
  }

  /**
   * Posts a notification to the trade's notify URL as Alipay does; returns what our endpoint
   * answered.
   */
  public FakeHttp.Delivery deliver(String notifyUrl, Map<String, String> params) {
    return FakeHttp.post(
        notifyUrl, "application/x-www-form-urlencoded;charset=utf-8", Map.of(), form(params));
  }

  public String notifyUrlOf(String outTradeNo) {
    return trades.get(outTradeNo).notifyUrl;
  }

  public static String form(Map<String, String> params) {
    return params.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  @Override
  public void close() {
    server.stop(0);
  }

  // ---- the gateway

  private void gateway(HttpExchange exchange) throws IOException {
    Map<String, String> params =
        new LinkedHashMap<>(FakeHttp.parseForm(exchange.getRequestURI().getRawQuery()));
    params.putAll(
        FakeHttp.parseForm(
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    String method = params.getOrDefault("method", "");
    GatewayFault fault = take(method);
    if (fault == GatewayFault.HTTP_500) {
      FakeHttp.answer(
          exchange, 500, "text/html", "<html>502 Bad Gateway</html>".getBytes(), Map.of());
      return;
    }
    ObjectNode node;
    if (!requestSignatureVerifies(params)) {
      node = error("40002", "Invalid Arguments", "isv.invalid-signature", "验签出错");
    } else if (!APP_ID.equals(params.get("app_id"))) {
      node = error("40002", "Invalid Arguments", "isv.invalid-app-id", "无效的AppID参数");
    } else if (fault == GatewayFault.SYSTEM_ERROR) {
      node = error("40004", "Business Failed", "ACQ.SYSTEM_ERROR", "系统错误");
    } else {
      node = handle(method, json.readTree(params.getOrDefault("biz_content", "{}")), params);
    }
    if (fault == GatewayFault.TIMEOUT_AFTER_PROCESSING) {
      sleep(TIMEOUT_STALL_MS);
    }
    String nodeText = json.writeValueAsString(node);
    String sign = FakeKeys.sign(alipayKeys.getPrivate(), nodeText);
    if (fault == GatewayFault.BAD_RESPONSE_SIGNATURE) {
      sign = FakeKeys.sign(FakeKeys.newRsaKeyPair().getPrivate(), nodeText);
    }
    String body =
        "{\""
            + method.replace('.', '_')
            + "_response\":"
            + nodeText
            + ",\"sign\":\""
            + sign
            + "\"}";
    try {
      FakeHttp.answer(
          exchange,
          200,
          "text/html;charset=utf-8",
          body.getBytes(StandardCharsets.UTF_8),
          Map.of());
    } catch (IOException clientGaveUp) {
      exchange.close(); // the caller timed out first, as intended
    }
  }

  private ObjectNode handle(String method, JsonNode biz, Map<String, String> params) {
    return switch (method) {
      case "alipay.trade.precreate" -> precreate(biz, params.get("notify_url"));
      case "alipay.trade.query" -> query(biz);
      case "alipay.trade.close" -> close(biz);
      case "alipay.trade.refund" -> refund(biz);
      case "alipay.trade.fastpay.refund.query" -> refundQuery(biz);
      case "alipay.data.dataservice.bill.downloadurl.query" -> billUrl(biz);
      default -> error("40004", "Business Failed", "isv.invalid-method", "不存在的方法名");
    };
  }

  private ObjectNode precreate(JsonNode biz, String notifyUrl) {
    String outTradeNo = biz.path("out_trade_no").asText();
    long fen;
    try {
      fen = new BigDecimal(biz.path("total_amount").asText()).movePointRight(2).longValueExact();
    } catch (RuntimeException e) {
      return error("40004", "Business Failed", "ACQ.INVALID_PARAMETER", "参数无效");
    }
    if (biz.path("subject").asText("").isEmpty() || biz.path("time_expire").asText("").isEmpty()) {
      return error("40004", "Business Failed", "ACQ.INVALID_PARAMETER", "参数无效");
    }
    Trade trade =
        trades.computeIfAbsent(
            outTradeNo, id -> new Trade(id, fen, notifyUrl, biz.path("subject").asText()));
    if (trade.totalFen != fen) {
      return error("40004", "Business Failed", "ACQ.CONTEXT_INCONSISTENT", "交易信息被篡改");
    }
    if (trade.status.equals("TRADE_SUCCESS")) {
      return error("40004", "Business Failed", "ACQ.TRADE_HAS_SUCCESS", "交易已被支付");
    }
    if (trade.status.equals("TRADE_CLOSED")) {
      return error("40004", "Business Failed", "ACQ.TRADE_HAS_CLOSE", "交易已经关闭");
    }
    trade.precreates.incrementAndGet();
    ObjectNode ok = success();
    ok.put("out_trade_no", outTradeNo);
    ok.put("qr_code", "https://qr.alipay.com/fake" + outTradeNo);
    return ok;
  }

  private ObjectNode query(JsonNode biz) {
    Trade t = trades.get(biz.path("out_trade_no").asText());
    if (t == null || t.status.equals("PRECREATED")) {
      return error("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在");
    }
    ObjectNode ok = success();
    ok.put("trade_no", t.tradeNo == null ? "" : t.tradeNo);
    ok.put("out_trade_no", t.outTradeNo);
    ok.put("trade_status", t.status);
    ok.put("total_amount", yuan(t.totalFen));
    if (t.paidAt != null) {
      ok.put("send_pay_date", TIME.format(t.paidAt.atZone(BEIJING)));
    }
    return ok;
  }

  private ObjectNode close(JsonNode biz) {
    Trade t = trades.get(biz.path("out_trade_no").asText());
    if (t == null || t.status.equals("PRECREATED")) {
      return error("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在");
    }
    if (t.status.equals("TRADE_SUCCESS") || t.status.equals("TRADE_FINISHED")) {
      return error("40004", "Business Failed", "ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
    }
    t.status = "TRADE_CLOSED";
    ObjectNode ok = success();
    ok.put("out_trade_no", t.outTradeNo);
    return ok;
  }

  private ObjectNode refund(JsonNode biz) {
    Trade t = trades.get(biz.path("out_trade_no").asText());
    if (t == null || t.status.equals("PRECREATED")) {
      return error("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在");
    }
    if (!t.status.equals("TRADE_SUCCESS")) {
      return error("40004", "Business Failed", "ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
    }
    String requestNo = biz.path("out_request_no").asText(t.outTradeNo);
    long fen =
        new BigDecimal(biz.path("refund_amount").asText()).movePointRight(2).longValueExact();
    synchronized (t) {
      Long earlier = t.refundsByRequestNo.get(requestNo);
      if (earlier == null) {
        if (t.refundedFen() + fen > t.totalFen) {
          return error("40004", "Business Failed", "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限");
        }
        t.refundsByRequestNo.put(requestNo, fen);
        t.refundReasons.put(requestNo, biz.path("refund_reason").asText(""));
      }
      ObjectNode ok = success();
      ok.put("trade_no", t.tradeNo);
      ok.put("out_trade_no", t.outTradeNo);
      ok.put("fund_change", earlier == null ? "Y" : "N");
      ok.put("refund_fee", yuan(t.refundedFen()));
      return ok;
    }
  }

  private ObjectNode refundQuery(JsonNode biz) {
    Trade t = trades.get(biz.path("out_trade_no").asText());
    if (t == null || t.status.equals("PRECREATED")) {
      return error("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在");
    }
    ObjectNode ok = success();
    Long fen = t.refundsByRequestNo.get(biz.path("out_request_no").asText());
    if (fen != null) { // nothing at all when there is no such refund, as Alipay does
      ok.put("trade_no", t.tradeNo);
      ok.put("out_trade_no", t.outTradeNo);
      ok.put("out_request_no", biz.path("out_request_no").asText());
      ok.put("total_amount", yuan(t.totalFen));
      ok.put("refund_amount", yuan(fen));
      ok.put("refund_status", "REFUND_SUCCESS");
    }
    return ok;
  }

  private ObjectNode billUrl(JsonNode biz) {
    ObjectNode ok = success();
    ok.put(
        "bill_download_url",
        "http://127.0.0.1:"
            + server.getAddress().getPort()
            + "/bill/"
            + biz.path("bill_date").asText()
            + ".zip");
    return ok;
  }

  /** Alipay's service fee in this fake: 0.60%, rounded half up to the fen. */
  public static long fee(long fen) {
    return (fen * 60 + 5_000) / 10_000;
  }

  /**
   * The day's bill as Alipay ships it: a zip of GBK CSVs with CRLF line ends, banner and footer
   * lines starting with #, free-text fields (the subject as 商品名称, the refund reason as 备注) quoted
   * where they need it.
   */
  private void bill(HttpExchange exchange) throws IOException {
    String day = exchange.getRequestURI().getPath().replaceAll(".*/", "").replace(".zip", "");
    LocalDate date = LocalDate.parse(day);
    String free = billFreeText;
    StringBuilder csv =
        new StringBuilder("#支付宝业务明细查询\r\n#账号：[" + SELLER_ID + "]\r\n#起始日期：[" + day + "]\r\n");
    csv.append(
        "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店名称,操作员,对方账户,订单金额（元）,商家实收（元）,"
            + "退款批次号/请求号,服务费（元）,备注\r\n");
    for (Trade t : trades.values()) {
      if (t.paidAt != null && t.paidAt.atZone(BEIJING).toLocalDate().equals(date)) {
        String at = TIME.format(t.paidAt.atZone(BEIJING));
        csv.append(
            BillCsv.record(
                "",
                "\r\n",
                t.tradeNo,
                t.outTradeNo,
                "交易",
                t.subject,
                at,
                at,
                free,
                free,
                free,
                yuan(t.totalFen),
                yuan(t.totalFen),
                "",
                "-" + yuan(fee(t.totalFen)),
                free));
        // Refund rows (this fake dates them on their payment's day): amounts negative, the fee
        // given back positive.
        t.refundsByRequestNo.forEach(
            (requestNo, fen) ->
                csv.append(
                    BillCsv.record(
                        "",
                        "\r\n",
                        t.tradeNo,
                        t.outTradeNo,
                        "退款",
                        t.subject,
                        at,
                        at,
                        free,
                        free,
                        free,
                        "-" + yuan(fen),
                        "-" + yuan(fen),
                        requestNo,
                        yuan((fee(t.totalFen) * fen * 2 + t.totalFen) / (2 * t.totalFen)),
                        t.refundReasons.get(requestNo))));
      }
    }
    csv.append(
        "#-----------------------------------------业务明细列表结束------------------------------------\r\n");
    Charset gbk = Charset.forName("GBK");
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(zipped, gbk)) {
      zip.putNextEntry(new ZipEntry(SELLER_ID + "_" + day.replace("-", "") + "_业务明细.csv"));
      zip.write(csv.toString().getBytes(gbk));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry(SELLER_ID + "_" + day.replace("-", "") + "_业务明细(汇总).csv"));
      zip.write("#summary\n".getBytes(gbk));
      zip.closeEntry();
    }
    FakeHttp.answer(exchange, 200, "application/zip", zipped.toByteArray(), Map.of());
  }

  private boolean requestSignatureVerifies(Map<String, String> params) {
    String sign = params.get("sign");
    if (sign == null) {
      return false;
    }
    Map<String, String> content = new TreeMap<>(params);
    content.remove("sign");
    return FakeKeys.verify(appPublicKey(), signContent(content), sign);
  }

  private PublicKey appPublicKey() {
    return appKeys.getPublic();
  }

  private static String signContent(Map<String, String> sorted) {
    return sorted.entrySet().stream()
        .filter(e -> e.getValue() != null && !e.getValue().isEmpty())
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("&"));
  }

  private ObjectNode success() {
    ObjectNode node = json.createObjectNode();
    node.put("code", "10000");
    node.put("msg", "Success");
    return node;
  }

  private ObjectNode error(String code, String msg, String subCode, String subMsg) {
    ObjectNode node = json.createObjectNode();
    node.put("code", code);
    node.put("msg", msg);
    node.put("sub_code", subCode);
    node.put("sub_msg", subMsg);
    return node;
  }

  private static String yuan(long fen) {
    return BigDecimal.valueOf(fen, 2).toPlainString();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
