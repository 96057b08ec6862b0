package io.channelshift.starter.notify;

import io.channelshift.payment.Money;
import io.channelshift.payment.ProviderCallback;
import io.channelshift.store.FailoverStore;
import io.channelshift.store.PaymentStore;
import io.channelshift.store.StoredPayment;
import java.util.Optional;

/**
 * What a provider's signature cannot vouch for: that a payment notification is about an order of
 * ours on this channel and for the order's amount. A notification that fails this is rejected
 * before any payment sees it (Alipay's and WeChat Pay's integration guides ask for exactly this
 * check).
 */
final class LedgerCheck {

  private final PaymentStore payments;
  private final FailoverStore failovers;

  LedgerCheck(PaymentStore payments, FailoverStore failovers) {
    this.payments = payments;
    this.failovers = failovers;
  }

  /**
   * Returns why the callback contradicts the ledger, or empty when it does not (or the order is
   * unknown).
   */
  Optional<String> contradiction(String channel, ProviderCallback callback) {
    if (!callback.paid()) {
      return Optional.empty(); // a non-payment notification changes nothing
    }
    return payments
        .find(callback.outTradeNo())
        .map(order -> contradiction(channel, callback, order));
  }

  /**
   * A payment that failed over at create is on its new channel; the channel it left may still call
   * back for the order it may have left there (money that reached it is refunded there), so that
   * channel is this order's too, and no other.
   */
  private String contradiction(String channel, ProviderCallback callback, StoredPayment order) {
    if (!channel.equals(order.channel())
        && !failovers.abandonedChannels(order.orderId()).contains(channel)) {
      return "order "
          + callback.outTradeNo()
          + " was sent to channel "
          + order.channel()
          + ", not "
          + channel;
    }
    if (!paidAsOrdered(callback, order)) {
      return "notification says "
          + callback.amountMinor()
          + " "
          + callback.currency()
          + " for an order of "
          + order.amount();
    }
    return null;
  }

  /**
   * Whether the notification names the order's money. A notification may name no currency, which is
   * not the order's; only one that does is read as money.
   */
  private static boolean paidAsOrdered(ProviderCallback callback, StoredPayment order) {
    return order.currency().equals(callback.currency())
        && order.amount().equals(new Money(callback.amountMinor(), callback.currency()));
  }
}
