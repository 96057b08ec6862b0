package io.channelshift.payment;

import static io.channelshift.payment.PaymentFixtures.MERCHANT;
import static io.channelshift.payment.PaymentFixtures.anyRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelshift.payment.Screening.Passed;
import io.channelshift.payment.Screening.Rejected;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The payment's bookkeeping on its own, without Temporal: money against the order, refunds against
 * the money.
 */
class PaymentLedgerTest {

  private final List<PaymentStatus> changes = new ArrayList<>();
  private final PaymentLedger ledger = new PaymentLedger(anyRequest("o-1", 1000), changes::add);

  private void paid() {
    ledger.awaiting("http://pay", MERCHANT);
    ledger.received("T-1", MERCHANT, 1000, "CNY", "2026-11-25T10:00:00Z", "callback N1");
  }

  @Nested
  class WhenMoneyArrives {

    @Test
    void givenTheOrdersAmount_itIsPaid() {
      ledger.awaiting("http://pay", MERCHANT);

      Screening check =
          ledger.received("T-1", MERCHANT, 1000, "CNY", "2026-11-25T10:00:00Z", "callback N1");

      assertThat(check).isInstanceOf(Passed.class);
      assertThat(ledger.status()).isEqualTo(PaymentStatus.PAID);
      assertThat(ledger.paid()).isEqualTo(new Money(1000, "CNY"));
      assertThat(changes).containsExactly(PaymentStatus.AWAITING_PAYMENT, PaymentStatus.PAID);
      assertThat(ledger.view().notes()).containsExactly("paid (callback N1)");
    }

    @Test
    void givenAnotherAmount_itIsHeldAsAnAnomalyNamingBoth() {
      ledger.awaiting("http://pay", MERCHANT);

      Screening check = ledger.received("T-1", MERCHANT, 999, "CNY", null, "callback N1");

      assertThat(check)
          .isEqualTo(new Rejected("AMOUNT", "paid 999 CNY for an order of 1000 CNY (callback N1)"));
      assertThat(ledger.status()).isEqualTo(PaymentStatus.ANOMALY);
      assertThat(ledger.anomalyReason())
          .isEqualTo("paid 999 CNY for an order of 1000 CNY (callback N1)");
    }

    @Test
    void givenAnotherMerchant_itIsHeldAsAnAnomaly() {
      ledger.awaiting("http://pay", MERCHANT);

      Screening check = ledger.received("T-1", "M-OTHER", 1000, "CNY", null, "callback N1");

      assertThat(check)
          .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.rule()).isEqualTo("MERCHANT"));
      assertThat(ledger.status()).isEqualTo(PaymentStatus.ANOMALY);
    }
  }

  @Nested
  class WhenARefundIsAsked {

    @Test
    void givenMoreThanIsLeft_itIsRefusedWithTheRefundableMoney() {
      paid();
      ledger.checkRefund(new RefundRequest("r-1", 400, "x"));
      RefundView first = ledger.takeRefund(new RefundRequest("r-1", 400, "x"));
      ledger.moveTo(PaymentStatus.REFUNDING);
      ledger.nextRefund();
      ledger.settled(
          first, new RefundResult(ProviderOutcome.PROCESSED, "R1", null), PaymentStatus.PAID);

      assertThat(ledger.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
      assertThat(ledger.refunded()).isEqualTo(new Money(400, "CNY"));
      assertThatThrownBy(() -> ledger.checkRefund(new RefundRequest("r-2", 601, "x")))
          .hasMessage("refund of 601 exceeds the refundable amount 600 CNY");
    }

    @Test
    void givenTheWholeAmountBack_itIsRefunded() {
      paid();
      RefundView all = ledger.takeRefund(new RefundRequest("r-1", 1000, "x"));

      ledger.settled(
          all, new RefundResult(ProviderOutcome.PROCESSED, "R1", null), PaymentStatus.PAID);

      assertThat(ledger.status()).isEqualTo(PaymentStatus.REFUNDED);
    }

    @Test
    void givenOneInFlight_anotherIsRefused() {
      paid();
      ledger.takeRefund(new RefundRequest("r-1", 100, "x"));

      assertThatThrownBy(() -> ledger.checkRefund(new RefundRequest("r-2", 100, "x")))
          .isInstanceOf(IllegalStateException.class);
      ledger.checkRefund(new RefundRequest("r-1", 100, "x")); // an idempotent repeat is fine
    }

    @Test
    void givenARefundOfAClosedOrderFails_thePaymentIsHeldForReview() {
      ledger.closed("expired unpaid; closed at the provider");
      ledger.paidAfterClose("T-late", 1000, "N9");
      RefundView automatic =
          new RefundView("auto-N9", 1000, "paid after close", RefundStatus.REQUESTED, true, null);
      ledger.queue(automatic);

      RefundView done =
          ledger.settled(
              automatic,
              new RefundResult(ProviderOutcome.FAILED, null, "ACCOUNT_FROZEN"),
              PaymentStatus.CLOSED);

      assertThat(done.status()).isEqualTo(RefundStatus.FAILED);
      assertThat(ledger.status()).isEqualTo(PaymentStatus.ANOMALY);
    }
  }
}
