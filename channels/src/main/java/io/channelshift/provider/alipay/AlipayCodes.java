package io.channelshift.provider.alipay;

import io.channelshift.payment.CreateFailure;
import io.channelshift.payment.ProviderCallback;
import io.channelshift.payment.ProviderOrderState.State;
import io.channelshift.payment.ProviderOutcome;

/**
 * Alipay's answers mapped to what the workflow does next. docs/configuration.md ("Connecting a real
 * provider") reproduces these tables; keep both in step.
 *
 * <p>Alipay answers every call with a {@code code} ({@code 10000} success, {@code 20000} service
 * unavailable, {@code 40004} business failure with a {@code sub_code}, 4000x request problems)
 * inside a signed response.
 */
final class AlipayCodes {

  static final String SUCCESS = "10000";
  static final String SERVICE_UNAVAILABLE = "20000";
  static final String SYSTEM_ERROR = "ACQ.SYSTEM_ERROR";
  static final String TRADE_NOT_EXIST = "ACQ.TRADE_NOT_EXIST";

  /** Close refused: the trade is paid (or already finished). */
  static final String TRADE_STATUS_ERROR = "ACQ.TRADE_STATUS_ERROR";

  static final String REFUND_SUCCESS = "REFUND_SUCCESS";
  static final String TRADE_HAS_SUCCESS = "ACQ.TRADE_HAS_SUCCESS";

  /**
   * Gateway codes that refuse every call of this app or merchant, whatever the order: 20001 (the
   * authorisation is insufficient or expired) and 40006 (the app lacks the permission).
   */
  private static final java.util.Set<String> CHANNEL_REFUSED_CODES =
      java.util.Set.of("20001", "40006");

  /**
   * precreate's sub codes that refuse every order of the merchant, not this one: the seller's
   * account is frozen (ACQ.SELLER_BEEN_BLOCKED), the product is not (or no longer) signed
   * (ACQ.ACCESS_FORBIDDEN, ACQ.MERCHANT_AGREEMENT_NOT_EXIST, ACQ.MERCHANT_AGREEMENT_INVALID,
   * ACQ.AGREEMENT_NOT_EXIST, aop.no-product-reg-by-partner), the merchant is not authorised
   * (aop.invalid-app-auth-token-no-api, isv.insufficient-isv-permissions). Every other 40004 sub
   * code (ACQ.TOTAL_FEE_EXCEED, ACQ.BUYER_ENABLE_STATUS_FORBID, ACQ.CONTEXT_INCONSISTENT,
   * ACQ.TRADE_HAS_CLOSE...) is about this order or its buyer.
   */
  private static final java.util.Set<String> CHANNEL_REFUSED_SUB_CODES =
      java.util.Set.of(
          "ACQ.SELLER_BEEN_BLOCKED",
          "ACQ.ACCESS_FORBIDDEN",
          "ACQ.MERCHANT_AGREEMENT_NOT_EXIST",
          "ACQ.MERCHANT_AGREEMENT_INVALID",
          "ACQ.AGREEMENT_NOT_EXIST",
          "aop.no-product-reg-by-partner",
          "aop.invalid-app-auth-token-no-api",
          "isv.insufficient-isv-permissions");

  private AlipayCodes() {}

  /**
   * Why alipay.trade.precreate gave no order: UNAVAILABLE when Alipay could not decide (20000,
   * ACQ.SYSTEM_ERROR), RESTRICTED when it refuses every order of this merchant, ORDER otherwise
   * (ACQ.TRADE_HAS_SUCCESS included: the order exists and is paid, which a query finds).
   */
  static CreateFailure createFailure(String code, String subCode) {
    if (SUCCESS.equals(code)) {
      return CreateFailure.NONE;
    }
    if (undecided(code, subCode)) {
      return CreateFailure.UNAVAILABLE;
    }
    return CHANNEL_REFUSED_CODES.contains(code) || CHANNEL_REFUSED_SUB_CODES.contains(subCode)
        ? CreateFailure.RESTRICTED
        : CreateFailure.ORDER;
  }

  /** Did Alipay fail to decide? Then nothing can be concluded from the answer. */
  static boolean undecided(String code, String subCode) {
    return SERVICE_UNAVAILABLE.equals(code) || SYSTEM_ERROR.equals(subCode);
  }

  /**
   * alipay.trade.precreate and alipay.trade.refund: success, undecided (query first) or refused for
   * good.
   */
  static ProviderOutcome moneyCallOutcome(String code, String subCode) {
    if (SUCCESS.equals(code)) {
      return ProviderOutcome.PROCESSED;
    }
    // TRADE_HAS_SUCCESS: a create for an order already paid; the query that UNKNOWN calls for finds
    // it PAID.
    return undecided(code, subCode) || TRADE_HAS_SUCCESS.equals(subCode)
        ? ProviderOutcome.UNKNOWN
        : ProviderOutcome.FAILED;
  }

  /** alipay.trade.query's trade_status (also a callback's). */
  static State tradeState(String tradeStatus) {
    return switch (tradeStatus == null ? "" : tradeStatus) {
      case "TRADE_SUCCESS", "TRADE_FINISHED" -> State.PAID;
      case "TRADE_CLOSED" -> State.CLOSED; // unpaid and closed, or paid and refunded in full
      default -> State.NOT_PAID; // WAIT_BUYER_PAY
    };
  }

  /** A callback's trade_status in the words of {@link ProviderCallback#status()}. */
  static String callbackStatus(String tradeStatus) {
    return switch (tradeState(tradeStatus)) {
      case PAID -> ProviderCallback.SUCCESS;
      case CLOSED -> "CLOSED";
      default -> "NOTPAY";
    };
  }

  /**
   * alipay.trade.fastpay.refund.query: REFUND_SUCCESS is done; a refund found without it is still
   * being processed; no refund found means Alipay never took it (asking again with the same
   * out_request_no is safe).
   */
  static ProviderOutcome refundQueryOutcome(boolean found, String refundStatus) {
    if (!found) {
      return ProviderOutcome.CANCELED;
    }
    return REFUND_SUCCESS.equals(refundStatus)
        ? ProviderOutcome.PROCESSED
        : ProviderOutcome.PENDING;
  }
}
