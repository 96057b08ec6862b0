package io.channelshift.starter.payments;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelshift.payment.ByHandRequest;
import io.channelshift.payment.RefundIds;
import io.channelshift.payment.ResendResult;
import io.channelshift.payment.SettleResult;
import io.channelshift.privacy.Masking;
import io.channelshift.starter.security.Requester;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.starter.web.ApiProblem.FieldProblem;
import io.channelshift.starter.web.EngineerText;
import io.channelshift.store.ManualRequests;
import java.security.Principal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * By hand, in an emergency (ops only): settle a payment whose user says they paid, on its
 * provider's answer, never on the operator's word; send a given-up fulfilment or refund webhook
 * again; list what was asked. Who asks is the API key's name with the person the client names
 * ({@code X-ChannelShift-User}, or {@code by} in the body); the reason is required. Both are
 * recorded in the payment's notes and in {@code manual_requests}.
 */
@RestController
class ByHandController {

  /** Longer than any reason a person types; short enough for a note. */
  static final int MAX_TEXT = ByHandRequest.MAX_REASON;

  private static final Set<String> FIELDS = Set.of("reason", "by");

  private final ByHandGateway gateway;
  private final ManualRequests requests;

  ByHandController(ByHandGateway gateway, ManualRequests requests) {
    this.gateway = gateway;
    this.requests = requests;
  }

  /**
   * 200 with what the provider said (SETTLED, HELD_FOR_REVIEW, REFUNDING_PAID_AFTER_CLOSE,
   * NOT_PAID, NO_ANSWER); 409 when there is nothing to settle, 404 for no payment.
   */
  @PostMapping(
      path = "/api/payments/{orderId}/settle",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> settle(
      @PathVariable String orderId,
      @RequestBody JsonNode body,
      @RequestHeader(name = Requester.USER_HEADER, required = false) String user,
      Principal key) {
    String id = PaymentRequestParser.pathId("orderId", orderId);
    ByHandRequest request = request(body, user, key);
    SettleResult r = gateway.settle(id, request);
    Map<String, Object> answer = answer(id, request);
    answer.put("outcome", r.outcome());
    answer.put("status", r.status());
    answer.put("providerState", r.providerState());
    answer.put("detail", Masking.mask(r.detail()));
    return answer;
  }

  /** 200 with DELIVERED or NOT_ACKNOWLEDGED; 409 while still retried or once delivered. */
  @PostMapping(
      path = "/api/payments/{orderId}/fulfilment/resend",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> resendFulfilment(
      @PathVariable String orderId,
      @RequestBody JsonNode body,
      @RequestHeader(name = Requester.USER_HEADER, required = false) String user,
      Principal key) {
    String id = PaymentRequestParser.pathId("orderId", orderId);
    ByHandRequest request = request(body, user, key);
    ResendResult r = gateway.resendFulfilment(id, request);
    Map<String, Object> answer = answer(id, request);
    answer.put("outcome", r.outcome());
    answer.put("status", r.status());
    answer.put("eventId", r.eventId());
    answer.put("detail", Masking.mask(r.detail()));
    return answer;
  }

  /** A refund's webhook given up at its deadline, sent again: DELIVERED or NOT_ACKNOWLEDGED. */
  @PostMapping(
      path = "/api/payments/{orderId}/refunds/{refundId}/webhook/resend",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> resendRefundWebhook(
      @PathVariable String orderId,
      @PathVariable String refundId,
      @RequestBody JsonNode body,
      @RequestHeader(name = Requester.USER_HEADER, required = false) String user,
      Principal key) {
    String id = PaymentRequestParser.pathId("orderId", orderId);
    String refund =
        RefundIds.isAutomatic(refundId)
            ? refundId
            : PaymentRequestParser.pathId("refundId", refundId);
    ByHandRequest request = request(body, user, key);
    ResendResult r = gateway.resendRefundWebhook(id, refund, request);
    Map<String, Object> answer = answer(id, request);
    answer.put("refundId", refund);
    answer.put("outcome", r.outcome());
    answer.put("status", r.status());
    answer.put("eventId", r.eventId());
    answer.put("detail", Masking.mask(r.detail()));
    return answer;
  }

  /** The latest requests by hand, newest first; of one payment with {@code orderId}. */
  @GetMapping(path = "/api/manual-requests", produces = MediaType.APPLICATION_JSON_VALUE)
  List<ManualRequests.ManualRequest> list(
      @RequestParam(required = false) String orderId,
      @RequestParam(required = false, defaultValue = "50") int limit) {
    if (limit < 1 || limit > 500) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "Invalid request",
          "limit must be 1 to 500",
          List.of(new FieldProblem("limit", "1 to 500")));
    }
    return requests.recent(
        orderId == null ? null : PaymentRequestParser.pathId("orderId", orderId), limit);
  }

  private static Map<String, Object> answer(String orderId, ByHandRequest request) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("orderId", orderId);
    answer.put("requestedBy", request.requestedBy());
    return answer;
  }

  /**
   * The body, read strictly: an object with a {@code reason} (required) and optionally {@code by},
   * nothing else. Text is one visible line; a card or phone number in it is masked before it is
   * kept anywhere.
   */
  private static ByHandRequest request(JsonNode body, String user, Principal key) {
    if (body == null || !body.isObject()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST, "Invalid request", "the body must be a JSON object");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw invalid("body", "unknown field " + name.replaceAll("[^A-Za-z0-9_-]", "?"));
      }
    }
    JsonNode reasonNode = body.get("reason");
    if (reasonNode == null || !reasonNode.isTextual() || reasonNode.asText().isBlank()) {
      throw invalid("reason", "is required: say why (the user's ticket, say)");
    }
    String reason = checked("reason", reasonNode.asText().strip());
    JsonNode byNode = body.get("by");
    if (byNode != null && !byNode.isNull() && !byNode.isTextual()) {
      throw invalid("by", "must be a string");
    }
    String by = byNode == null || byNode.isNull() ? null : checked("by", byNode.asText());
    checked(Requester.USER_HEADER, user);
    String who = Requester.who(key, user, by);
    if (who.length() > MAX_TEXT) {
      throw invalid("by", "must be at most " + MAX_TEXT + " characters");
    }
    return new ByHandRequest(who, Masking.mask(reason));
  }

  /**
   * One visible line of at most {@link #MAX_TEXT} characters, by the rule every engineer's and
   * operator's text follows ({@link EngineerText}), refused as this controller's other input is.
   */
  private static String checked(String field, String value) {
    String problem = value == null ? null : EngineerText.problem(value);
    if (problem != null) {
      throw invalid(field, problem);
    }
    return value;
  }

  private static ApiProblem invalid(String field, String problem) {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "Invalid request",
        field + " " + problem,
        List.of(new FieldProblem(field, problem)));
  }
}
