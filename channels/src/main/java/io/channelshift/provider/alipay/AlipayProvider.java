package io.channelshift.provider.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayConfig;
import com.alipay.api.AlipayRequest;
import com.alipay.api.AlipayResponse;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayDataDataserviceBillDownloadurlQueryModel;
import com.alipay.api.domain.AlipayTradeCloseModel;
import com.alipay.api.domain.AlipayTradeFastpayRefundQueryModel;
import com.alipay.api.domain.AlipayTradePrecreateModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.request.AlipayDataDataserviceBillDownloadurlQueryRequest;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayDataDataserviceBillDownloadurlQueryResponse;
import com.alipay.api.response.AlipayTradeCloseResponse;
import com.alipay.api.response.AlipayTradeFastpayRefundQueryResponse;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import io.channelshift.payment.CreateFailure;
import io.channelshift.payment.ProviderCallback;
import io.channelshift.payment.ProviderOrderState.State;
import io.channelshift.payment.ProviderOutcome;
import io.channelshift.provider.CallbackAcknowledgement;
import io.channelshift.provider.CsvBill;
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
import io.channelshift.provider.ProviderRefundResult;
import io.channelshift.provider.RefundAnswers;
import io.channelshift.provider.StatementReader;
import io.channelshift.reconciliation.StatementLine;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Alipay through its official SDK ({@code com.alipay.sdk:alipay-sdk-java}, RSA2 in public-key
 * mode): face-to-face pre-create (a QR code the user scans), query, close, refund, refund query and
 * the trade bill. The SDK signs every request and checks the signature of every answer; this class
 * maps the answers ({@link AlipayCodes}) and keeps the SPI's promise that a create or refund
 * without a trustworthy answer is UNKNOWN, never retried blindly.
 *
 * <p>Alipay takes CNY in yuan with two decimals, converted exactly by {@link MinorUnits}.
 *
 * <p>Longer than most classes here on purpose: it is the whole SPI for one provider, one method per
 * gateway operation, each with its SDK call and its answer mapping side by side. The code tables
 * are in {@link AlipayCodes}.
 */
public final class AlipayProvider implements PaymentProvider {

  static final String CURRENCY = "CNY";

  /**
   * The detail CSV of the trade bill: GBK, banner and footer lines starting with #, no summary
   * block of its own.
   */
  private static final CsvBill.Layout BILL_LAYOUT =
      new CsvBill.Layout(AlipayBillDownloader.GBK, true, "", first -> false);

  private final AlipaySettings settings;
  private final DefaultAlipayClient client;
  private final AlipayCallbackVerifier callbacks;
  private final AlipayBillDownloader bills;

  public AlipayProvider(AlipaySettings settings, NonceGuard nonces, Clock clock) {
    this.settings = settings;
    this.client = client(settings);
    this.callbacks = new AlipayCallbackVerifier(settings, nonces, clock);
    this.bills = new AlipayBillDownloader(settings.connectTimeout(), settings.requestTimeout());
  }

  private static DefaultAlipayClient client(AlipaySettings s) {
    // Parsed once here so that a malformed key fails at start-up, naming the setting and not the
    // key.
    PemKeys.privateKey("app-private-key", s.appPrivateKey());
    PemKeys.publicKey("alipay-public-key", s.alipayPublicKey());
    AlipayConfig config = new AlipayConfig();
    config.setServerUrl(s.gatewayUrl());
    config.setAppId(s.appId());
    config.setPrivateKey(PemKeys.base64Body(s.appPrivateKey()));
    config.setAlipayPublicKey(PemKeys.base64Body(s.alipayPublicKey()));
    config.setFormat("json");
    config.setCharset("UTF-8");
    config.setSignType("RSA2");
    config.setConnectTimeout((int) s.connectTimeout().toMillis());
    config.setReadTimeout((int) s.requestTimeout().toMillis());
    try {
      return new DefaultAlipayClient(config);
    } catch (AlipayApiException e) {
      throw new IllegalArgumentException(
          "channel " + s.channel() + ": the Alipay client cannot be built", e);
    }
  }

