package io.channelshift.provider.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import com.wechat.pay.java.core.exception.ServiceException;
import io.channelshift.payment.CreateFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WechatPayCodesTest {

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    // WeChat Pay did not decide: the channel is unavailable, the order may exist.
    "500, SYSTEM_ERROR, UNAVAILABLE",
    "500, BANKERROR, UNAVAILABLE",
    "429, FREQUENCY_LIMITED, UNAVAILABLE",
    // Every order of the merchant is refused.
    "403, NO_AUTH, RESTRICTED",
    "400, MCH_NOT_EXISTS, RESTRICTED",
    "400, APPID_MCHID_NOT_MATCH, RESTRICTED",
    "401, SIGN_ERROR, RESTRICTED",
    // About this order or its payer: the payment stays FAILED.
    "403, RULE_LIMIT, ORDER",
    "403, TRADE_ERROR, ORDER",
    "403, ORDERPAID, ORDER",
    "403, OUT_TRADE_NO_USED, ORDER",
    "400, PARAM_ERROR, ORDER"
  })
  void aPrepayRefusalSaysWhetherTheChannelOrTheOrderFailed(
      int status, String code, CreateFailure expected) {
    ServiceException e =
        new ServiceException(
            null, status, "{\"code\":\"" + code + "\",\"message\":\"as WeChat Pay says\"}");

    assertThat(WechatPayCodes.createFailure(e)).isEqualTo(expected);
  }
}
