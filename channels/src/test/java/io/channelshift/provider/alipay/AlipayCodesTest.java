package io.channelshift.provider.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.payment.CreateFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlipayCodesTest {

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "10000, , NONE",
    // Alipay could not decide: the channel is unavailable, the order may exist.
    "20000, isp.unknow-error, UNAVAILABLE",
    "40004, ACQ.SYSTEM_ERROR, UNAVAILABLE",
    // Every order of the merchant is refused: a frozen account, an expired agreement, no
    // permission.
    "40004, ACQ.SELLER_BEEN_BLOCKED, RESTRICTED",
    "40004, ACQ.ACCESS_FORBIDDEN, RESTRICTED",
    "40004, ACQ.MERCHANT_AGREEMENT_INVALID, RESTRICTED",
    "20001, aop.invalid-app-auth-token-no-api, RESTRICTED",
    "40006, isv.insufficient-isv-permissions, RESTRICTED",
    // About this order or its buyer: the payment stays FAILED.
    "40004, ACQ.TOTAL_FEE_EXCEED, ORDER",
    "40004, ACQ.BUYER_ENABLE_STATUS_FORBID, ORDER",
    "40004, ACQ.CONTEXT_INCONSISTENT, ORDER",
    "40004, ACQ.TRADE_HAS_SUCCESS, ORDER",
    "40002, isv.invalid-parameter, ORDER"
  })
  void aPrecreateAnswerSaysWhetherTheChannelOrTheOrderFailed(
      String code, String subCode, CreateFailure expected) {
    assertThat(AlipayCodes.createFailure(code, subCode)).isEqualTo(expected);
  }
}
