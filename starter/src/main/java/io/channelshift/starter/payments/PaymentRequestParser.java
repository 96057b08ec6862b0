package io.channelshift.starter.payments;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelshift.config.PaymentProperties;
import io.channelshift.net.IpLiteral;
import io.channelshift.payment.Money;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.starter.web.ApiProblem.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * Reads and checks the JSON bodies of the payment API, naming every field that is wrong, so that a
 * bad request is refused whole before anything is started or written.
 */
final class PaymentRequestParser {

  private static final Pattern ID = Pattern.compile("^[A-Za-z0-9_.:-]{1,64}$");
  private static final int MAX_TEXT = 128;

  private final PaymentProperties rules;

  public PaymentRequestParser(PaymentProperties rules) {
    this.rules = rules;
  }

  /** A checked payment request, before routing: its amount is money, in an accepted currency. */
  public record NewPayment(
      String orderId,
      String userId,
      Money amount,
      String productType,
      String subject,
      String clientIp) {}

  /** A checked refund request. */
  public record NewRefund(String refundId, long amountMinor, String reason) {}

  public NewPayment payment(JsonNode body) {
    List<FieldProblem> problems = new ArrayList<>();
    JsonNode b = requireObject(body);
    String orderId = id(b, "orderId", problems);
    String userId = id(b, "userId", problems);
    long amount = amount(b, "amountMinor", rules.maxAmountMinor(), problems);
    String currency = oneOf(b, "currency", rules.currencies(), problems);
    String productType = oneOf(b, "productType", rules.productTypes(), problems);
    String subject = text(b, "subject", false, problems);
    String clientIp = clientIp(b, problems);
    refuseIfAny(problems);
    return new NewPayment(
        orderId, userId, new Money(amount, currency), productType, subject, clientIp);
  }

  public NewRefund refund(JsonNode body) {
    List<FieldProblem> problems = new ArrayList<>();
    JsonNode b = requireObject(body);
    String refundId = id(b, "refundId", problems);
    long amount = amount(b, "amountMinor", rules.maxAmountMinor(), problems);
    String reason = text(b, "reason", false, problems);
    refuseIfAny(problems);
    return new NewRefund(refundId, amount, reason);
  }

  /** A close's body: an optional {@code reason}. An empty body is no reason. */
  public String closeReason(JsonNode body) {
    if (body == null || body.isMissingNode() || body.isNull()) {
      return null;
    }
    List<FieldProblem> problems = new ArrayList<>();
    String reason = text(requireObject(body), "reason", false, problems);
    refuseIfAny(problems);
    return reason;
  }

  /** Path ids go through the same rule as body ids, so that nothing odd reaches a workflow id. */
  public static String pathId(String name, String value) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "Invalid request",
          name + " is malformed",
          List.of(new FieldProblem(name, "1 to 64 of A-Z a-z 0-9 _ . : -")));
    }
    return value;
  }

  private static JsonNode requireObject(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST, "Invalid request", "the body must be a JSON object");
    }
    return body;
  }

  private static void refuseIfAny(List<FieldProblem> problems) {
    if (!problems.isEmpty()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "Invalid request",
          problems.size()
              + " field(s) are invalid: "
              + problems.stream().map(FieldProblem::field).toList(),
          problems);
    }
  }

  private static String id(JsonNode b, String field, List<FieldProblem> problems) {
    String value = text(b, field, true, problems);
    if (value != null && !ID.matcher(value).matches()) {
      problems.add(new FieldProblem(field, "must be 1 to 64 of A-Z a-z 0-9 _ . : -"));
      return null;
    }
    if (value != null && isDotSegment(value)) {
      problems.add(
          new FieldProblem(
              field, "must not be . or .. (it could never be read back as a path segment)"));
      return null;
    }
    return value;
  }

  /**
   * {@code .} and {@code ..} are path segments that URLs resolve away: an id read back by its URL
   * cannot be one.
   */
  private static boolean isDotSegment(String id) {
    return id.equals(".") || id.equals("..");
  }

  private static String text(
      JsonNode b, String field, boolean required, List<FieldProblem> problems) {
    JsonNode node = b.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        problems.add(new FieldProblem(field, "is required"));
      }
      return null;
    }
    if (!node.isTextual()) {
      problems.add(new FieldProblem(field, "must be a string"));
      return null;
    }
    String value = node.asText();
    if (required && value.isBlank()) {
      problems.add(new FieldProblem(field, "must not be blank"));
      return null;
    }
    if (value.length() > MAX_TEXT) {
      problems.add(new FieldProblem(field, "must be at most " + MAX_TEXT + " characters"));
      return null;
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      problems.add(new FieldProblem(field, "must not contain control characters"));
      return null;
    }
    return value;
  }

  private static long amount(JsonNode b, String field, long max, List<FieldProblem> problems) {
    JsonNode node = b.get(field);
    if (node == null || node.isNull()) {
      problems.add(new FieldProblem(field, "is required"));
      return 0;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      problems.add(new FieldProblem(field, "must be an integer number of minor units"));
      return 0;
    }
    long value = node.asLong();
    if (value <= 0) {
      problems.add(new FieldProblem(field, "must be positive"));
    } else if (value > max) {
      problems.add(new FieldProblem(field, "must be at most " + max));
    }
    return value;
  }

  private static String oneOf(
      JsonNode b, String field, List<String> allowed, List<FieldProblem> problems) {
    String value = text(b, field, true, problems);
    if (value != null && !allowed.contains(value)) {
      problems.add(new FieldProblem(field, "must be one of " + allowed));
      return null;
    }
    return value;
  }

  private static String clientIp(JsonNode b, List<FieldProblem> problems) {
    String value = text(b, "clientIp", false, problems);
    if (value == null) {
      return null;
    }
    // The canonical form goes on, so that the IP blocklist meets one spelling of each address.
    Optional<String> canonical = IpLiteral.canonical(value);
    if (canonical.isEmpty()) {
      problems.add(
          new FieldProblem(
              "clientIp",
              "must be an IPv4 address (192.0.2.1) or an IPv6 address (2001:db8::1), "
                  + "without port, brackets or zone"));
    }
    return canonical.orElse(null);
  }
}
