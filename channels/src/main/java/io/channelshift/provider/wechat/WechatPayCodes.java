package io.channelshift.provider.wechat;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.refund.model.Status;
import io.channelshift.payment.CreateFailure;
import io.channelshift.payment.ProviderOrderState.State;
import io.channelshift.payment.ProviderOutcome;

/**
 * WeChat Pay's answers mapped to what the workflow does next. docs/configuration.md ("Connecting a
 * real provider") reproduces these tables; keep both in step.
 *
 * <p>WeChat Pay answers success with 200/204 and a signed body, and failures with an HTTP status
 * and a JSON {@code code}: 5xx {@code SYSTEM_ERROR} and 429 {@code FREQUENCY_LIMITED} decide
 * nothing; other 4xx codes are definitive refusals.
 */
final class WechatPayCodes {

  static final String ORDER_NOT_EXIST = "ORDER_NOT_EXIST";
  static final String RESOURCE_NOT_EXISTS = "RESOURCE_NOT_EXISTS";
  static final String ORDER_PAID = "ORDERPAID";

  /** A trade bill asked for a day without trades. */
  static final String NO_STATEMENT_EXIST = "NO_STATEMENT_EXIST";

  /**
   * Prepay error codes that refuse every order of this merchant, not this one: the merchant lacks
   * the permission or is restricted (403 NO_AUTH), the merchant id does not exist or does not match
   * the app (400 MCH_NOT_EXISTS, APPID_MCHID_NOT_MATCH), our request's signature is refused (401
   * SIGN_ERROR, a key the provider no longer accepts). RULE_LIMIT, TRADE_ERROR, ORDERPAID,
   * OUT_TRADE_NO_USED, PARAM_ERROR, INVALID_REQUEST and the rest are about this order or its payer.
   */
  private static final java.util.Set<String> CHANNEL_REFUSED =
      java.util.Set.of("NO_AUTH", "MCH_NOT_EXISTS", "APPID_MCHID_NOT_MATCH", "SIGN_ERROR");

  private WechatPayCodes() {}

  /**
   * Why a prepay gave no order: UNAVAILABLE when WeChat Pay did not decide (5xx SYSTEM_ERROR,
   * BANKERROR, 429 FREQUENCY_LIMITED), RESTRICTED when it refuses every order of this merchant,
   * ORDER otherwise (ORDERPAID included: the order exists and is paid, which a query finds).
   */
  static CreateFailure createFailure(ServiceException e) {
    if (undecided(e) || "BANKERROR".equals(e.getErrorCode())) {
      return CreateFailure.UNAVAILABLE;
    }
    return CHANNEL_REFUSED.contains(e.getErrorCode())
        ? CreateFailure.RESTRICTED
        : CreateFailure.ORDER;
  }

  /** The order, refund or bill asked about does not exist. */
  static boolean notFound(ServiceException e) {
    return e.getHttpStatusCode() == 404
        || ORDER_NOT_EXIST.equals(e.getErrorCode())
        || RESOURCE_NOT_EXISTS.equals(e.getErrorCode())
        || NO_STATEMENT_EXIST.equals(e.getErrorCode());
  }

  /** Did WeChat Pay fail to decide? Then nothing can be concluded from the answer. */
  static boolean undecided(ServiceException e) {
    return e.getHttpStatusCode() >= 500
        || e.getHttpStatusCode() == 429
        || "SYSTEM_ERROR".equals(e.getErrorCode())
        || "FREQUENCY_LIMITED".equals(e.getErrorCode());
  }

  /** A prepay or refund refused with this error: undecided (query first) or refused for good. */
  static ProviderOutcome moneyCallFailure(ServiceException e) {
    // ORDERPAID on a prepay: the order exists and is paid; querying it is how the workflow learns
    // so.
    return undecided(e) || ORDER_PAID.equals(e.getErrorCode())
        ? ProviderOutcome.UNKNOWN
        : ProviderOutcome.FAILED;
  }

  static State tradeState(Transaction.TradeStateEnum tradeState) {
    if (tradeState == null) {
      return State.NOT_PAID;
    }
    return switch (tradeState) {
      case SUCCESS, REFUND -> State.PAID; // REFUND: it was paid, then (partly) refunded
      case CLOSED, REVOKED -> State.CLOSED;
      default -> State.NOT_PAID; // NOTPAY, USERPAYING, PAYERROR (the user may still pay)
    };
  }

  static ProviderOutcome refundOutcome(Status status) {
    if (status == null) {
      return ProviderOutcome.PENDING;
    }
    return switch (status) {
      case SUCCESS -> ProviderOutcome.PROCESSED;
      case PROCESSING -> ProviderOutcome.PENDING;
      case CLOSED, ABNORMAL ->
          ProviderOutcome.FAILED; // ABNORMAL: the user's account cannot take it
    };
  }
}
