package io.channelshift.provider.wechat;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.service.billdownload.BillDownloadServiceExtension;
import com.wechat.pay.java.service.billdownload.DigestBillEntity;
import com.wechat.pay.java.service.billdownload.model.BillType;
import com.wechat.pay.java.service.billdownload.model.GetTradeBillRequest;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayResponse;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import io.channelshift.payment.ProviderCallback;
import io.channelshift.payment.ProviderOrderState.State;
import io.channelshift.payment.ProviderOutcome;
import io.channelshift.provider.CallbackAcknowledgement;
import io.channelshift.provider.CsvBill;
import io.channelshift.provider.EmptyStatement;
import io.channelshift.provider.MinorUnits;
import io.channelshift.provider.NonceGuard;
import io.channelshift.provider.PaymentProvider;
import io.channelshift.provider.PemKeys;
import io.channelshift.provider.ProviderCreateResult;
import io.channelshift.provider.ProviderErrorType;
import io.channelshift.provider.ProviderException;
import io.channelshift.provider.ProviderOrder;
import io.channelshift.provider.ProviderOrderStatus;
import io.channelshift.provider.ProviderRefund;
import io.channelshift.provider.ProviderRefundNotice;
import io.channelshift.provider.ProviderRefundResult;
import io.channelshift.provider.RefundAnswers;
import io.channelshift.provider.StatementReader;
import io.channelshift.reconciliation.StatementLine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * WeChat Pay API v3 through its official SDK ({@code com.github.wechatpay-apiv3:wechatpay-java},
 * public-key mode): Native pay (a code URL shown as a QR code), query by out trade no, close,
 * refund, refund query and the trade bill. The SDK signs every request and verifies every
 * successful answer; this class maps the answers ({@link WechatPayCodes}) and keeps the SPI's
 * promise that a create or refund without a trustworthy answer is UNKNOWN, never retried blindly.
 *
 * <p>WeChat Pay takes CNY in fen, which are our minor units: the conversion is only a range check.
 *
 * <p>Longer than most classes here on purpose: it is the whole SPI for one provider, one method per
 * gateway operation (as killbill's plugin API has it), each with its SDK call and its answer
 * mapping side by side; splitting them would scatter one provider's rules over several files. The
 * code tables are in {@link WechatPayCodes}.
 */
public final class WechatPayProvider implements PaymentProvider {

  static final String CURRENCY = "CNY";
  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter BILL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /**
   * The trade bill: UTF-8 CSV, every field after a backquote, the summary block opening with 总交易单数.
   */
  private static final CsvBill.Layout BILL_LAYOUT =
      new CsvBill.Layout(StandardCharsets.UTF_8, false, "`", first -> first.startsWith("总交易单数"));

  private final WechatPaySettings settings;
  private final NativePayService nativePay;
  private final RefundService refunds;
  private final BillDownloadServiceExtension bills;
  private final WechatPayCallbackVerifier callbacks;

  public WechatPayProvider(WechatPaySettings settings, NonceGuard nonces, Clock clock) {
    this.settings = settings;
    RSAPublicKeyConfig config =
        new RSAPublicKeyConfig.Builder()
            .merchantId(settings.merchantId())
            .privateKey(PemKeys.privateKey("merchant-private-key", settings.merchantPrivateKey()))
            .merchantSerialNumber(settings.merchantSerialNumber())
            .apiV3Key(settings.apiV3Key())
            .publicKey(PemKeys.publicKey("wechatpay-public-key", settings.wechatpayPublicKey()))
            .publicKeyId(settings.wechatpayPublicKeyId())
            .build();
    HttpClient http = httpClient(settings, config);
    this.nativePay = new NativePayService.Builder().config(config).httpClient(http).build();
    this.refunds = new RefundService.Builder().config(config).httpClient(http).build();
    this.bills = new BillDownloadServiceExtension.Builder().config(config).httpClient(http).build();
    this.callbacks = new WechatPayCallbackVerifier(settings, nonces, clock);
  }

  private static HttpClient httpClient(WechatPaySettings s, RSAPublicKeyConfig config) {
    OkHttpClient.Builder ok = new OkHttpClient.Builder();
    if (s.baseUrl() != null && !s.baseUrl().isBlank()) {
      ok.addInterceptor(new GatewayRedirect(s.baseUrl()));
    }
    return new DefaultHttpClientBuilder()
        .config(config)
        .okHttpClient(ok.build())
        .connectTimeoutMs((int) s.connectTimeout().toMillis())
        .readTimeoutMs((int) s.requestTimeout().toMillis())
        .writeTimeoutMs((int) s.requestTimeout().toMillis())
        // A create or refund whose connection broke must come back to us as UNKNOWN, not be sent
        // again by OkHttp.
        .disableRetryOnConnectionFailure()
        .build();
  }

  @Override
  public String channel() {
    return settings.channel();
  }

  @Override
  public String merchantId() {
    return settings.merchantId();
  }

  @Override
  public ProviderCreateResult create(ProviderOrder order) {
    if (!CURRENCY.equals(order.currency())) {
      return ProviderCreateResult.failed("WeChat Pay takes CNY only, not " + order.currency());
    }
    if (order.amountMinor() > Integer.MAX_VALUE) {
      return ProviderCreateResult.failed(
          "WeChat Pay takes at most " + Integer.MAX_VALUE + " fen in one order");
    }
    PrepayRequest request = new PrepayRequest();
    request.setAppid(settings.appId());
    request.setMchid(settings.merchantId());
    request.setDescription(order.subject());
    request.setOutTradeNo(order.orderId());
    request.setNotifyUrl(settings.notifyUrl());
    // The code URL stops working when the payment expires here, so nobody can pay an order we
    // closed.
    request.setTimeExpire(
        RFC3339.format(Instant.ofEpochMilli(order.expiresAtEpochMs()).atZone(BEIJING)));
    Amount amount = new Amount();
    amount.setTotal(MinorUnits.toInt(order.amountMinor()));
    amount.setCurrency(CURRENCY);
    request.setAmount(amount);
    try {
      PrepayResponse response = nativePay.prepay(request);
      return new ProviderCreateResult(ProviderOutcome.PROCESSED, response.getCodeUrl(), null, null);
    } catch (ServiceException e) {
      ProviderOutcome outcome = WechatPayCodes.moneyCallFailure(e);
      return new ProviderCreateResult(
          outcome, null, null, reason(e), WechatPayCodes.createFailure(e));
    } catch (
        RuntimeException
            e) { // transport, bad signature, unreadable answer: nothing trustworthy came back
      return ProviderCreateResult.noAnswer(
          e, noAnswer("prepay", e)); // may have reached WeChat Pay: query first
    }
  }

  @Override
  public ProviderOrderStatus query(String orderId) {
    QueryOrderByOutTradeNoRequest request = new QueryOrderByOutTradeNoRequest();
    request.setOutTradeNo(orderId);
    request.setMchid(settings.merchantId());
    Transaction t;
    try {
      t = safeCall("query", () -> nativePay.queryOrderByOutTradeNo(request));
    } catch (NotFound e) {
      return ProviderOrderStatus.notFound();
    }
    return status(t);
  }

  @Override
  public ProviderOrderStatus close(String orderId) {
    CloseOrderRequest request = new CloseOrderRequest();
    request.setOutTradeNo(orderId);
    request.setMchid(settings.merchantId());
    try {
      safeCall(
          "close",
          () -> {
            nativePay.closeOrder(request);
            return null;
          });
    } catch (NotFound e) {
      return ProviderOrderStatus.notFound();
    } catch (ProviderException e) {
      if (e.getCause() instanceof ServiceException se
          && WechatPayCodes.ORDER_PAID.equals(se.getErrorCode())) {
        return query(orderId); // paid after all
      }
      throw e;
    }
    return new ProviderOrderStatus(State.CLOSED, null, settings.merchantId(), 0, CURRENCY, null);
  }

  @Override
  public ProviderRefundResult refund(ProviderRefund refund) {
    CreateRequest request = new CreateRequest();
    request.setOutTradeNo(refund.orderId());
    request.setOutRefundNo(
        refund.outRefundNo()); // the same number is the same refund: repeats are safe
    request.setReason(refund.reason());
    request.setNotifyUrl(PaymentProvider.refundNotifyUrl(settings.notifyUrl()));
    AmountReq amount = new AmountReq();
    amount.setRefund(refund.amountMinor());
    amount.setTotal(refund.orderAmountMinor());
    amount.setCurrency(CURRENCY);
    request.setAmount(amount);
    try {
      Refund r = refunds.create(request);
      return refundResult(refund, r);
    } catch (ServiceException e) {
      return new ProviderRefundResult(WechatPayCodes.moneyCallFailure(e), null, reason(e));
    } catch (
        RuntimeException
            e) { // transport, bad signature, unreadable answer: nothing trustworthy came back
      return new ProviderRefundResult(ProviderOutcome.UNKNOWN, null, noAnswer("refund", e));
    }
  }

  @Override
  public ProviderRefundResult queryRefund(ProviderRefund refund) {
    QueryByOutRefundNoRequest request = new QueryByOutRefundNoRequest();
    request.setOutRefundNo(refund.outRefundNo());
    try {
      return refundResult(
          refund, safeCall("refund query", () -> refunds.queryByOutRefundNo(request)));
    } catch (NotFound e) {
      return new ProviderRefundResult(
          ProviderOutcome.CANCELED, null, "WeChat Pay has no refund " + refund.outRefundNo());
    }
  }

  @Override
  public ProviderCallback verifyCallback(Map<String, String> headers, String body) {
    return callbacks.verify(headers, body);
  }

  @Override
  public ProviderRefundNotice verifyRefundNotice(Map<String, String> headers, String body) {
    return callbacks.verifyRefund(headers, body);
  }

  /**
   * WeChat Pay needs only the 200; the JSON body is what its older integration guides asked for.
   */
  @Override
  public CallbackAcknowledgement callbackAcknowledgement() {
    return new CallbackAcknowledgement(
        "application/json", "{\"code\":\"SUCCESS\",\"message\":\"OK\"}");
  }

  /**
   * The day's trade bill (all trades and refunds), copied to a temporary file as it streams in, its
   * digest checked before a line is read. SUCCESS rows are payments, REFUND rows refunds (商户退款单号 is
   * the refund's provider number); every field carries a leading backquote; amounts and the 手续费 are
   * in yuan, taken as positive amounts.
   */
  @Override
  public StatementReader openStatement(LocalDate day, long afterLine) {
    GetTradeBillRequest request = new GetTradeBillRequest();
    request.setBillDate(day.toString());
    request.setBillType(BillType.ALL);
    DigestBillEntity bill;
    try {
      bill = safeCall("bill", () -> bills.getTradeBill(request));
    } catch (NotFound e) {
      return EmptyStatement.INSTANCE; // WeChat Pay has no bill for a day without trades
    }
    Path file = null;
    try {
      file = Files.createTempFile("wechatpay-bill-", ".csv");
      try (InputStream in = bill.getInputStream()) {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      }
      if (!bill.verifyHash()) {
        throw new ProviderException(
            ProviderErrorType.PROVIDER_UNAVAILABLE,
            "bill for " + day + " on " + settings.channel() + " does not match its digest",
            null);
      }
      return new CsvBill(file, BILL_LAYOUT, day, afterLine, WechatPayProvider::statementLine);
    } catch (IOException e) {
      deleteQuietly(file);
      throw new ProviderException(
          ProviderErrorType.TRANSPORT,
          "bill download for "
              + day
              + " on "
              + settings.channel()
              + ": "
              + e.getClass().getSimpleName(),
          e);
    } catch (RuntimeException e) {
      deleteQuietly(file);
      throw e;
    }
  }

  @Override
  public ZoneId statementZone() {
    return BEIJING;
  }

  private static StatementLine statementLine(CsvBill.Row row) {
    String state = row.get("交易状态");
    boolean refund = state.equals("REFUND");
    if (!refund && !state.equals("SUCCESS")) {
      return null; // REVOKED and the like move no money
    }
    String fee = row.get("手续费");
    String currency = row.get("货币种类");
    return new StatementLine(
        row.lineNo(),
        refund ? StatementLine.Kind.REFUND : StatementLine.Kind.PAYMENT,
        row.get("微信订单号"),
        row.get("商户订单号"),
        refund ? row.get("商户退款单号") : null,
        Math.abs(MinorUnits.fromDecimal(row.get(refund ? "退款金额" : "应结订单金额"), MinorUnits.CNY_SCALE)),
        currency.isEmpty() ? CURRENCY : currency,
        fee.isEmpty() ? null : Math.abs(MinorUnits.fromDecimal(fee, MinorUnits.CNY_SCALE)),
        LocalDateTime.parse(row.get("交易时间"), BILL_TIME).atZone(BEIJING).toInstant());
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temporary file; the OS cleans its temp directory
      }
    }
  }

  private ProviderOrderStatus status(Transaction t) {
    State state = WechatPayCodes.tradeState(t.getTradeState());
    long amount =
        state == State.PAID && t.getAmount() != null && t.getAmount().getTotal() != null
            ? t.getAmount().getTotal()
            : 0;
    String currency =
        t.getAmount() == null || t.getAmount().getCurrency() == null
            ? CURRENCY
            : t.getAmount().getCurrency();
    return new ProviderOrderStatus(
        state,
        t.getTransactionId(),
        t.getMchid(),
        amount,
        currency,
        instantOrNull(t.getSuccessTime()));
  }

  /**
   * WeChat Pay's refund, believed only for the order and amount asked: out_refund_no is unique per
   * merchant, so an answer can be another order's refund that holds the number.
   */
  private static ProviderRefundResult refundResult(ProviderRefund asked, Refund r) {
    ProviderOutcome outcome = WechatPayCodes.refundOutcome(r.getStatus());
    if (outcome == ProviderOutcome.FAILED) {
      return new ProviderRefundResult(outcome, r.getRefundId(), "refund " + r.getStatus());
    }
    return RefundAnswers.believed(
        asked,
        outcome,
        r.getRefundId(),
        r.getOutTradeNo(),
        r.getAmount() == null ? null : r.getAmount().getRefund());
  }

  /** Thrown inside this class for a 404 on a call that may be repeated safely. */
  private static final class NotFound extends RuntimeException {
    NotFound() {
      super(null, null, false, false);
    }
  }

  /** For the calls that may be repeated safely: no trustworthy answer is a retryable failure. */
  private <T> T safeCall(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (ServiceException e) {
      if (WechatPayCodes.notFound(e)) {
        throw new NotFound();
      }
      ProviderErrorType type =
          WechatPayCodes.undecided(e)
              ? ProviderErrorType.PROVIDER_UNAVAILABLE
              : e.getHttpStatusCode() == 401
                  ? ProviderErrorType.AUTHENTICATION
                  : ProviderErrorType.REFUSED;
      throw new ProviderException(type, what + " on " + settings.channel() + ": " + reason(e), e);
    } catch (HttpException e) {
      throw new ProviderException(ProviderErrorType.TRANSPORT, noAnswer(what, e), e);
    } catch (
        RuntimeException
            e) { // a bad signature, an unreadable answer (the SDK's Gson on an HTML 502 page)
      throw new ProviderException(ProviderErrorType.PROVIDER_UNAVAILABLE, noAnswer(what, e), e);
    }
  }

  /** The SDK's messages carry whole requests and answers; only the kind of failure is told. */
  private String noAnswer(String what, RuntimeException e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    return what
        + " on "
        + settings.channel()
        + ": no trustworthy answer ("
        + cause.getClass().getSimpleName()
        + ")";
  }

  private static String reason(ServiceException e) {
    return "HTTP " + e.getHttpStatusCode() + " " + e.getErrorCode() + ": " + e.getErrorMessage();
  }

  static String instantOrNull(String rfc3339) {
    if (rfc3339 == null || rfc3339.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(rfc3339, RFC3339).toInstant().toString();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
