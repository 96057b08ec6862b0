package io.channelshift.payment;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Everything the payment workflow asks of the outside world. Each method is idempotent on the ids
 * it is given, so that a retried activity never creates, refunds or writes twice.
 */
@ActivityInterface
public interface PaymentActivities {

  /**
   * Judges the request by the risk rules of its product type and, when it passes, counts it toward
   * the user's daily amount and velocity, atomically, so two payments racing past a limit cannot
   * both pass. Idempotent on the order id: asked again, it answers what it decided the first time.
   */
  @ActivityMethod
  RiskDecision assessRisk(RiskCheck check);

  /** Creates the order at the provider and records the payment. */
  @ActivityMethod
  CreateOrderResult createOrder(CreateOrderCommand command);

  /**
   * The channel the payment is on cannot take its order: moves the payment, still being created, to
   * the next backup of the routing table in force and records the move (the payment's row names the
   * new channel). Idempotent: a retry answers the route of the first move. Returns null when no
   * backup remains.
   */
  @ActivityMethod
  RouteDecision failOver(FailoverCommand command);

  /** Asks the provider where the order stands. */
  @ActivityMethod
  ProviderOrderState queryOrder(OrderRef order);

  /**
   * Closes the order at the provider. When the provider refuses because the order was paid
   * meanwhile, the returned state is PAID, so the workflow treats the payment as paid after all.
   */
  @ActivityMethod
  ProviderOrderState closeOrder(OrderRef order);

  /** Records a status change of the payment in the store. */
  @ActivityMethod
  void recordStatus(StatusChange change);

  /**
   * The callback as the channel's adapter verified it and the starter recorded it in the inbox, for
   * this order on this channel; {@code null} when no adapter verified such a notification (a signal
   * that came another way).
   */
  @ActivityMethod
  ProviderCallback verifiedCallback(CallbackRef callback);

  /** Records money received for an order that will not be fulfilled (anomaly, paid after close). */
  @ActivityMethod
  void recordReceipt(PaymentReceipt receipt);

  /**
   * Records the payment as paid (ledger included), sends the fulfilment webhook, records it as
   * fulfilled.
   */
  @ActivityMethod
  void fulfil(FulfilmentCommand command);

  /** Records the refund and asks the provider for it. */
  @ActivityMethod
  RefundResult refund(RefundCommand command);

  /** Asks the provider where a refund stands. */
  @ActivityMethod
  RefundResult queryRefund(RefundCommand command);

  /** Records the final state of a refund and the payment's totals after it. */
  @ActivityMethod
  void settleRefund(RefundSettlement settlement);

  /**
   * Tells the platform, by signed webhook, that a refund has settled; retried until it answers 2xx.
   */
  @ActivityMethod
  void notifyRefund(RefundWebhook webhook);
}