  @Override
  public String channel() {
    return settings.channel();
  }

  @Override
  public String merchantId() {
    return settings.appId();
  }

  @Override
  public ProviderCreateResult create(ProviderOrder order) {
    if (!CURRENCY.equals(order.currency())) {
      return ProviderCreateResult.failed("Alipay takes CNY only, not " + order.currency());
    }
    AlipayTradePrecreateModel model = new AlipayTradePrecreateModel();
    model.setOutTradeNo(order.orderId());
    model.setTotalAmount(MinorUnits.toDecimal(order.amountMinor(), MinorUnits.CNY_SCALE));
    model.setSubject(order.subject());
    // The QR code stops working when the payment expires here, so nobody can pay an order we
    // closed.
    model.setTimeExpire(AlipayTime.format(Instant.ofEpochMilli(order.expiresAtEpochMs())));
    AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
    request.setBizModel(model);
    request.setNotifyUrl(settings.notifyUrl());
    AlipayTradePrecreateResponse response;
    try {
      response = client.execute(request);
    } catch (AlipayApiException | RuntimeException e) {
      return ProviderCreateResult.noAnswer(
          e, noAnswer("precreate", e)); // may have reached Alipay: query first
    }
    ProviderOutcome outcome =
        AlipayCodes.moneyCallOutcome(response.getCode(), response.getSubCode());
    CreateFailure kind = AlipayCodes.createFailure(response.getCode(), response.getSubCode());
    return switch (outcome) {
      case PROCESSED -> new ProviderCreateResult(outcome, response.getQrCode(), null, null);
      case UNKNOWN -> ProviderCreateResult.unknown(kind, reason(response));
      default ->
          kind.channelCannotTake()
              ? ProviderCreateResult.channelRefused(kind, reason(response))
              : ProviderCreateResult.failed(reason(response));
    };
  }

  @Override
  public ProviderOrderStatus query(String orderId) {
    AlipayTradeQueryModel model = new AlipayTradeQueryModel();
    model.setOutTradeNo(orderId);
    AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
    request.setBizModel(model);
    AlipayTradeQueryResponse response = executeOrThrow("query", request);
    if (AlipayCodes.TRADE_NOT_EXIST.equals(response.getSubCode())) {
      return ProviderOrderStatus.notFound(); // also the state of a QR code nobody has scanned yet
    }
    requireSuccess("query", response);
    State state = AlipayCodes.tradeState(response.getTradeStatus());
    long amount = state == State.PAID ? amount("total_amount", response.getTotalAmount()) : 0;
    String paidAt =
        response.getSendPayDate() == null ? null : response.getSendPayDate().toInstant().toString();
    return new ProviderOrderStatus(
        state, response.getTradeNo(), settings.appId(), amount, CURRENCY, paidAt);
  }

  @Override
  public ProviderOrderStatus close(String orderId) {
    AlipayTradeCloseModel model = new AlipayTradeCloseModel();
    model.setOutTradeNo(orderId);
    AlipayTradeCloseRequest request = new AlipayTradeCloseRequest();
    request.setBizModel(model);
    AlipayTradeCloseResponse response = executeOrThrow("close", request);
    if (AlipayCodes.TRADE_NOT_EXIST.equals(response.getSubCode())) {
      return ProviderOrderStatus
          .notFound(); // never scanned: its QR code expires on its own (time_expire)
    }
    if (AlipayCodes.TRADE_STATUS_ERROR.equals(response.getSubCode())) {
      return query(orderId); // paid after all
    }
    requireSuccess("close", response);
    return new ProviderOrderStatus(
        State.CLOSED, response.getTradeNo(), settings.appId(), 0, CURRENCY, null);
  }

