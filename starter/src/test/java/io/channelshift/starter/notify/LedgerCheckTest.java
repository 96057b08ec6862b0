package io.channelshift.starter.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.channelshift.payment.PaymentStatus;
import io.channelshift.payment.ProviderCallback;
import io.channelshift.store.FailoverStore;
import io.channelshift.store.PaymentStore;
import io.channelshift.store.StoredPayment;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LedgerCheckTest {

  private final PaymentStore store = mock(PaymentStore.class);
  private final FailoverStore failovers = mock(FailoverStore.class);
  private final LedgerCheck check = new LedgerCheck(store, failovers);

  LedgerCheckTest() {
    when(failovers.abandonedChannels("o-1")).thenReturn(java.util.List.of("legacy"));
    when(store.find("o-1"))
        .thenReturn(
            Optional.of(
                new StoredPayment(
                    "o-1",
                    "u",
                    5000,
                    "CNY",
                    "alipay",
                    3,
                    PaymentStatus.AWAITING_PAYMENT,
                    null,
                    null,
                    0,
                    0,
                    null,
                    null,
                    null)));
    when(store.find("unknown")).thenReturn(Optional.empty());
  }

  @Test
  void aPaymentNotificationMustMatchTheOrdersChannelAmountAndCurrency() {
    assertThat(check.contradiction("alipay", paid("o-1", 5000, "CNY"))).isEmpty();
    assertThat(check.contradiction("alipay", paid("o-1", 4999, "CNY")))
        .get()
        .asString()
        .contains("4999 CNY for an order of 5000 CNY");
    assertThat(check.contradiction("alipay", paid("o-1", 5000, "USD"))).isPresent();
    assertThat(check.contradiction("wechat", paid("o-1", 5000, "CNY")))
        .get()
        .asString()
        .contains("was sent to channel alipay, not wechat");
  }

  @Test
  void theChannelAPaymentLeftAtCreateMayStillNotifyForThatOrder_andForNoOtherOrder() {
    assertThat(check.contradiction("legacy", paid("o-1", 5000, "CNY"))).isEmpty();
    // Still checked for the order's money like any callback.
    assertThat(check.contradiction("legacy", paid("o-1", 4999, "CNY"))).isPresent();
    assertThat(check.contradiction("nova", paid("o-1", 5000, "CNY")))
        .get()
        .asString()
        .contains("not nova");
  }

  @Test
  void unknownOrdersAndNonPaymentNotificationsAreLeftToTheirOwnHandling() {
    assertThat(check.contradiction("alipay", paid("unknown", 1, "CNY"))).isEmpty();
    assertThat(
            check.contradiction(
                "alipay", new ProviderCallback("n", "m", "o-1", "t", "CLOSED", 0, "CNY", null)))
        .isEmpty();
  }

  private static ProviderCallback paid(String order, long amount, String currency) {
    return new ProviderCallback(
        "n-" + amount, "m", order, "t", ProviderCallback.SUCCESS, amount, currency, null);
  }
}
