package io.channelshift.payment;

import static io.channelshift.temporal.TemporalNames.PAYMENT_CHANNEL;
import static io.channelshift.temporal.TemporalNames.ROUTING_VERSION;

import io.channelshift.payment.Answer.Answered;
import io.channelshift.payment.Answer.Unanswered;
import io.channelshift.payment.Creation.Created;
import io.channelshift.payment.Creation.NotCreated;
import io.channelshift.temporal.Timers;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The payment's conversation with its provider: create the order (looking before creating again
 * when a create had no answer), ask where the order or a refund stands, close the order, refund;
 * each with its retries, and each answer as an {@link Answer} so that the process decides what
 * silence means.
 */
final class ProviderConversation {

  private static final int CREATE_ATTEMPTS = 3;
  private static final Duration CREATE_RETRY_DELAY = Duration.ofSeconds(2);

  /** How long to wait before asking an unreachable provider again, the last repeating. */
  private static final List<Duration> ASK_AGAIN =
      List.of(
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(15),
          Duration.ofHours(1));

  private final PaymentLedger ledger;
  private final PaymentStubs stubs;
  private final PaymentVersions versions;

  ProviderConversation(PaymentLedger ledger, PaymentStubs stubs, PaymentVersions versions) {
    this.ledger = ledger;
    this.stubs = stubs;
    this.versions = versions;
  }

