package io.channelshift.provider.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wechat.pay.java.core.exception.WechatPayException;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;
import io.channelshift.payment.ProviderCallback;
import io.channelshift.provider.CallbackRejectedException;
import io.channelshift.provider.NonceGuard;
import io.channelshift.provider.PemKeys;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * A WeChat Pay notification: the SDK's parser verifies the RSA signature and decrypts the AES-256-GCM resource;
 * then what the SDK does not check — a timestamp within the window, a nonce not seen before, our mchid and appid.
 * Whether the amount is the order's is checked against the ledger by the notify endpoint.
 */
final class WechatPayCallbackVerifier {

  static final Duration WINDOW = Duration.ofMinutes(5);
  static final String SIGNATURE = "Wechatpay-Signature";
  static final String SERIAL = "Wechatpay-Serial";
  static final String TIMESTAMP = "Wechatpay-Timestamp";
  static final String NONCE = "Wechatpay-Nonce";
  static final String SIGNATURE_TYPE = "Wechatpay-Signature-Type";
  private static final String PAID_EVENT = "TRANSACTION.SUCCESS";

  private final WechatPaySettings settings;
  private final NotificationParser parser;
  private final NonceGuard nonces;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  WechatPayCallbackVerifier(WechatPaySettings settings, NonceGuard nonces, Clock clock) {
    this.settings = settings;
    this.parser = new NotificationParser(new RSAPublicKeyNotificationConfig.Builder()
        .publicKey(PemKeys.publicKey("wechatpay-public-key", settings.wechatpayPublicKey()))
        .publicKeyId(settings.wechatpayPublicKeyId())
        .apiV3Key(settings.apiV3Key())
        .build());
    this.nonces = nonces;
    this.clock = clock;
  }

  ProviderCallback verify(Map<String, String> headers, String body) {
    Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(headers);
    String timestamp = h.get(TIMESTAMP);
    String nonce = h.get(NONCE);
    if (h.get(SIGNATURE) == null || h.get(SERIAL) == null || timestamp == null || nonce == null) {
      throw new CallbackRejectedException("missing Wechatpay signature headers");
    }
    Transaction t = decrypt(h, body);
    long sentAt;
    try {
      sentAt = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      throw new CallbackRejectedException("Wechatpay-Timestamp is not epoch seconds");
    }
    if (Math.abs(clock.instant().getEpochSecond() - sentAt) > WINDOW.toSeconds()) {
      throw new CallbackRejectedException("Wechatpay-Timestamp outside the " + WINDOW.toMinutes() + " min window");
    }
    if (!settings.merchantId().equals(t.getMchid())) {
      throw new CallbackRejectedException("mchid is not ours");
    }
    if (!settings.appId().equals(t.getAppid())) {
      throw new CallbackRejectedException("appid is not ours");
    }
    if (!nonces.firstSeen(settings.channel(), nonce)) {
      throw new CallbackRejectedException("nonce already seen: replayed callback");
    }
    JsonNode envelope = envelope(body);
    String event = envelope.path("event_type").asText("");
    boolean paidEvent = PAID_EVENT.equals(event) && t.getTradeState() == Transaction.TradeStateEnum.SUCCESS;
    long amount = t.getAmount() == null || t.getAmount().getTotal() == null ? 0 : t.getAmount().getTotal();
    String currency = t.getAmount() == null ? null : t.getAmount().getCurrency();
    try {
      return new ProviderCallback(envelope.path("id").asText(null), t.getMchid(), t.getOutTradeNo(),
          t.getTransactionId(), paidEvent ? ProviderCallback.SUCCESS : event, amount, currency,
          WechatPayProvider.instantOrNull(t.getSuccessTime()));
    } catch (IllegalArgumentException e) {
      throw new CallbackRejectedException("malformed notification: " + e.getMessage());
    }
  }

  /** The SDK's exception messages quote the signature and the message; only the kind of failure is told. */
  private Transaction decrypt(Map<String, String> h, String body) {
    RequestParam.Builder param = new RequestParam.Builder()
        .serialNumber(h.get(SERIAL))
        .nonce(h.get(NONCE))
        .signature(h.get(SIGNATURE))
        .timestamp(h.get(TIMESTAMP))
        .body(body);
    if (h.get(SIGNATURE_TYPE) != null) {
      param.signType(h.get(SIGNATURE_TYPE));
    }
    Transaction t;
    try {
      t = parser.parse(param.build(), Transaction.class);
    } catch (WechatPayException | IllegalArgumentException | IllegalStateException e) {
      throw new CallbackRejectedException("signature or encryption does not verify ("
          + e.getClass().getSimpleName() + ")");
    } catch (RuntimeException e) {
      throw new CallbackRejectedException("notification cannot be parsed (" + e.getClass().getSimpleName() + ")");
    }
    if (t == null) {
      throw new CallbackRejectedException("notification has no resource");
    }
    return t;
  }

  private JsonNode envelope(String body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new CallbackRejectedException("notification is not JSON");
    }
  }
}
