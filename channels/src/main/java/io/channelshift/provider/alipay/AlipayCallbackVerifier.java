package io.channelshift.provider.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import io.channelshift.payment.ProviderCallback;
import io.channelshift.provider.CallbackRejectedException;
import io.channelshift.provider.CallbackRejectedException.Kind;
import io.channelshift.provider.MinorUnits;
import io.channelshift.provider.NonceGuard;
import io.channelshift.provider.PemKeys;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * An Alipay asynchronous notification (a form POST): the SDK's RSA2 check, then what the SDK leaves
 * to us — our app id (and seller id), a send time within the window, a notification not seen
 * before, a readable amount. Whether the amount is the order's is checked against the ledger by the
 * notify endpoint.
 */
final class AlipayCallbackVerifier {

  static final Duration WINDOW = Duration.ofMinutes(5);

  private final AlipaySettings settings;
  private final String alipayPublicKey;
  private final NonceGuard nonces;
  private final Clock clock;

  AlipayCallbackVerifier(AlipaySettings settings, NonceGuard nonces, Clock clock) {
    this.settings = settings;
    this.alipayPublicKey = PemKeys.base64Body(settings.alipayPublicKey());
    this.nonces = nonces;
    this.clock = clock;
  }

  ProviderCallback verify(String body) {
    Map<String, String> params = form(body);
    String sign = params.get("sign");
    if (sign == null) {
      throw CallbackRejectedException.unauthenticated(Kind.UNSIGNED, "unsigned notification");
    }
    if (!signatureVerifies(params)) {
      throw CallbackRejectedException.unauthenticated(
          Kind.BAD_SIGNATURE, "signature does not verify");
    }
    // From here on Alipay signed every parameter: what fails is the channel's doing.
    if (!settings.appId().equals(params.get("app_id"))) {
      throw new CallbackRejectedException(Kind.FOREIGN, "app_id is not ours", sign);
    }
    if (settings.sellerId() != null
        && !settings.sellerId().isBlank()
        && !settings.sellerId().equals(params.get("seller_id"))) {
      throw new CallbackRejectedException(Kind.FOREIGN, "seller_id is not ours", sign);
    }
    Instant sentAt = AlipayTime.parseOrNull(params.get("notify_time"));
    if (sentAt == null) {
      throw new CallbackRejectedException(
          Kind.MALFORMED, "notify_time is missing or unreadable", sign);
    }
    if (Duration.between(sentAt, clock.instant()).abs().compareTo(WINDOW) > 0) {
      throw new CallbackRejectedException(
          Kind.STALE, "notify_time outside the " + WINDOW.toMinutes() + " min window", sign);
    }
    long amount = amount(params.get("total_amount"), sign);
    String notifyId = params.get("notify_id");
    // A retry of a notification carries a new notify_time, so only an exact replay repeats this
    // key.
    if (notifyId == null
        || !nonces.firstSeen(settings.channel(), notifyId + "@" + params.get("notify_time"))) {
      throw CallbackRejectedException.unauthenticated(
          Kind.REPLAYED, "notification already seen: replayed callback");
    }
    Instant paidAt = AlipayTime.parseOrNull(params.get("gmt_payment"));
    try {
      return new ProviderCallback(
          notifyId,
          params.get("app_id"),
          params.get("out_trade_no"),
          params.get("trade_no"),
          AlipayCodes.callbackStatus(params.get("trade_status")),
          amount,
          AlipayProvider.CURRENCY,
          paidAt == null ? null : paidAt.toString());
    } catch (IllegalArgumentException e) {
      throw new CallbackRejectedException(
          Kind.MALFORMED, "malformed notification: " + e.getMessage(), sign);
    }
  }

  /** The SDK's check removes sign and sign_type from the map it is given, so it gets a copy. */
  private boolean signatureVerifies(Map<String, String> params) {
    try {
      return AlipaySignature.rsaCheckV1(new HashMap<>(params), alipayPublicKey, "UTF-8", "RSA2");
    } catch (AlipayApiException | RuntimeException e) {
      return false;
    }
  }

  private static long amount(String totalAmount, String sign) {
    try {
      return MinorUnits.fromDecimal(totalAmount, MinorUnits.CNY_SCALE);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new CallbackRejectedException(
          Kind.MALFORMED, "total_amount is not an amount in yuan", sign);
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> params = new HashMap<>();
    if (body == null || body.isBlank()) {
      throw CallbackRejectedException.unauthenticated(Kind.UNSIGNED, "empty notification");
    }
    try {
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          continue;
        }
        String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
        if (params.put(name, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8))
            != null) {
          throw CallbackRejectedException.unauthenticated(
              Kind.UNREADABLE, "parameter " + name.replaceAll("[^a-z_]", "?") + " given twice");
        }
      }
    } catch (IllegalArgumentException e) {
      throw CallbackRejectedException.unauthenticated(
          Kind.UNREADABLE, "notification is not a URL-encoded form");
    }
    return params;
  }
}
