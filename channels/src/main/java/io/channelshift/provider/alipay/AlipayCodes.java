package io.channelshift.provider.alipay;

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

  private AlipayCodes() {}

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