  @Override
  public ProviderRefundResult refund(ProviderRefund refund) {
    AlipayTradeRefundModel model = new AlipayTradeRefundModel();
    model.setOutTradeNo(refund.orderId());
    model.setOutRequestNo(
        refund.outRefundNo()); // the same number is the same refund: repeats are safe
    model.setRefundAmount(MinorUnits.toDecimal(refund.amountMinor(), MinorUnits.CNY_SCALE));
    model.setRefundReason(refund.reason());
    AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
    request.setBizModel(model);
    AlipayTradeRefundResponse response;
    try {
      response = client.execute(request);
    } catch (AlipayApiException | RuntimeException e) {
      return new ProviderRefundResult(ProviderOutcome.UNKNOWN, null, noAnswer("refund", e));
    }
    ProviderOutcome outcome =
        AlipayCodes.moneyCallOutcome(response.getCode(), response.getSubCode());
    if (outcome != ProviderOutcome.PROCESSED) {
      return new ProviderRefundResult(outcome, null, reason(response));
    }
    // Alipay has no refund number of its own; the refund is known by our out_request_no. The answer
    // names the trade but only the trade's refunded total (refund_fee), not this refund's amount:
    // it is confirmed by a query.
    return RefundAnswers.believed(
        refund, outcome, refund.outRefundNo(), response.getOutTradeNo(), null);
  }

  @Override
  public ProviderRefundResult queryRefund(ProviderRefund refund) {
    String orderId = refund.orderId();
    String refundId = refund.outRefundNo();
    AlipayTradeFastpayRefundQueryModel model = new AlipayTradeFastpayRefundQueryModel();
    model.setOutTradeNo(orderId);
    model.setOutRequestNo(refundId);
    model.setQueryOptions(List.of("gmt_refund_pay"));
    AlipayTradeFastpayRefundQueryRequest request = new AlipayTradeFastpayRefundQueryRequest();
    request.setBizModel(model);
    AlipayTradeFastpayRefundQueryResponse response = executeOrThrow("refund query", request);
    if (AlipayCodes.TRADE_NOT_EXIST.equals(response.getSubCode())) {
      return new ProviderRefundResult(
          ProviderOutcome.CANCELED, null, "Alipay has no trade " + orderId);
    }
    requireSuccess("refund query", response);
    boolean found = response.getOutRequestNo() != null || response.getRefundAmount() != null;
    ProviderOutcome outcome = AlipayCodes.refundQueryOutcome(found, response.getRefundStatus());
    if (!found) {
      return new ProviderRefundResult(outcome, null, "Alipay has no refund " + refundId);
    }
    return RefundAnswers.believed(
        refund,
        outcome,
        refundId,
        response.getOutTradeNo(),
        response.getRefundAmount() == null
            ? null
            : MinorUnits.fromDecimal(response.getRefundAmount(), MinorUnits.CNY_SCALE));
  }

  @Override
  public ProviderCallback verifyCallback(Map<String, String> headers, String body) {
    return callbacks.verify(body);
  }

  @Override
  public CallbackAcknowledgement callbackAcknowledgement() {
    return CallbackAcknowledgement.plainText("success");
  }

  /**
   * The day's trade bill (the detail CSV of the zip Alipay offers for download), read from a
   * temporary file: 交易 rows are payments, 退款 rows refunds (their 退款批次号/请求号 is the refund's provider
   * number); amounts and the 服务费 are in yuan, negative on the side money leaves, taken here as
   * positive amounts.
   */
  @Override
  public StatementReader openStatement(LocalDate day, long afterLine) {
    AlipayDataDataserviceBillDownloadurlQueryModel model =
        new AlipayDataDataserviceBillDownloadurlQueryModel();
    model.setBillType("trade");
    model.setBillDate(day.toString());
    AlipayDataDataserviceBillDownloadurlQueryRequest request =
        new AlipayDataDataserviceBillDownloadurlQueryRequest();
    request.setBizModel(model);
    AlipayDataDataserviceBillDownloadurlQueryResponse response = executeOrThrow("bill", request);
    requireSuccess("bill", response);
    try {
      return new CsvBill(
          bills.detailFile(response.getBillDownloadUrl()),
          BILL_LAYOUT,
          day,
          afterLine,
          AlipayProvider::statementLine);
    } catch (IOException e) {
      throw new ProviderException(
          ProviderErrorType.TRANSPORT,
          "bill download for "
              + day
              + " on "
              + settings.channel()
              + ": "
              + e.getClass().getSimpleName(),
          e);
    }
  }