  /**
   * Creates the order, on the route now in force; a create without an answer is looked for, then
   * tried again. A create the channel cannot take moves to the next backup ({@code failover}), with
   * a fresh set of attempts there.
   */
  Creation create(ChannelFailover failover) {
    PaymentRequest request = ledger.request();
    CreateOrderCommand command =
        new CreateOrderCommand(
            request.orderId(),
            request.userId(),
            request.amountMinor(),
            request.currency(),
            request.productType(),
            request.subject(),
            request.clientIp(),
            request.route().channel(),
            request.route().tableVersion(),
            ledger.expiresAt());
    OrderRef ref = ledger.orderRef();
    for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
      CreateOrderCommand creating = command;
      // Only a definitive failure of ours gives up (say, a channel this worker does not know):
      // nothing was paid.
      Answer<CreateOrderResult> answer = ask(() -> stubs.local.createOrder(creating));
      if (answer instanceof Unanswered<CreateOrderResult> none) {
        return new NotCreated("the order could not be created: " + failureMessage(none.failure()));
      }
      CreateOrderResult result = ((Answered<CreateOrderResult>) answer).value();
      if (result.rerouted() != null) {
        command = command.withRoute(result.rerouted().channel(), result.rerouted().tableVersion());
        ref = adoptRoute(result.rerouted());
      }
      if (result.failureKind().channelCannotTake() && versions.failsOverAtCreate()) {
        Optional<CreateOrderCommand> next = failover.moveOn(command, result);
        if (next.isPresent()) {
          command = next.get();
          ref = ledger.orderRef();
          attempt = 0; // each channel left once: the moves end with the backups
          continue;
        }
      }
      switch (result.outcome()) {
        case PROCESSED, PENDING -> {
          return new Created(result.payUrl(), result.merchantId());
        }
        case FAILED, CANCELED -> {
          return new NotCreated("provider refused the order: " + result.failure());
        }
        case UNKNOWN -> {
          // The create may have reached the provider: look before creating again.
          ProviderOrderState seen = stubs.local.queryOrder(ref);
          if (seen.state() != ProviderOrderState.State.NOT_FOUND) {
            CreateOrderResult again =
                stubs.local.createOrder(command); // idempotent on orderId: the same order
            if (again.outcome() == ProviderOutcome.PROCESSED) {
              return new Created(again.payUrl(), again.merchantId());
            }
          }
          ledger.note("create attempt " + attempt + " had no answer: " + result.failure());
          if (attempt < CREATE_ATTEMPTS) {
            Workflow.sleep(CREATE_RETRY_DELAY);
          }
        }
      }
    }
    return new NotCreated("provider did not answer after " + CREATE_ATTEMPTS + " attempts");
  }

  /**
   * The routing table changed between the starter's decision and the create, and the order was
   * created on the route now in force: the payment lives on that channel from here on.
   */
  private OrderRef adoptRoute(RouteDecision route) {
    ledger.note(
        "routed again to "
            + route.channel()
            + " (routing v"
            + route.tableVersion()
            + "): the table "
            + "changed from v"
            + ledger.request().route().tableVersion()
            + " before the order was created");
    ledger.reroute(route);
    if (versions.reroutesSearchAttributes()) {
      Workflow.upsertTypedSearchAttributes(
          PAYMENT_CHANNEL.valueSet(route.channel()),
          ROUTING_VERSION.valueSet(route.tableVersion()));
    }
    return ledger.orderRef();
  }

  /** Where the order stands at the provider, if it answers within the query's retries. */
  Answer<ProviderOrderState> query() {
    return ask(() -> stubs.local.queryOrder(ledger.orderRef()));
  }

  /**
   * Where the order stands, asked at once for an operator who waits: a few seconds of retries, then
   * Unanswered.
   */
  Answer<ProviderOrderState> queryNow() {
    return ask(() -> stubs.askNow.queryOrder(ledger.orderRef()));
  }

  /**
   * Asks where the order stands until the provider answers: the order cannot be called paid or
   * closed unasked. Empty when a paid callback settled the payment meanwhile.
   */
  Optional<ProviderOrderState> queryUntilAnswered(
      BooleanSupplier callbackWaiting, BooleanSupplier settledMeanwhile) {
    return askUntilAnswered(
        () -> stubs.local.queryOrder(ledger.orderRef()),
        "the final query",
        callbackWaiting,
        settledMeanwhile);
  }

  /**
   * Closes the order, asking until the provider answers; empty when a paid callback settled it
   * meanwhile.
   */
  Optional<ProviderOrderState> closeUntilAnswered(
      BooleanSupplier callbackWaiting, BooleanSupplier settledMeanwhile) {
    return askUntilAnswered(
        () -> stubs.local.closeOrder(ledger.orderRef()),
        "the close",
        callbackWaiting,
        settledMeanwhile);
  }

  /**
   * Asks the provider until it answers. Between tries the payment waits, longer each time up to an
   * hour, and a callback that comes meanwhile is applied ({@code settledMeanwhile}, which says
   * whether it settled the payment; then empty). Histories from before {@link
   * PaymentVersions#PROVIDER_OUTAGES} failed the payment here.
   */
  private Optional<ProviderOrderState> askUntilAnswered(
      Supplier<ProviderOrderState> call,
      String what,
      BooleanSupplier callbackWaiting,
      BooleanSupplier settledMeanwhile) {
    for (int attempt = 0; ; attempt++) {
      if (ask(call) instanceof Answered<ProviderOrderState> answered && answered.value() != null) {
        return Optional.of(answered.value());
      }
      Duration wait = ASK_AGAIN.get(Math.min(attempt, ASK_AGAIN.size() - 1));
      if (attempt == 0) {
        ledger.note("the provider did not answer " + what + "; asking again until it does");
      }
      Workflow.setCurrentDetails(
          "The provider does not answer "
              + what
              + " of the order; asking again in "
              + wait
              + " (a callback settles it sooner)");
      boolean timedOut =
          Timers.awaitOrTimeout(wait, "ask the provider again", callbackWaiting::getAsBoolean);
      if (!timedOut && settledMeanwhile.getAsBoolean()) {
        return Optional.empty();
      }
    }
  }

  /**
   * The refund call. One that gave up retrying (our store or the provider unreachable for its whole
   * window) may or may not have reached the provider: UNKNOWN, so it is queried before anything is
   * sent again. A definitive refusal of ours (no ledger row) fails the refund.
   */
  RefundResult refund(RefundCommand command) {
    Answer<RefundResult> answer = ask(() -> stubs.remote.refund(command));
    if (answer instanceof Answered<RefundResult> answered) {
      return answered.value();
    }
    ActivityFailure e = ((Unanswered<RefundResult>) answer).failure();
    return e.getCause() instanceof ApplicationFailure failure && failure.isNonRetryable()
        ? new RefundResult(ProviderOutcome.FAILED, null, failure.getOriginalMessage())
        : new RefundResult(ProviderOutcome.UNKNOWN, null, "no answer to the refund call");
  }

  /**
   * A refund query the provider did not answer counts as still pending: it is asked again on the
   * backoff.
   */
  RefundResult queryRefund(RefundCommand command) {
    return ask(() -> stubs.local.queryRefund(command)) instanceof Answered<RefundResult> answered
        ? answered.value()
        : new RefundResult(
            ProviderOutcome.UNKNOWN, null, "the provider did not answer the refund query");
  }

  /**
   * The call's answer, or Unanswered when it gave up (the provider or our store unreachable for its
   * whole retry window, or a definitive failure of ours). Runs from before {@link
   * PaymentVersions#PROVIDER_OUTAGES} failed the payment there, and still do on replay.
   */
  private <T> Answer<T> ask(Supplier<T> call) {
    try {
      return new Answered<>(call.get());
    } catch (ActivityFailure e) {
      if (!versions.survivesProviderOutages()) {
        throw e;
      }
      return new Unanswered<>(e);
    }
  }

  private static String failureMessage(ActivityFailure e) {
    return e.getCause() instanceof ApplicationFailure failure
        ? failure.getOriginalMessage()
        : String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
  }
}
