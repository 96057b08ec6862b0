package io.channelshift.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** The sandbox's orders and refunds, in memory. Every mutation is synchronized on the book. */
final class OrderBook {

  static final String STATEMENT_HEADER =
      "type,tradeNo,outTradeNo,outRefundNo,amountMinor,currency,feeMinor,time,subject,reason";

  private final Map<String, SandboxOrder> orders = new ConcurrentHashMap<>();
  private final Map<String, SandboxRefund> refunds = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private final String tradeNoPrefix;
  private final Clock clock;
  private volatile long refundDelayMs;
  private final long feeBps;
  private final Map<LocalDate, SyntheticStatement> syntheticDays = new ConcurrentHashMap<>();

  OrderBook(String tradeNoPrefix, Clock clock, long refundDelayMs, long feeBps) {
    this.tradeNoPrefix = tradeNoPrefix;
    this.clock = clock;
    this.refundDelayMs = refundDelayMs;
    this.feeBps = feeBps;
  }

  /**
   * Idempotent on outTradeNo: the same order again returns the existing one; a different amount is
   * refused.
   */
  synchronized SandboxOrder create(
      String outTradeNo,
      long amountMinor,
      String currency,
      String subject,
      String notifyUrl,
      String cashierBaseUrl) {
    SandboxOrder existing = orders.get(outTradeNo);
    if (existing != null) {
      if (existing.amountMinor() != amountMinor || !existing.currency().equals(currency)) {
        throw new SandboxException(
            409,
            "OUT_TRADE_NO_CONFLICT",
            "outTradeNo " + outTradeNo + " already exists with another amount");
      }
      return existing;
    }
    String tradeNo = tradeNoPrefix + String.format("%012d", sequence.incrementAndGet());
    SandboxOrder order =
        new SandboxOrder(
            tradeNo,
            outTradeNo,
            amountMinor,
            currency,
            subject,
            notifyUrl,
            SandboxOrder.NOTPAY,
            0,
            0,
            now(),
            null,
            cashierBaseUrl + "/cashier/" + outTradeNo,
            0);
    orders.put(outTradeNo, order);
    return order;
  }

  SandboxOrder get(String outTradeNo) {
    SandboxOrder order = orders.get(outTradeNo);
    if (order == null) {
      throw new SandboxException(404, "ORDER_NOT_FOUND", "no order " + outTradeNo);
    }
    return order;
  }

  /**
   * Marks an order paid. {@code force} pays even a closed order: the race of a user paying as it
   * closes.
   */
  synchronized SandboxOrder pay(String outTradeNo, long paidAmount, boolean force) {
    SandboxOrder order = get(outTradeNo);
    if (SandboxOrder.SUCCESS.equals(order.status())) {
      return order;
    }
    if (!force && !SandboxOrder.NOTPAY.equals(order.status())) {
      throw new SandboxException(
          409, "ORDER_NOT_PAYABLE", "order " + outTradeNo + " is " + order.status());
    }
    SandboxOrder paid = order.paid(paidAmount, now(), Fees.fee(paidAmount, feeBps));
    orders.put(outTradeNo, paid);
    return paid;
  }

  synchronized SandboxOrder fail(String outTradeNo) {
    SandboxOrder order = get(outTradeNo);
    if (!SandboxOrder.NOTPAY.equals(order.status())) {
      throw new SandboxException(
          409, "ORDER_NOT_PAYABLE", "order " + outTradeNo + " is " + order.status());
    }
    SandboxOrder failed = order.withStatus(SandboxOrder.PAYERROR);
    orders.put(outTradeNo, failed);
    return failed;
  }

  /**
   * Closing a paid order is refused with ORDER_PAID, as real providers do; closing twice is fine.
   */
  synchronized SandboxOrder close(String outTradeNo) {
    SandboxOrder order = get(outTradeNo);
    if (SandboxOrder.SUCCESS.equals(order.status())) {
      throw new SandboxException(409, "ORDER_PAID", "order " + outTradeNo + " is already paid");
    }
    SandboxOrder closed = order.withStatus(SandboxOrder.CLOSED);
    orders.put(outTradeNo, closed);
    return closed;
  }

  /** Idempotent on outRefundNo. The cumulative refunded amount never exceeds the paid amount. */
  synchronized SandboxRefund refund(
      String outTradeNo, String outRefundNo, long amountMinor, String reason) {
    SandboxRefund existing = refunds.get(outRefundNo);
    if (existing != null) {
      if (!existing.outTradeNo().equals(outTradeNo) || existing.amountMinor() != amountMinor) {
        throw new SandboxException(
            409,
            "OUT_REFUND_NO_CONFLICT",
            "outRefundNo " + outRefundNo + " already exists for another order or amount");
      }
      return refreshed(existing);
    }
    SandboxOrder order = get(outTradeNo);
    if (!SandboxOrder.SUCCESS.equals(order.status())) {
      throw new SandboxException(
          400, "ORDER_NOT_PAID", "order " + outTradeNo + " is " + order.status());
    }
    if (amountMinor <= 0 || order.refundedAmountMinor() + amountMinor > order.paidAmountMinor()) {
      throw new SandboxException(
          400,
          "REFUND_AMOUNT_EXCEEDED",
          "refund of "
              + amountMinor
              + " exceeds the refundable "
              + (order.paidAmountMinor() - order.refundedAmountMinor()));
    }
    orders.put(outTradeNo, order.refunded(amountMinor));
    long succeedsAt = clock.millis() + refundDelayMs;
    long feeReturned =
        Fees.returned(
            order.feeMinor(), order.paidAmountMinor(), order.refundedAmountMinor(), amountMinor);
    SandboxRefund refund =
        new SandboxRefund(
            tradeNoPrefix + "R" + String.format("%012d", sequence.incrementAndGet()),
            outRefundNo,
            outTradeNo,
            amountMinor,
            order.currency(),
            reason,
            SandboxRefund.PROCESSING,
            now(),
            succeedsAt,
            feeReturned);
    refunds.put(outRefundNo, refund);
    return refreshed(refund);
  }