  @Override
  public ZoneId statementZone() {
    return AlipayTime.BEIJING;
  }

  private static StatementLine statementLine(CsvBill.Row row) {
    String type = row.get("业务类型");
    boolean refund = type.equals("退款");
    if (!refund && !type.equals("交易")) {
      return null;
    }
    String fee = row.columns().containsKey("服务费（元）") ? row.get("服务费（元）") : "";
    return new StatementLine(
        row.lineNo(),
        refund ? StatementLine.Kind.REFUND : StatementLine.Kind.PAYMENT,
        row.get("支付宝交易号"),
        row.get("商户订单号"),
        refund ? row.get("退款批次号/请求号") : null,
        Math.abs(MinorUnits.fromDecimal(row.get("订单金额（元）"), MinorUnits.CNY_SCALE)),
        CURRENCY,
        fee.isEmpty() ? null : Math.abs(MinorUnits.fromDecimal(fee, MinorUnits.CNY_SCALE)),
        AlipayTime.parseOrNull(row.get("完成时间")));
  }

  /** For the calls that may be repeated safely: no trustworthy answer is a retryable failure. */
  private <T extends AlipayResponse> T executeOrThrow(String what, AlipayRequest<T> request) {
    T response;
    try {
      response = client.execute(request);
    } catch (AlipayApiException e) {
      throw new ProviderException(
          e.getCause() instanceof IOException
              ? ProviderErrorType.TRANSPORT
              : ProviderErrorType.PROVIDER_UNAVAILABLE,
          noAnswer(what, e),
          e);
    }
    if (AlipayCodes.undecided(response.getCode(), response.getSubCode())) {
      throw new ProviderException(
          ProviderErrorType.PROVIDER_UNAVAILABLE,
          what + " on " + settings.channel() + ": " + reason(response),
          null);
    }
    return response;
  }

  private void requireSuccess(String what, AlipayResponse response) {
    if (AlipayCodes.SUCCESS.equals(response.getCode())) {
      return;
    }
    // 40002 covers a signature Alipay refused (isv.invalid-signature): a key that does not belong
    // to the app.
    ProviderErrorType type =
        "40002".equals(response.getCode()) || "20001".equals(response.getCode())
            ? ProviderErrorType.AUTHENTICATION
            : ProviderErrorType.REFUSED;
    throw new ProviderException(
        type, what + " on " + settings.channel() + ": " + reason(response), null);
  }

  /**
   * What to say about a call that got no trustworthy answer: a transport error, a 5xx, a bad
   * signature.
   */
  private String noAnswer(String what, Exception e) {
    Throwable cause = e.getCause();
    String why =
        cause instanceof SocketTimeoutException
            ? "timed out"
            : cause != null
                ? cause.getClass().getSimpleName()
                // The SDK's own messages quote the answer; the kind of failure is enough here.
                : e instanceof AlipayApiException
                    ? "signature or format of the answer not accepted"
                    : e.getClass().getSimpleName();
    return what + " on " + settings.channel() + ": no trustworthy answer (" + why + ")";
  }

  private static String reason(AlipayResponse response) {
    String sub = response.getSubCode() == null ? "" : " " + response.getSubCode();
    String msg = response.getSubMsg() != null ? response.getSubMsg() : response.getMsg();
    return response.getCode() + sub + ": " + msg;
  }

  private long amount(String field, String text) {
    try {
      return MinorUnits.fromDecimal(text, MinorUnits.CNY_SCALE);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new ProviderException(
          ProviderErrorType.PROVIDER_UNAVAILABLE,
          "Alipay answered an unreadable " + field + " on " + settings.channel(),
          e);
    }
  }
}
