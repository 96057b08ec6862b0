package io.channelshift.provider.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wechat.pay.java.core.exception.WechatPayException;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import io.channelshift.payment.ProviderCallback;
import io.channelshift.provider.CallbackRejectedException;
import io.channelshift.provider.CallbackRejectedException.Kind;
import io.channelshift.provider.NonceGuard;
import io.channelshift.provider.PemKeys;
import io.channelshift.provider.ProviderRefundNotice;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * A WeChat Pay notification (a payment's or a refund's): the SDK's parser verifies the RSA
 * signature and decrypts the AES-256-GCM resource; then what the SDK does not check — a timestamp
 * within the window, a nonce not seen before, our mchid and appid. Whether the amount is the
 * order's is checked against the ledger by the notify endpoint.
 */
final class WechatPayCallbackVerifier {

  static final Duration WINDOW = Duration.ofMinutes(5);
  static final String SIGNATURE = "Wechatpay-Signature";
  static final String SERIAL = "Wechatpay-Serial";
  static final String TIMESTAMP = "Wechatpay-Timestamp";
  static final String NONCE = "Wechatpay-Nonce";
  static final String SIGNATURE_TYPE = "Wechatpay-Signature-Type";
  private static final String PAID_EVENT = "TRANSACTION.SUCCESS";
  private static final String REFUND_EVENTS = "REFUND.";

  private final WechatPaySettings settings;
  private final NotificationParser parser;
  private final NonceGuard nonces;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  WechatPayCallbackVerifier(WechatPaySettings settings, NonceGuard nonces, Clock clock) {
    this.settings = settings;
    this.parser =
        new NotificationParser(
            new RSAPublicKeyNotificationConfig.Builder()
                .publicKey(PemKeys.publicKey("wechatpay-public-key", settings.wechatpayPublicKey()))
                .publicKeyId(settings.wechatpayPublicKeyId())
                .apiV3Key(settings.apiV3Key())
                .build());
    this.nonces = nonces;
    this.clock = clock;
  }

  ProviderCallback verify(Map<String, String> headers, String body) {
    Map<String, String> h = signatureHeaders(headers);
    Transaction t = decrypt(h, body, Transaction.class);
    requireFresh(h);
    if (!settings.merchantId().equals(t.getMchid())) {
      throw new CallbackRejectedException(Kind.FOREIGN, "mchid is not ours", h.get(SIGNATURE));
    }
    if (!settings.appId().equals(t.getAppid())) {
      throw new CallbackRejectedException(Kind.FOREIGN, "appid is not ours", h.get(SIGNATURE));
    }
    requireNewNonce(h);
    JsonNode envelope = envelope(body, h);
    String event = envelope.path("event_type").asText("");
    boolean paidEvent =
        PAID_EVENT.equals(event) && t.getTradeState() == Transaction.TradeStateEnum.SUCCESS;
    long amount =
        t.getAmount() == null || t.getAmount().getTotal() == null ? 0 : t.getAmount().getTotal();
    String currency = t.getAmount() == null ? null : t.getAmount().getCurrency();
    try {
      return new ProviderCallback(
          envelope.path("id").asText(null),
          t.getMchid(),
          t.getOutTradeNo(),
          t.getTransactionId(),
          paidEvent ? ProviderCallback.SUCCESS : event,
          amount,
          currency,
          WechatPayProvider.instantOrNull(t.getSuccessTime()));
    } catch (IllegalArgumentException e) {
      throw new CallbackRejectedException(
          Kind.MALFORMED, "malformed notification: " + e.getMessage(), h.get(SIGNATURE));
    }
  }