  /**
   * The orders whose payer is still out of pocket: paid, less what was refunded (a refund counts
   * from when it was accepted), by order number.
   */
  Map<String, Long> keptByOrder() {
    Map<String, Long> kept = new TreeMap<>();
    orders
        .values()
        .forEach(
            order -> {
              long net = order.paidAmountMinor() - order.refundedAmountMinor();
              if (net > 0) {
                kept.put(order.outTradeNo(), net);
              }
            });
    return kept;
  }

  /** How long refunds accepted from now on stay PROCESSING. */
  void refundDelayMs(long ms) {
    if (ms < 0) {
      throw new IllegalArgumentException("refundDelayMs must be >= 0");
    }
    this.refundDelayMs = ms;
  }

  long refundDelayMs() {
    return refundDelayMs;
  }

  SandboxRefund getRefund(String outRefundNo) {
    SandboxRefund refund = refunds.get(outRefundNo);
    if (refund == null) {
      throw new SandboxException(404, "REFUND_NOT_FOUND", "no refund " + outRefundNo);
    }
    return refreshed(refund);
  }

  /**
   * A page of a day's statement (UTC): the header, then at most {@code limit} lines after line
   * {@code after} (1-based, the header not counted). Payments by payment time, then refunds by
   * refund time, each ordered fully so that pages never overlap. A day given a synthetic statement
   * answers that instead.
   */
  List<String> statement(LocalDate day, long after, int limit) {
    List<String> page = new ArrayList<>();
    page.add(STATEMENT_HEADER);
    SyntheticStatement synthetic = syntheticDays.get(day);
    if (synthetic != null) {
      for (long i = after + 1; i <= Math.min(synthetic.lines(), after + limit); i++) {
        page.add(synthetic.line(i));
      }
      return page;
    }
    Stream<String> payments =
        orders.values().stream()
            .filter(o -> o.paidAt() != null && onDay(o.paidAt(), day))
            .sorted(
                Comparator.comparing(SandboxOrder::paidAt).thenComparing(SandboxOrder::outTradeNo))
            .map(
                o ->
                    CsvLine.of(
                        "PAY",
                        o.tradeNo(),
                        o.outTradeNo(),
                        "",
                        Long.toString(o.paidAmountMinor()),
                        o.currency(),
                        Long.toString(o.feeMinor()),
                        o.paidAt(),
                        o.subject(),
                        ""));
    Stream<String> refundLines =
        refunds.values().stream()
            .filter(r -> onDay(r.createdAt(), day))
            .sorted(
                Comparator.comparing(SandboxRefund::createdAt)
                    .thenComparing(SandboxRefund::outRefundNo))
            .map(
                r ->
                    CsvLine.of(
                        "REFUND",
                        r.refundNo(),
                        r.outTradeNo(),
                        r.outRefundNo(),
                        Long.toString(r.amountMinor()),
                        r.currency(),
                        Long.toString(r.feeReturnedMinor()),
                        r.createdAt(),
                        subjectOf(r.outTradeNo()),
                        r.reason()));
    Stream.concat(payments, refundLines).skip(after).limit(limit).forEach(page::add);
    return page;
  }

  private String subjectOf(String outTradeNo) {
    SandboxOrder order = orders.get(outTradeNo);
    return order == null ? "" : order.subject();
  }

  /**
   * From now on the day's statement is {@code lines} generated lines (see {@link
   * SyntheticStatement}).
   */
  void seedSyntheticDay(LocalDate day, long lines) {
    syntheticDays.put(day, new SyntheticStatement(day, lines, tradeNoPrefix, feeBps));
  }

  private SandboxRefund refreshed(SandboxRefund refund) {
    if (SandboxRefund.PROCESSING.equals(refund.status())
        && clock.millis() >= refund.succeedsAtEpochMs()) {
      SandboxRefund done = refund.withStatus(SandboxRefund.SUCCESS);
      refunds.put(refund.outRefundNo(), done);
      return done;
    }
    return refund;
  }

  private static boolean onDay(String isoInstant, LocalDate day) {
    return Instant.parse(isoInstant).atZone(ZoneOffset.UTC).toLocalDate().equals(day);
  }

  private String now() {
    return clock.instant().toString();
  }
}
