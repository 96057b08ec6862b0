package io.channelshift.starter.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.payment.ProviderCallback;
import io.channelshift.provider.CallbackAcknowledgement;
import io.channelshift.provider.CallbackRejectedException;
import io.channelshift.provider.CallbackRejectedException.Kind;
import io.channelshift.provider.PaymentProvider;
import io.channelshift.provider.ProviderRefundNotice;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.starter.payments.PaymentGateway;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.store.CallbackStore;
import io.channelshift.store.FailoverStore;
import io.channelshift.store.PaymentStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Provider callbacks. A callback is verified by its channel's adapter and checked against the
 * ledger (our order, this channel, the order's amount) before any workflow sees it, then handed to
 * its payment as a signal (durable in the payment's history; the payment applies each notification
 * id once) and recorded in the inbox with what became of it. The provider gets its acknowledgement
 * only after all of it, so that it sends the callback again if any step failed. Refund notices come
 * to their own path beside it.
 */
@RestController
class NotifyController {

  private static final Logger log = LoggerFactory.getLogger(NotifyController.class);

  private final ProviderRegistry providers;
  private final CallbackStore inbox;
  private final PaymentGateway payments;
  private final LedgerCheck ledger;
  private final ObjectMapper json;
  private final MeterRegistry meters;

  /**
   * Refusals are logged at most once a minute per channel and kind: a flood must not flood the log.
   */
  private final QuietLog rejectionLog = new QuietLog(Duration.ofMinutes(1));

  NotifyController(
      ProviderRegistry providers,
      CallbackStore inbox,
      PaymentGateway payments,
      PaymentStore ledger,
      FailoverStore failovers,
      ObjectMapper json,
      MeterRegistry meters) {
    this.providers = providers;
    this.meters = meters;
    this.inbox = inbox;
    this.payments = payments;
    this.ledger = new LedgerCheck(ledger, failovers);
    this.json = json;
  }

  @PostMapping(path = "/notify/{channel}")
  ResponseEntity<String> notify(
      @PathVariable String channel, @RequestHeader HttpHeaders headers, HttpServletRequest request)
      throws IOException {
    String body = rawBody(request);
    PaymentProvider provider = provider(channel);
    ProviderCallback callback =
        verified(channel, () -> provider.verifyCallback(flatten(headers), text(body)));
    Optional<String> contradiction = ledger.contradiction(channel, callback);
    if (contradiction.isPresent()) {
      throw rejected(
          channel, HttpStatus.UNPROCESSABLE_ENTITY, "contradicts_ledger", contradiction.get());
    }
    // Recorded before the payment is told: the payment applies only a callback it finds here,
    // verified.
    boolean fresh =
        inbox.record(
            channel,
            callback.notifyId(),
            callback.outTradeNo(),
            json.writeValueAsString(callback),
            CallbackStore.DELIVERED,
            callback.paidAt());
    boolean delivered = payments.deliver(callback);
    if (fresh && !delivered) {
      inbox.markUnknownOrder(channel, callback.notifyId());
      log.warn(
          "callback {} on {} is for no running payment ({}); recorded for review",
          callback.notifyId(),
          channel,
          callback.outTradeNo());
    }
    count(channel, !fresh ? "duplicate" : delivered ? "delivered" : "unknown_order");
    return acknowledgement(provider);
  }

  /**
   * A provider's notice that a refund moved (sent to the URL the refund asked it to use). Verified
   * like a payment callback, then handed to the payment, which asks the provider where the refund
   * stands: the notice wakes the query, the provider's answer settles the refund, so a repeated
   * notice costs a query and changes nothing.
   */
  @PostMapping(path = "/notify/{channel}" + PaymentProvider.REFUND_NOTICES_PATH)
  ResponseEntity<String> refundNotice(
      @PathVariable String channel, @RequestHeader HttpHeaders headers, HttpServletRequest request)
      throws IOException {
    String body = rawBody(request);
    PaymentProvider provider = provider(channel);
    ProviderRefundNotice notice =
        verified(channel, () -> provider.verifyRefundNotice(flatten(headers), text(body)));
    boolean delivered = payments.deliver(notice.orderId(), notice.toSignal());
    if (!delivered) {
      log.warn(
          "refund notice {} on {} is for no running payment ({}, refund {})",
          notice.notifyId(),
          channel,
          notice.orderId(),
          notice.refundId());
    }
    count(channel, delivered ? "refund_notice" : "refund_notice_unknown_order");
    return acknowledgement(provider);
  }

  /**
   * What the channel's adapter makes of a notification it believes; one it does not is refused with
   * a 401.
   */
  private <T> T verified(String channel, Supplier<T> verification) {
    try {
      return verification.get();
    } catch (CallbackRejectedException e) {
      throw rejected(
          channel, HttpStatus.UNAUTHORIZED, e.kind(), e.getMessage(), e.signatureSha256());
    }
  }

  /**
   * The body exactly as the provider sent it. Not {@code @RequestBody}: for a form post (Alipay's)
   * Spring rebuilds the body from the request's parameters, and Tomcat parses no body into
   * parameters here (bodies are refused before they are read), so the rebuilt body would be empty.
   * The size limit has been applied before this is read.
   */
  private static String rawBody(HttpServletRequest request) throws IOException {
    Charset charset;
    try {
      charset =
          request.getCharacterEncoding() == null
              ? StandardCharsets.UTF_8
              : Charset.forName(request.getCharacterEncoding());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST, "Unknown charset", "the body's charset is not one we read");
    }
    return new String(request.getInputStream().readAllBytes(), charset);
  }

  private static String text(String body) {
    return body == null ? "" : body;
  }

  private PaymentProvider provider(String channel) {
    return providers
        .find(channel)
        .orElseThrow(
            () ->
                new ApiProblem(
                    HttpStatus.NOT_FOUND,
                    "Unknown channel",
                    "no channel named " + channel.replaceAll("[^A-Za-z0-9_-]", "?")));
  }

  private static ResponseEntity<String> acknowledgement(PaymentProvider provider) {
    CallbackAcknowledgement ack = provider.callbackAcknowledgement();
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(ack.contentType()))
        .body(ack.body());
  }

  /**
   * A signed, fresh callback the ledger contradicts: evidence against the channel like any signed
   * refusal.
   */
  private ApiProblem rejected(String channel, HttpStatus status, String outcome, String reason) {
    return rejected(channel, status, Kind.CONTRADICTS_LEDGER, reason, null);
  }

  /**
   * Answered with an error, so nothing is acknowledged. Only a refusal that is evidence against the
   * channel (its signature verified, see {@link Kind}) is written down for the gates and for
   * review, once per signed message; anything anyone can post (unsigned, forged, unreadable, a
   * replayed copy) is counted in the metrics and writes nothing. Either way the log gets at most
   * one line a minute per channel and kind of refusal.
   */
  private ApiProblem rejected(
      String channel, HttpStatus status, Kind kind, String reason, String signatureSha256) {
    long held = rejectionLog.admit(channel + "/" + kind);
    if (held >= 0) {
      log.warn(
          "rejected a callback on {} ({}{}): {}{}",
          channel,
          kind,
          kind.evidence()
              ? ", counts against the channel"
              : ", not from the channel as far as anyone can tell",
          reason,
          held > 0 ? " (" + held + " more of this kind in the last minute, not logged)" : "");
    }
    inbox.recordRejection(channel, kind.name(), kind.evidence(), reason, signatureSha256);
    count(
        channel,
        kind == Kind.CONTRADICTS_LEDGER
            ? "contradicts_ledger"
            : kind.evidence() ? "failed_check" : "not_verified");
    return new ApiProblem(status, "Callback rejected", reason);
  }

  /**
   * {@code channelshift.callbacks}: each callback on a configured channel, by what became of it:
   * delivered to its payment, duplicate (already recorded), unknown_order, not_verified (unsigned,
   * forged, unreadable or replayed: nothing says the channel sent it), failed_check (signed by the
   * channel but stale, for another merchant or malformed), contradicts_ledger; and refund notices:
   * refund_notice (handed to its payment), refund_notice_unknown_order.
   */
  private void count(String channel, String outcome) {
    meters.counter("channelshift.callbacks", "channel", channel, "outcome", outcome).increment();
  }

  private static Map<String, String> flatten(HttpHeaders headers) {
    Map<String, String> flat = new LinkedHashMap<>();
    headers.forEach((name, values) -> flat.put(name, values.isEmpty() ? "" : values.get(0)));
    return flat;
  }
}
