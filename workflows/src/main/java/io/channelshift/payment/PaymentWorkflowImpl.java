package io.channelshift.payment;

import static io.channelshift.temporal.TemporalNames.PAYMENT_CHANNEL;
import static io.channelshift.temporal.TemporalNames.PAYMENT_STATUS;
import static io.channelshift.temporal.TemporalNames.ROUTING_VERSION;

import io.channelshift.temporal.Timers;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The payment state machine of DESIGN.md. Short provider and store calls run as local activities (the caller
 * of {@link #checkout} waits on the create, and every saved round trip shows in latency and history size);
 * the fulfilment webhook and refunds, which retry for long or must not be repeated blindly, are activities.
 */
public class PaymentWorkflowImpl implements PaymentWorkflow {

  private static final Logger log = Workflow.getLogger(PaymentWorkflowImpl.class);
  private static final int CREATE_ATTEMPTS = 3;
  static final String REROUTE_AT_CREATE = "reroute-at-create";
  /** Version 1: the risk rules judge the request first. Version 2: also, callbacks are verified (VERIFIED_CALLBACKS). */
  static final String RISK_RULES = "risk-rules";
  private static final Duration CREATE_RETRY_DELAY = Duration.ofSeconds(2);
  static final String REFUND_POLL_BACKOFF = "refund-poll-backoff";
  /** Version 1: a provider's refund notice ends the wait before the next refund query. */
  static final String REFUND_NOTICES = "refund-notices";
  /** Version 1: the platform is told by webhook when a refund settles. */
  static final String REFUND_WEBHOOKS = "refund-webhooks";
  /**
   * Version 1: a provider that does not answer for a whole retry window no longer fails the payment. An active query
   * is skipped, the expiry's query and close (and the platform's close) are asked again until the provider answers,
   * a refund query counts as still pending and a refund call as unanswered (then queried).
   */
  static final String PROVIDER_OUTAGES = "provider-outages";
  /**
   * Version 1: a callback is applied only as a channel's adapter verified it (looked up in the inbox the starter
   * writes before it signals); one that came another way is not believed, and the provider is asked instead.
   * A payment started at {@link #RISK_RULES} version 2 or later does this from its start without a marker of its own.
   */
  static final String VERIFIED_CALLBACKS = "verified-callbacks";
  /** Queries a payment makes for callbacks no adapter verified: a few (a reconciliation repair is one), not a flood. */
  private static final int UNVERIFIED_QUERIES = 5;

  /**
   * Version 1: an automatic refund's id is {@code auto~} and a random UUID ({@link RefundIds}), a form the platform's
   * API never accepts, so no platform refund can take it first; before, {@code auto-{notifyId}}.
   */
  static final String AUTOMATIC_REFUND_IDS = "automatic-refund-ids";

  /**
   * Version 1: a refund's webhook event id is unique by construction ({@link EventIds#refund}:
   * {@code refund/{orderId}/{refundId}}); before, {@code refund-{orderId}-{refundId}}, which two refunds could share.
   */
  static final String EVENT_IDS = "event-ids";

  /** How long to wait before asking an unreachable provider again, the last repeating. */
  private static final List<Duration> ASK_AGAIN =
      List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1));
  /** Counted as payments reach each state, by channel: {@code channelshift_payment_status_changes_total}. */
  static final String STATUS_CHANGES = "channelshift_payment_status_changes";
  /**
   * How long to wait before each query of a pending refund, the last repeating. A refund to a bank card can stay
   * pending for days (WeChat Pay: several working days), so the tail is an hour: about 170 history events a day.
   * Before version 1 of {@link #REFUND_POLL_BACKOFF} it was a minute, about 7 events a minute, which would have
   * taken a payment past a cluster's 51,200-event history limit within a week of a slow refund.
   */
  private static final List<Duration> REFUND_POLL =
      List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(15),
          Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1));
  private static final List<Duration> REFUND_POLL_BEFORE_V1 = REFUND_POLL.subList(0, 5);

  /**
   * How long a local activity that depends on our own database keeps retrying. A local activity without a
   * schedule-to-close is not retried at all (the SDK bounds its retries by it; PaymentWorkflowTest shows it), so
   * "until it is back" is a week, longer than any outage of ours a payment should sit out rather than fail.
   */
  private static final Duration UNTIL_OUR_STORE_IS_BACK = Duration.ofDays(7);

  /**
   * A create is retried only on our own failures (the store), until the store is back: the provider's answer comes
   * back as a value, and the caller, answered 503 after the checkout timeout, asks again for the same payment.
   */
  private static final LocalActivityOptions CREATE = LocalActivityOptions.newBuilder()
      .setSummary("create the order at the provider")
      .setStartToCloseTimeout(Duration.ofSeconds(15))
      .setScheduleToCloseTimeout(UNTIL_OUR_STORE_IS_BACK)
      .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(500))
          .setMaximumInterval(Duration.ofSeconds(30)).build())
      .build();

  /**
   * Queries and closes are safe to repeat: retried on transport errors for two minutes; past that the workflow
   * decides (skip an active query, ask again later at expiry), so a callback is never kept waiting behind a query.
   */
  private static final LocalActivityOptions ASK_PROVIDER = LocalActivityOptions.newBuilder()
      .setSummary("ask the provider")
      .setStartToCloseTimeout(Duration.ofSeconds(10))
      .setScheduleToCloseTimeout(Duration.ofMinutes(2))
      .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1))
          .setMaximumInterval(Duration.ofSeconds(30)).build())
      .build();

  /** Our own database: retried until it is back, however long that takes (a payment must not fail for it). */
  private static final LocalActivityOptions STORE = LocalActivityOptions.newBuilder()
      .setSummary("record the payment in the store")
      .setStartToCloseTimeout(Duration.ofSeconds(5))
      .setScheduleToCloseTimeout(UNTIL_OUR_STORE_IS_BACK)
      .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(500))
          .setMaximumInterval(Duration.ofSeconds(30)).build())
      .build();

  /** A refund call that failed on transport answers UNKNOWN and is queried, never sent again blindly. */
  private static final ActivityOptions REFUND = ActivityOptions.newBuilder()
      .setSummary("refund at the payment's channel")
      .setStartToCloseTimeout(Duration.ofSeconds(20))
      .setScheduleToCloseTimeout(Duration.ofMinutes(30))
      .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1))
          .setMaximumInterval(Duration.ofMinutes(1)).build())
      .build();

  /** Per local-activity type; the store writes take {@link #STORE}. */
  private static final Map<String, LocalActivityOptions> LOCAL_BY_TYPE = Map.of(
      "AssessRisk", STORE.toBuilder().setSummary("judge the request by the risk rules").build(),
      "CreateOrder", CREATE,
      "QueryOrder", ASK_PROVIDER.toBuilder().setSummary("ask the provider where the order stands").build(),
      "CloseOrder", ASK_PROVIDER.toBuilder().setSummary("close the order at the provider").build(),
      "QueryRefund", ASK_PROVIDER.toBuilder().setSummary("ask the provider where the refund stands").build(),
      "VerifiedCallback", STORE.toBuilder().setSummary("look the callback up among those an adapter verified")
          .build());

  /**
   * Short provider and store calls, as local activities; each method gets the options that fit what it does.
   * One stub for all of them: a stub is a proxy, and every payment builds its own.
   */
  private final PaymentActivities local =
      Workflow.newLocalActivityStub(PaymentActivities.class, STORE, LOCAL_BY_TYPE);

  /** Fulfilment and refunds; built in {@link #run} because the fulfilment deadline is the payment's own. */
  private PaymentActivities remote;

  private PaymentRequest request;
  private PaymentStatus status = PaymentStatus.CREATED;
  private Checkout checkout;
  private String merchantId;
  private String tradeNo;
  private String paidAt;
  private long expiresAt;
  private long paidAmount;
  private long refundedAmount;
  private String anomalyReason;
  private final Queue<ProviderCallback> callbacks = new ArrayDeque<>();
  private final Set<String> appliedNotifyIds = new HashSet<>();
  private final Map<String, RefundView> refundsById = new LinkedHashMap<>();
  private final Queue<String> refundQueue = new ArrayDeque<>();
  /** Refund webhooks on their way; each settles (delivered or given up, with a note), none fails the payment. */
  private final List<Promise<Void>> refundWebhooks = new ArrayList<>();
  /** Refunds a provider has sent notice of since their last query. */
  private final Set<String> noticedRefunds = new HashSet<>();
  /**
   * Refund ids by the number each was sent under at its provider, which the provider's notices name. Refunds sent
   * before numbers were per payment were sent under their refund id, and have no entry.
   */
  private final Map<String, String> refundIdsByOutRefundNo = new HashMap<>();
  private final List<String> notes = new ArrayList<>();
  /** The states in which no money has come: only these can be closed (an order already closed answers as it is). */
  private static final Set<PaymentStatus> NOTHING_PAID = Set.of(PaymentStatus.CREATED,
      PaymentStatus.AWAITING_PAYMENT, PaymentStatus.CLOSED, PaymentStatus.FAILED, PaymentStatus.REJECTED);
  /** Why the platform asked to close the unpaid order, once it has. */
  private String closeAsked;
  /** Callbacks that came with no adapter's verification, and the provider queries they led to. */
  private int unverifiedCallbacks;
  private int unverifiedQueries;
  /** The {@link #RISK_RULES} version the payment started with: one marker that says how its code began. */
  private int startVersion;

  /**
   * The request is known before any handler runs: update-with-start delivers every create that reached the payment
   * before its first workflow task in that task, and each must be judged against the request that started it.
   */
  @WorkflowInit
  public PaymentWorkflowImpl(PaymentRequest paymentRequest) {
    this.request = paymentRequest;
  }

  @Override
  public PaymentView run(PaymentRequest paymentRequest) {
    ActivityOptions toPlatform = ActivityOptions.newBuilder()
        .setSummary("record paid and notify the platform")
        .setStartToCloseTimeout(Duration.ofSeconds(15))
        .setScheduleToCloseTimeout(request.timing().fulfilmentDeadline())
        .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1))
            .setMaximumInterval(Duration.ofMinutes(5)).build())
        .build();
    this.remote = Workflow.newActivityStub(PaymentActivities.class, REFUND, Map.of("Fulfil", toPlatform,
        "NotifyRefund", toPlatform.toBuilder().setSummary("tell the platform the refund has settled").build()));
    this.expiresAt = Workflow.currentTimeMillis() + request.timing().expiresIn().toMillis();
    Workflow.setCurrentDetails("Creating the order at **" + request.route().channel() + "**");

    if (passesRiskRules()) {
      createAtProvider();
    }
    if (status == PaymentStatus.AWAITING_PAYMENT) {
      awaitPayment();
    }
    if (status == PaymentStatus.PAID) {
      fulfil();
    }
    // Refused by the provider or by the risk rules: no money can come, nothing to wait for.
    if (status != PaymentStatus.FAILED && status != PaymentStatus.REJECTED) {
      afterSales();
    }
    Workflow.setCurrentDetails("Ended: **" + status + "**");
    return status();
  }

  @Override
  public Checkout checkout(CheckoutRequest checkoutRequest) {
    Workflow.await(() -> checkout != null);
    return checkout;
  }

  @Override
  public void validateCheckout(CheckoutRequest r) {
    if (!request.userId().equals(r.userId()) || request.amountMinor() != r.amountMinor()
        || !request.currency().equals(r.currency())) {
      throw new IllegalArgumentException("order " + request.orderId()
          + " already exists with another user, amount or currency");
    }
  }

  @Override
  public void providerCallback(ProviderCallback callback) {
    callbacks.add(callback);
  }

  @Override
  public PaymentView close(CloseRequest r) {
    Workflow.await(() -> status != PaymentStatus.CREATED); // the order is being created: close it once it exists
    if (status == PaymentStatus.AWAITING_PAYMENT && closeAsked == null) {
      closeAsked = r.reason() == null || r.reason().isBlank() ? "no reason given" : r.reason();
    }
    Workflow.await(() -> status != PaymentStatus.AWAITING_PAYMENT);
    return status();
  }

  @Override
  public void validateClose(CloseRequest r) {
    if (!NOTHING_PAID.contains(status)) {
      throw new IllegalStateException("payment is " + status + ": money has come, so it cannot be closed; "
          + (status == PaymentStatus.ANOMALY ? "it is held for review" : "refund it instead"));
    }
  }

  @Override
  public void refundNotice(RefundNotice notice) {
    String refundId = refundIdsByOutRefundNo.getOrDefault(notice.refundId(), notice.refundId());
    RefundView refund = refundsById.get(refundId);
    if (refund != null && !refund.status().isFinal()) { // a notice of a settled refund has nothing to wake
      noticedRefunds.add(refundId);
    }
  }

  @Override
  public RefundView refund(RefundRequest r) {
    RefundView existing = refundsById.get(r.refundId());
    if (existing != null) {
      return existing;
    }
    RefundView view = new RefundView(r.refundId(), r.amountMinor(), r.reason(), RefundStatus.REQUESTED, false, null);
    refundsById.put(r.refundId(), view);
    refundQueue.add(r.refundId());
    return view;
  }

  @Override
  public void validateRefund(RefundRequest r) {
    if (RefundIds.claimsAutomaticForm(r.refundId())) {
      throw new IllegalArgumentException("refundId " + r.refundId() + " has the form of the payment's own refunds");
    }
    RefundView existing = refundsById.get(r.refundId());
    if (existing != null) {
      if (existing.amountMinor() != r.amountMinor()) {
        throw new IllegalArgumentException("refundId " + r.refundId() + " was already used for "
            + existing.amountMinor() + ", not " + r.amountMinor());
      }
      return; // idempotent repeat
    }
    if (refundInFlight()) {
      throw new IllegalStateException("another refund is in flight; one refund at a time per payment");
    }
    if (!status.refundable()) {
      throw new IllegalStateException("payment is " + status + "; only a paid payment can be refunded");
    }
    long refundable = paidAmount - refundedAmount;
    if (r.amountMinor() > refundable) {
      throw new IllegalArgumentException("refund of " + r.amountMinor() + " exceeds the refundable amount "
          + refundable + " " + request.currency());
    }
  }

  @Override
  public PaymentView status() {
    return new PaymentView(request.orderId(), request.userId(), status, request.route().channel(),
        request.route().tableVersion(), request.amountMinor(), request.currency(), request.productType(),
        paidAmount, refundedAmount, checkout == null ? null : checkout.payUrl(), expiresAt, tradeNo,
        anomalyReason, List.copyOf(refundsById.values()), List.copyOf(notes));
  }

  /**
   * The risk rules, before any provider is asked. Payments started before the rules existed never ran them, so
   * the check is behind a version.
   */
  private boolean passesRiskRules() {
    startVersion = Workflow.getVersion(RISK_RULES, Workflow.DEFAULT_VERSION, 2);
    if (startVersion < 1) {
      return true;
    }
    RiskDecision decision = local.assessRisk(RiskCheck.of(request));
    if (decision.passed()) {
      return true;
    }
    String reason = "rejected by risk rule " + decision.rule() + ": " + decision.detail();
    setStatus(PaymentStatus.REJECTED);
    notes.add(reason);
    checkout = new Checkout(request.orderId(), status, request.route().channel(), null, expiresAt, reason);
    Workflow.setCurrentDetails("**REJECTED** by risk rule " + decision.rule() + "; nothing was sent to a provider");
    return false;
  }

  private void createAtProvider() {
    CreateOrderCommand command = new CreateOrderCommand(request.orderId(), request.userId(), request.amountMinor(),
        request.currency(), request.productType(), request.subject(), request.clientIp(), request.route().channel(),
        request.route().tableVersion(), expiresAt);
    OrderRef ref = orderRef();
    for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
      CreateOrderCommand creating = command;
      // only a definitive failure of ours gives up (say, a channel this worker does not know): nothing was paid
      CreateOrderResult result = answerOr(() -> local.createOrder(creating), e -> {
        fail("the order could not be created: " + failureMessage(e));
        return null;
      });
      if (result == null) {
        return;
      }
      if (result.rerouted() != null) {
        command = command.withRoute(result.rerouted().channel(), result.rerouted().tableVersion());
        ref = adoptRoute(result.rerouted());
      }
      switch (result.outcome()) {
        case PROCESSED, PENDING -> {
          awaitingPayment(result.payUrl(), result.merchantId());
          return;
        }
        case FAILED, CANCELED -> {
          fail("provider refused the order: " + result.failure());
          return;
        }
        case UNKNOWN -> {
          // The create may have reached the provider: look before creating again.
          ProviderOrderState seen = local.queryOrder(ref);
          if (seen.state() != ProviderOrderState.State.NOT_FOUND) {
            CreateOrderResult again = local.createOrder(command); // idempotent on orderId: returns the same order
            if (again.outcome() == ProviderOutcome.PROCESSED) {
              awaitingPayment(again.payUrl(), again.merchantId());
              return;
            }
          }
          notes.add("create attempt " + attempt + " had no answer: " + result.failure());
          if (attempt < CREATE_ATTEMPTS) {
            Workflow.sleep(CREATE_RETRY_DELAY);
          }
        }
      }
    }
    fail("provider did not answer after " + CREATE_ATTEMPTS + " attempts");
  }

  /**
   * The routing table changed between the starter's decision and the create, and the order was created on the
   * route now in force: the payment lives on that channel from here on. Histories from before this existed never
   * carry a new route, so the version only marks where the search attributes started to follow.
   */
  private OrderRef adoptRoute(RouteDecision route) {
    notes.add("routed again to " + route.channel() + " (routing v" + route.tableVersion() + "): the table changed "
        + "from v" + request.route().tableVersion() + " before the order was created");
    request = request.withRoute(route);
    if (Workflow.getVersion(REROUTE_AT_CREATE, Workflow.DEFAULT_VERSION, 1) >= 1) {
      Workflow.upsertTypedSearchAttributes(PAYMENT_CHANNEL.valueSet(route.channel()),
          ROUTING_VERSION.valueSet(route.tableVersion()));
    }
    return orderRef();
  }

  private void awaitingPayment(String payUrl, String channelMerchantId) {
    merchantId = channelMerchantId;
    setStatus(PaymentStatus.AWAITING_PAYMENT);
    checkout = new Checkout(request.orderId(), status, request.route().channel(), payUrl, expiresAt, null);
    Workflow.setCurrentDetails("Waiting for the payment callback until " + Instant.ofEpochMilli(expiresAt)
        + "; active queries on a backoff meanwhile");
  }

  private void fail(String reason) {
    setStatus(PaymentStatus.FAILED);
    notes.add(reason);
    checkout = new Checkout(request.orderId(), status, request.route().channel(), null, expiresAt, reason);
    local.recordStatus(new StatusChange(request.orderId(), status, reason));
  }

  /** Waits for the callback; when it is late, queries the provider on a backoff; at expiry, settles the order. */
  private void awaitPayment() {
    int queries = 0;
    while (status == PaymentStatus.AWAITING_PAYMENT) {
      long remaining = expiresAt - Workflow.currentTimeMillis();
      if (remaining <= 0) {
        expire();
        return;
      }
      Duration wait = min(request.timing().queryDelay(queries), Duration.ofMillis(remaining));
      boolean timedOut = Timers.awaitOrTimeout(wait, "next active query",
          () -> !callbacks.isEmpty() || closeAsked != null);
      if (!timedOut) {
        applyCallbacks(); // a payment that came first wins over the close
        if (status == PaymentStatus.AWAITING_PAYMENT && closeAsked != null) {
          closeAsAsked();
          return;
        }
      } else if (Workflow.currentTimeMillis() < expiresAt) {
        queries++;
        ProviderOrderState state = answerOr(() -> local.queryOrder(orderRef()), e -> null);
        if (state != null) {
          applyProviderState(state, "active query " + queries);
        } else {
          log.warn("active query {} of order {} got no answer from the provider; waiting on", queries,
              request.orderId());
        }
      }
    }
  }

  private void expire() {
    Optional<ProviderOrderState> asked = askUntilAnswered(() -> local.queryOrder(orderRef()), "the final query");
    if (asked.isEmpty()) {
      return; // a callback settled it meanwhile
    }
    ProviderOrderState state = asked.get();
    if (state.state() == ProviderOrderState.State.PAID) {
      applyProviderState(state, "final query at expiry");
      return;
    }
    closeAtProvider("close refused: paid at the provider after all", "expired unpaid; closed at the provider");
  }

  /** The platform asked: close at the provider now; a provider that says it was paid meanwhile makes it paid. */
  private void closeAsAsked() {
    closeAtProvider("close asked by the platform refused: paid at the provider first",
        "closed at the provider, as the platform asked: " + closeAsked);
  }

  /**
   * Closes the order at the provider, asking until it answers. A provider that refuses because the order was paid
   * makes the payment paid ({@code whenPaidFirst} says so in the notes); a paid callback meanwhile settles it.
   */
  private void closeAtProvider(String whenPaidFirst, String whyClosed) {
    Optional<ProviderOrderState> closing = askUntilAnswered(() -> local.closeOrder(orderRef()), "the close");
    if (closing.isEmpty()) {
      return;
    }
    if (closing.get().state() == ProviderOrderState.State.PAID) {
      applyProviderState(closing.get(), whenPaidFirst);
      return;
    }
    setStatus(PaymentStatus.CLOSED);
    notes.add(whyClosed);
    local.recordStatus(new StatusChange(request.orderId(), status, whyClosed));
  }

  /**
   * Asks the provider until it answers: the order cannot be called closed (or paid) unasked. Between tries the
   * payment waits, longer each time up to an hour, and a paid callback that comes meanwhile settles it instead
   * (then empty). Histories from before {@link #PROVIDER_OUTAGES} failed the payment here.
   */
  private Optional<ProviderOrderState> askUntilAnswered(Supplier<ProviderOrderState> ask, String what) {
    for (int attempt = 0; ; attempt++) {
      ProviderOrderState answer = answerOr(ask, e -> null);
      if (answer != null) {
        return Optional.of(answer);
      }
      Duration wait = ASK_AGAIN.get(Math.min(attempt, ASK_AGAIN.size() - 1));
      if (attempt == 0) {
        notes.add("the provider did not answer " + what + "; asking again until it does");
      }
      Workflow.setCurrentDetails("The provider does not answer " + what + " of the order; asking again in "
          + wait + " (a callback settles it sooner)");
      boolean timedOut = Timers.awaitOrTimeout(wait, "ask the provider again", () -> !callbacks.isEmpty());
      if (!timedOut) {
        applyCallbacks();
        if (status != PaymentStatus.AWAITING_PAYMENT) {
          return Optional.empty();
        }
      }
    }
  }

  private static String failureMessage(ActivityFailure e) {
    return e.getCause() instanceof ApplicationFailure failure ? failure.getOriginalMessage()
        : String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
  }

  /**
   * The call's answer, or what {@code unanswered} makes of its failure when the call gave up (the provider or our
   * store unreachable for its whole retry window, or a definitive failure of ours). Runs from before
   * {@link #PROVIDER_OUTAGES} failed the payment there, and still do on replay.
   */
  private static <T> T answerOr(Supplier<T> call, Function<ActivityFailure, T> unanswered) {
    try {
      return call.get();
    } catch (ActivityFailure e) {
      if (Workflow.getVersion(PROVIDER_OUTAGES, Workflow.DEFAULT_VERSION, 1) < 1) {
        throw e;
      }
      return unanswered.apply(e);
    }
  }

  private void applyProviderState(ProviderOrderState state, String source) {
    if (state.state() == ProviderOrderState.State.PAID) {
      received(state.tradeNo(), state.merchantId(), state.paidAmountMinor(), state.currency(), state.paidAt(), source);
    }
  }

  private void applyCallbacks() {
    boolean askProvider = false;
    while (!callbacks.isEmpty()) {
      ProviderCallback cb = callbacks.poll();
      if (appliedNotifyIds.contains(cb.notifyId())) {
        continue; // a duplicate: applied once already
      }
      boolean verifying = verifiesCallbacks();
      if (verifying) {
        ProviderCallback verified = local.verifiedCallback(
            new CallbackRef(request.route().channel(), request.orderId(), cb.notifyId()));
        if (verified == null) {
          askProvider |= unverified(cb);
          continue;
        }
        cb = verified;
      }
      appliedNotifyIds.add(cb.notifyId());
      if (!cb.paid()) {
        continue; // a non-payment notification: nothing to apply
      }
      if (status == PaymentStatus.AWAITING_PAYMENT) {
        received(cb.tradeNo(), cb.merchantId(), cb.amountMinor(), cb.currency(), cb.paidAt(), "callback " + cb.notifyId());
      } else if (status == PaymentStatus.CLOSED && !(verifying && cb.tradeNo() != null && cb.tradeNo().equals(tradeNo))) {
        // (the same trade told twice while its automatic refund waits is refunded once)
        paidAfterClose(cb);
      } else if (tradeNo != null && !tradeNo.equals(cb.tradeNo())) {
        notes.add("second payment " + cb.tradeNo() + " for an order already paid by " + tradeNo + "; held for review");
      }
    }
    if (askProvider) {
      askAfterUnverifiedCallback();
    }
  }

  /** Payments started before {@link #VERIFIED_CALLBACKS} begin to verify at their next callback, marked then. */
  private boolean verifiesCallbacks() {
    return startVersion >= 2 || Workflow.getVersion(VERIFIED_CALLBACKS, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /**
   * A callback that no channel adapter verified (a signal sent straight to Temporal, say) is never applied: anyone
   * who can signal the namespace could write one. It may still be a sign that money came (a reconciliation repair
   * is one), so the provider is asked, a few times per payment at most. Returns whether to ask.
   */
  private boolean unverified(ProviderCallback cb) {
    unverifiedCallbacks++;
    log.warn("callback {} for order {} was not verified by a channel adapter; not applied", cb.notifyId(),
        request.orderId());
    if (unverifiedCallbacks <= UNVERIFIED_QUERIES) {
      notes.add("callback " + cb.notifyId() + " was not verified by a channel adapter: not applied; the provider "
          + "is asked instead");
    }
    return unverifiedQueries < UNVERIFIED_QUERIES
        && (status == PaymentStatus.AWAITING_PAYMENT || status == PaymentStatus.CLOSED && tradeNo == null);
  }

  /** The provider's own answer settles what an unverified callback claimed: paid, or nothing. */
  private void askAfterUnverifiedCallback() {
    unverifiedQueries++;
    ProviderOrderState state = answerOr(() -> local.queryOrder(orderRef()), e -> null);
    if (state == null || state.state() != ProviderOrderState.State.PAID) {
      return;
    }
    if (status == PaymentStatus.AWAITING_PAYMENT) {
      applyProviderState(state, "query after an unverified callback");
    } else if (status == PaymentStatus.CLOSED && tradeNo == null) {
      paidAfterClose(new ProviderCallback("query-" + state.tradeNo(), state.merchantId(), request.orderId(),
          state.tradeNo(), ProviderCallback.SUCCESS, state.paidAmountMinor(), state.currency(), state.paidAt()));
    }
  }

  /** Money arrived: checks it against the order, then marks the payment PAID or holds it as an ANOMALY. */
  private void received(String paidTradeNo, String paidMerchant, long amount, String currency, String paidAt,
      String source) {
    tradeNo = paidTradeNo;
    paidAmount = amount;
    String mismatch = mismatch(paidMerchant, amount, currency);
    if (mismatch != null) {
      anomalyReason = mismatch + " (" + source + ")";
      setStatus(PaymentStatus.ANOMALY);
      notes.add("held for review: " + anomalyReason);
      Workflow.setCurrentDetails("**ANOMALY**: " + anomalyReason + ". Not fulfilled; held for review.");
      local.recordReceipt(new PaymentReceipt(request.orderId(), request.route().channel(), tradeNo, amount, currency,
          paidAt, status, anomalyReason));
      return;
    }
    notes.add("paid (" + source + ")");
    this.paidAt = paidAt;
    setStatus(PaymentStatus.PAID);
  }

  private String mismatch(String paidMerchant, long amount, String currency) {
    if (merchantId != null && paidMerchant != null && !merchantId.equals(paidMerchant)) {
      return "merchant " + paidMerchant + " is not this channel's merchant " + merchantId;
    }
    if (amount != request.amountMinor() || !request.currency().equals(currency)) {
      return "paid " + amount + " " + currency + " for an order of " + request.amountMinor() + " " + request.currency();
    }
    return null;
  }

  /** The order was closed here but the user paid anyway: keep nothing, give the money back. */
  private void paidAfterClose(ProviderCallback cb) {
    tradeNo = cb.tradeNo();
    paidAmount = cb.amountMinor();
    String reason = "paid after close (callback " + cb.notifyId() + "): automatic refund";
    notes.add(reason);
    local.recordReceipt(new PaymentReceipt(request.orderId(), request.route().channel(), cb.tradeNo(),
        cb.amountMinor(), cb.currency(), cb.paidAt(), PaymentStatus.REFUNDING, reason));
    String refundId = Workflow.getVersion(AUTOMATIC_REFUND_IDS, Workflow.DEFAULT_VERSION, 1) >= 1
        ? RefundIds.automatic(Workflow.randomUUID()) : "auto-" + cb.notifyId();
    refundsById.put(refundId, new RefundView(refundId, cb.amountMinor(), reason, RefundStatus.REQUESTED, true, null));
    refundQueue.add(refundId);
  }

  private void fulfil() {
    Workflow.setCurrentDetails("Paid; delivering the fulfilment webhook to the platform");
    try {
      remote.fulfil(new FulfilmentCommand(EventIds.fulfilment(request.orderId()), request.orderId(), request.userId(),
          request.productType(), paidAmount, request.currency(), request.route().channel(), tradeNo, paidAt));
      setStatus(PaymentStatus.FULFILLED);
    } catch (ActivityFailure e) {
      String reason = "fulfilment webhook not acknowledged within " + request.timing().fulfilmentDeadline();
      log.warn("{} for order {}", reason, request.orderId());
      notes.add(reason + "; paid, not fulfilled: needs a human");
      local.recordStatus(new StatusChange(request.orderId(), PaymentStatus.PAID, reason));
    }
  }

  /** Takes refunds and late callbacks until the after-sales window closes. */
  private void afterSales() {
    long windowEnd = Workflow.currentTimeMillis() + request.timing().afterSalesWindow().toMillis();
    while (true) {
      if (!refundQueue.isEmpty()) {
        processRefund(refundsById.get(refundQueue.poll()));
        continue;
      }
      long remaining = windowEnd - Workflow.currentTimeMillis();
      if (remaining <= 0) {
        awaitRefundWebhooks();
        return;
      }
      if (status.terminal()) {
        Workflow.setCurrentDetails("**" + status + "**. Refunds and late callbacks taken until "
            + Instant.ofEpochMilli(windowEnd));
      }
      boolean timedOut = Timers.awaitOrTimeout(Duration.ofMillis(remaining), "after-sales window ends",
          () -> !callbacks.isEmpty() || !refundQueue.isEmpty());
      if (timedOut) {
        awaitRefundWebhooks();
        return;
      }
      applyCallbacks();
    }
  }

  /** The payment ends only once the platform has been told of every refund (or its delivery was given up). */
  private void awaitRefundWebhooks() {
    if (!refundWebhooks.isEmpty()) {
      Workflow.setCurrentDetails("**" + status + "**. Telling the platform of its refunds");
      Promise.allOf(refundWebhooks).get();
    }
  }

  private void processRefund(RefundView refund) {
    PaymentStatus before = status;
    setStatus(PaymentStatus.REFUNDING);
    Workflow.setCurrentDetails("Refunding " + refund.amountMinor() + " " + request.currency() + " (refund "
        + refund.refundId() + ") on **" + request.route().channel() + "**");
    RefundCommand command = new RefundCommand(request.orderId(), refund.refundId(), request.route().channel(),
        refund.amountMinor(), request.currency(), refund.reason(), refund.automatic());
    RefundResult result = askForRefund(command);
    rememberOutRefundNo(refund, result);
    List<Duration> backoff = null;
    boolean wakeOnNotice = false;
    for (int poll = 0; result.outcome() == ProviderOutcome.PENDING || result.outcome() == ProviderOutcome.UNKNOWN;
        poll++) {
      refundsById.put(refund.refundId(), refund.withStatus(RefundStatus.PROCESSING, null));
      if (backoff == null) { // decided where the first wait starts, so histories without the markers replay as before
        backoff = Workflow.getVersion(REFUND_POLL_BACKOFF, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION
            ? REFUND_POLL_BEFORE_V1 : REFUND_POLL;
        wakeOnNotice = Workflow.getVersion(REFUND_NOTICES, Workflow.DEFAULT_VERSION, 1) >= 1;
      }
      Duration wait = backoff.get(Math.min(poll, backoff.size() - 1));
      if (wakeOnNotice) {
        Timers.awaitOrTimeout(wait, "next refund query (sooner on the provider's notice)",
            () -> noticedRefunds.contains(refund.refundId()));
        noticedRefunds.remove(refund.refundId());
      } else {
        Workflow.sleep(wait);
      }
      result = queryRefund(command);
      if (result.outcome() == ProviderOutcome.CANCELED) {
        result = askForRefund(command); // the provider never saw it: sending it (same refund number) is safe
      }
      rememberOutRefundNo(refund, result);
    }
    RefundView done;
    if (result.outcome() == ProviderOutcome.PROCESSED) {
      refundedAmount += refund.amountMinor();
      done = refund.withStatus(RefundStatus.SUCCEEDED, null);
      setStatus(refundedAmount >= paidAmount ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED);
    } else {
      done = refund.withStatus(RefundStatus.FAILED, result.failure());
      notes.add("refund " + refund.refundId() + " failed: " + result.failure());
      setStatus(before == PaymentStatus.CLOSED ? PaymentStatus.ANOMALY : before);
    }
    refundsById.put(refund.refundId(), done);
    local.settleRefund(new RefundSettlement(request.orderId(), refund.refundId(), done.status(), done.failure(),
        refundedAmount, status));
    if (Workflow.getVersion(REFUND_WEBHOOKS, Workflow.DEFAULT_VERSION, 1) >= 1) {
      tellPlatform(done);
    }
  }

  /**
   * Sends the refund's webhook without waiting for it: a platform whose webhook is down must not hold up the next
   * refund or a late callback. Delivery is retried until the fulfilment deadline; past it, a note says so.
   */
  private void tellPlatform(RefundView refund) {
    String eventId = Workflow.getVersion(EVENT_IDS, Workflow.DEFAULT_VERSION, 1) >= 1
        ? RefundWebhook.eventId(request.orderId(), refund.refundId())
        : RefundWebhook.eventIdBeforeEventIds(request.orderId(), refund.refundId());
    RefundWebhook webhook = new RefundWebhook(eventId, request.orderId(), request.userId(), refund.refundId(),
        refund.amountMinor(), request.currency(), request.route().channel(), refund.automatic(), refund.status(),
        refund.failure(), refundedAmount, status);
    refundWebhooks.add(Async.procedure(remote::notifyRefund, webhook).handle((ok, failure) -> {
      if (failure != null) {
        notes.add(webhook.type() + " webhook for refund " + refund.refundId() + " not acknowledged within "
            + request.timing().fulfilmentDeadline() + ": tell the platform by hand");
      }
      return null;
    }));
  }

  /** So that the provider's notices, which name the number the refund was sent under, find it. */
  private void rememberOutRefundNo(RefundView refund, RefundResult result) {
    if (result.outRefundNo() != null) {
      refundIdsByOutRefundNo.put(result.outRefundNo(), refund.refundId());
    }
  }

  /**
   * The refund call. One that gave up retrying (our store or the provider unreachable for its whole window) may or
   * may not have reached the provider: UNKNOWN, so it is queried before anything is sent again. A definitive
   * refusal of ours (no ledger row) fails the refund.
   */
  private RefundResult askForRefund(RefundCommand command) {
    return answerOr(() -> remote.refund(command),
        e -> e.getCause() instanceof ApplicationFailure failure && failure.isNonRetryable()
            ? new RefundResult(ProviderOutcome.FAILED, null, failure.getOriginalMessage())
            : new RefundResult(ProviderOutcome.UNKNOWN, null, "no answer to the refund call"));
  }

  /** A refund query the provider did not answer counts as still pending: it is asked again on the backoff. */
  private RefundResult queryRefund(RefundCommand command) {
    return answerOr(() -> local.queryRefund(command),
        e -> new RefundResult(ProviderOutcome.UNKNOWN, null, "the provider did not answer the refund query"));
  }

  private boolean refundInFlight() {
    return !refundQueue.isEmpty() || status == PaymentStatus.REFUNDING;
  }

  private void setStatus(PaymentStatus newStatus) {
    if (status != newStatus) {
      status = newStatus;
      Workflow.upsertTypedSearchAttributes(PAYMENT_STATUS.valueSet(newStatus.name()));
      // The workflow's metrics scope stays silent on replay, so each change counts once; it adds nothing to history.
      Workflow.getMetricsScope().tagged(Map.of("channel", request.route().channel(), "status", newStatus.name()))
          .counter(STATUS_CHANGES).inc(1);
    }
  }

  private OrderRef orderRef() {
    return new OrderRef(request.orderId(), request.route().channel());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
