package io.channelshift.payment;

import static io.channelshift.temporal.TemporalNames.PAYMENT_CHANNEL;
import static io.channelshift.temporal.TemporalNames.ROUTING_VERSION;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Failover per payment at create (docs/architecture.md, "Failover at create"): when the channel
 * cannot take the order, the payment moves to the next backup of its scope's table, and nobody can
 * pay twice. An order that may exist at the channel left (its create had no answer) is closed there
 * without holding up the caller's checkout, asked again until that channel answers; money that
 * reaches such an order anyway (the close finds it paid, or the channel's verified callback) is
 * refunded automatically at that channel, and the payment's notes and refunds say so.
 */
final class ChannelFailover {

  /**
   * Counted as payments move at create, by from, to and reason: {@code
   * channelshift_failovers_total}.
   */
  static final String FAILOVERS = "channelshift_failovers";

  private final PaymentLedger ledger;
  private final PaymentStubs stubs;
  private final RefundProcess refunds;

  /**
   * Orders that may exist at a channel the payment left: closed there once the payment moved on.
   */
  private final List<OrderRef> abandoned = new ArrayList<>();

  /** Every channel the payment left, whether or not an order may be there: its callbacks count. */
  private final Set<String> channelsLeft = new TreeSet<>(); // sorted: the same order on replay

  /** Trades at a left channel already being refunded: the same money told twice goes back once. */
  private final Set<String> refundedTrades = new HashSet<>();

  private final List<Promise<Void>> running = new ArrayList<>();
  private boolean closing;

  ChannelFailover(PaymentLedger ledger, PaymentStubs stubs, RefundProcess refunds) {
    this.ledger = ledger;
    this.stubs = stubs;
    this.refunds = refunds;
  }

  /**
   * The channel of {@code command} cannot take the order ({@code result} says why): moves the
   * payment to the next backup and answers the command for it; empty when no backup remains.
   */
  Optional<CreateOrderCommand> moveOn(CreateOrderCommand command, CreateOrderResult result) {
    String from = command.channel();
    String reason = result.failureKind().reason();
    RouteDecision to;
    try {
      to = stubs.local.failOver(new FailoverCommand(command.orderId(), from, reason));
    } catch (ActivityFailure e) {
      to = null; // our own failure that no retry mends: the payment ends as without a backup
    }
    if (to == null) {
      ledger.note(from + " could not take the order (" + reason + "): no backup channel remains");
      return Optional.empty(); // the payment stays on its channel, its create as it came back
    }
    channelsLeft.add(from);
    if (result.outcome() == ProviderOutcome.UNKNOWN) {
      abandoned.add(new OrderRef(command.orderId(), from)); // it may exist there: closed later
    }
    ledger.note(
        from
            + " could not take the order ("
            + reason
            + ": "
            + result.failure()
            + "): moved to "
            + to.channel()
            + " (routing v"
            + to.tableVersion()
            + "), the next backup"
            + (result.outcome() == ProviderOutcome.UNKNOWN
                ? "; the order possibly left at " + from + " is closed there"
                : "; no order exists at " + from));
    ledger.reroute(to);
    Workflow.upsertTypedSearchAttributes(
        PAYMENT_CHANNEL.valueSet(to.channel()), ROUTING_VERSION.valueSet(to.tableVersion()));
    Workflow.setCurrentDetails(
        "Creating the order at **"
            + to.channel()
            + "**: "
            + from
            + " could not take it ("
            + reason
            + ")");
    // Silent on replay like every workflow metric: each move counts once.
    Workflow.getMetricsScope()
        .tagged(Map.of("from", from, "to", to.channel(), "reason", reason))
        .counter(FAILOVERS)
        .inc(1);
    return Optional.of(command.withRoute(to.channel(), to.tableVersion()));
  }

  /** Whether the payment left a channel at its create. */
  boolean movedOn() {
    return !channelsLeft.isEmpty();
  }

  /** The channels the payment left, whose verified callbacks for this order still count. */
  Set<String> channelsLeft() {
    return channelsLeft;
  }

  /**
   * Closes every order the payment may have left behind, each on its own, without waiting: the
   * caller's checkout is answered first. Asked once the create is over, whatever came of it.
   */
  void closeLeftOrders() {
    if (closing) {
      return;
    }
    closing = true;
    for (OrderRef order : abandoned) {
      running.add(Async.procedure(() -> close(order)));
    }
  }

  /**
   * Closes the order left at a channel. "No such order" right after a create without an answer is
   * not final (that create may still land), but any order it makes expires with the payment (the
   * create named the payment's expiry), so the close is asked once more at expiry, and that answer
   * is.
   */
  private void close(OrderRef order) {
    Optional<ProviderOrderState> state = closeOnce(order);
    if (state.isPresent() && state.get().state() == ProviderOrderState.State.NOT_FOUND) {
      long untilExpiry = ledger.expiresAt() - Workflow.currentTimeMillis();
      if (untilExpiry > 0) {
        ledger.note(
            order.channel()
                + " has no order left there yet; asked again when any it may still make expires");
        Workflow.newTimer(
                Duration.ofMillis(untilExpiry),
                TimerOptions.newBuilder()
                    .setSummary("close the order left at " + order.channel() + " at expiry")
                    .build())
            .get();
      }
      state = closeOnce(order);
    }
    state.ifPresent(closed -> closedAt(order, closed));
  }

  /** The close's answer; empty when the channel never answered within the close's retries. */
  private Optional<ProviderOrderState> closeOnce(OrderRef order) {
    try {
      return Optional.of(stubs.remote.closeOrder(order));
    } catch (ActivityFailure e) {
      ledger.note(
          "the order left at "
              + order.channel()
              + " could not be closed there within "
              + PaymentStubs.CLOSE_ABANDONED.getScheduleToCloseTimeout()
              + ": check it at "
              + order.channel()
              + " by hand");
      return Optional.empty();
    }
  }

  private void closedAt(OrderRef order, ProviderOrderState state) {
    if (state.state() == ProviderOrderState.State.PAID) {
      paidAtLeftChannel(
          order.channel(),
          state.tradeNo(),
          state.paidAmountMinor(),
          state.currency(),
          "the close at " + order.channel() + " found it paid");
    } else if (state.state() == ProviderOrderState.State.NOT_FOUND) {
      ledger.note(order.channel() + " never had the order left there: nothing to close");
    } else {
      ledger.note("the order left at " + order.channel() + " is closed there");
    }
  }

  /**
   * A verified callback from a channel the payment left, for this order: money reached the order
   * left there.
   */
  void paidByCallback(String channel, ProviderCallback cb) {
    paidAtLeftChannel(
        channel, cb.tradeNo(), cb.amountMinor(), cb.currency(), "callback " + cb.notifyId());
  }

  /**
   * Money reached the order left at {@code channel}: it is never kept, and goes back by an
   * automatic refund at that channel (the payment's own money, on its channel now, is untouched).
   */
  private void paidAtLeftChannel(
      String channel, String tradeNo, long amountMinor, String currency, String source) {
    if (tradeNo != null && !refundedTrades.add(channel + "/" + tradeNo)) {
      return; // the same trade told twice: refunded once
    }
    String reason =
        "paid at "
            + channel
            + " on the order left there ("
            + source
            + ", trade "
            + tradeNo
            + ") after the payment moved to "
            + ledger.channel()
            + ": automatic refund at "
            + channel;
    ledger.note(reason);
    Money paid = new Money(amountMinor, currency == null ? ledger.request().currency() : currency);
    RefundView refund =
        new RefundView(
            RefundIds.automatic(Workflow.randomUUID()),
            paid.minor(),
            reason,
            RefundStatus.REQUESTED,
            true,
            null);
    running.add(Async.procedure(() -> refunds.refundAtLeftChannel(refund, channel, paid)));
  }

  /** Whether every close and refund of what the payment left behind has ended. */
  boolean leftOrdersSettled() {
    return running.stream().allMatch(Promise::isCompleted);
  }

  /** The payment ends only once what it left behind is closed or refunded. */
  void awaitLeftOrders() {
    closeLeftOrders();
    // A refund may start while a close is awaited: wait until nothing is left running.
    while (!leftOrdersSettled()) {
      Workflow.setCurrentDetails(
          "**" + ledger.status() + "**. Closing or refunding the order left at " + channelsLeft);
      Promise.allOf(new ArrayList<>(running)).get();
    }
  }
}