  /**
   * A refund notification ({@code REFUND.SUCCESS}, {@code REFUND.ABNORMAL}, {@code REFUND.CLOSED}).
   * Its resource names no appid, and the SDK's model of it no mchid; it decrypts only with our API
   * v3 key, which is what says it is ours.
   */
  ProviderRefundNotice verifyRefund(Map<String, String> headers, String body) {
    Map<String, String> h = signatureHeaders(headers);
    RefundNotification r = decrypt(h, body, RefundNotification.class);
    requireFresh(h);
    JsonNode envelope = envelope(body, h);
    String event = envelope.path("event_type").asText("");
    if (!event.startsWith(REFUND_EVENTS)) {
      throw new CallbackRejectedException(
          Kind.MALFORMED, "not a refund notification: " + event, h.get(SIGNATURE));
    }
    requireNewNonce(h);
    try {
      return new ProviderRefundNotice(
          envelope.path("id").asText(null),
          r.getOutTradeNo(),
          r.getOutRefundNo(),
          r.getRefundStatus() == null ? event : r.getRefundStatus().name());
    } catch (IllegalArgumentException e) {
      throw new CallbackRejectedException(
          Kind.MALFORMED, "malformed refund notification: " + e.getMessage(), h.get(SIGNATURE));
    }
  }

  private static Map<String, String> signatureHeaders(Map<String, String> headers) {
    Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(headers);
    if (h.get(SIGNATURE) == null
        || h.get(SERIAL) == null
        || h.get(TIMESTAMP) == null
        || h.get(NONCE) == null) {
      throw CallbackRejectedException.unauthenticated(
          Kind.UNSIGNED, "missing Wechatpay signature headers");
    }
    return h;
  }

  private void requireFresh(Map<String, String> h) {
    long sentAt;
    try {
      sentAt = Long.parseLong(h.get(TIMESTAMP));
    } catch (NumberFormatException e) {
      throw new CallbackRejectedException(
          Kind.MALFORMED, "Wechatpay-Timestamp is not epoch seconds", h.get(SIGNATURE));
    }
    if (Math.abs(clock.instant().getEpochSecond() - sentAt) > WINDOW.toSeconds()) {
      throw new CallbackRejectedException(
          Kind.STALE,
          "Wechatpay-Timestamp outside the " + WINDOW.toMinutes() + " min window",
          h.get(SIGNATURE));
    }
  }

  /** Last of the checks, so that a notification refused for another reason uses up no nonce. */
  private void requireNewNonce(Map<String, String> h) {
    if (!nonces.firstSeen(settings.channel(), h.get(NONCE))) {
      throw CallbackRejectedException.unauthenticated(
          Kind.REPLAYED, "nonce already seen: replayed callback");
    }
  }

  /**
   * The SDK's exception messages quote the signature and the message; only the kind of failure is
   * told.
   */
  private <T> T decrypt(Map<String, String> h, String body, Class<T> type) {
    RequestParam.Builder param =
        new RequestParam.Builder()
            .serialNumber(h.get(SERIAL))
            .nonce(h.get(NONCE))
            .signature(h.get(SIGNATURE))
            .timestamp(h.get(TIMESTAMP))
            .body(body);
    if (h.get(SIGNATURE_TYPE) != null) {
      param.signType(h.get(SIGNATURE_TYPE));
    }
    T resource;
    try {
      resource = parser.parse(param.build(), type);
    } catch (WechatPayException | IllegalArgumentException | IllegalStateException e) {
      throw CallbackRejectedException.unauthenticated(
          Kind.BAD_SIGNATURE,
          "signature or encryption does not verify (" + e.getClass().getSimpleName() + ")");
    } catch (RuntimeException e) {
      throw CallbackRejectedException.unauthenticated(
          Kind.UNREADABLE, "notification cannot be parsed (" + e.getClass().getSimpleName() + ")");
    }
    if (resource == null) { // the SDK checked the signature before it found nothing to decrypt
      throw new CallbackRejectedException(
          Kind.MALFORMED, "notification has no resource", h.get(SIGNATURE));
    }
    return resource;
  }

  /** The envelope of a notification the SDK already verified. */
  private JsonNode envelope(String body, Map<String, String> h) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new CallbackRejectedException(
          Kind.MALFORMED, "notification is not JSON", h.get(SIGNATURE));
    }
  }
}
