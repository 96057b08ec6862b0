package io.channelshift.client;

import java.util.List;

/**
 * A call ChannelShift refused or did not answer. For a refusal, {@link #status()} is the HTTP
 * status and the rest is the answer's problem+json ({@code title}, {@code detail}, the bad fields);
 * for no answer at all (after the client's retries), the status is 0 and the cause is the
 * transport's error.
 *
 * <p>What the platform does about it, by status: 400/422 the request is wrong (see {@link
 * #fieldErrors()}); 401/403 the API key; 404 no such payment or refund; 409 the order id is used
 * up, or the payment's state does not allow the call; 502 the provider refused the order; 0, 503,
 * 504 and 429 nothing is known to have happened, and the same request may be sent again as it is
 * (ids make it idempotent).
 */
public class ChannelShiftException extends RuntimeException {

  /** One refused field: its name in the request and what is wrong with it. */
  public record FieldError(String field, String problem) {}

  private final int status;
  private final String title;
  private final String detail;
  private final List<FieldError> fieldErrors;

  ChannelShiftException(int status, String title, String detail, List<FieldError> fieldErrors) {
    super(message(status, title, detail, fieldErrors));
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.fieldErrors = fieldErrors == null ? List.of() : List.copyOf(fieldErrors);
  }

  ChannelShiftException(String detail, Throwable cause) {
    super(detail, cause);
    this.status = 0;
    this.title = "No answer";
    this.detail = detail;
    this.fieldErrors = List.of();
  }

  /** The HTTP status of the refusal; 0 when ChannelShift did not answer. */
  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return detail;
  }

  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }

  /**
   * Whether sending the same request again may succeed: nothing is known to have happened, it was
   * not ready, or a gateway in front asked to slow down (the same answers the client itself
   * retries).
   */
  public boolean retryable() {
    return status == 0 || notReady(status);
  }

  /**
   * ChannelShift's 503 (not ready), or a gateway's 504 or 429: the answers the client sends again.
   */
  static boolean notReady(int status) {
    return status == 503 || status == 504 || status == 429;
  }

  private static String message(int status, String title, String detail, List<FieldError> errors) {
    StringBuilder m = new StringBuilder("HTTP ").append(status).append(' ').append(title);
    if (detail != null && !detail.isBlank()) {
      m.append(": ").append(detail);
    }
    if (errors != null) {
      errors.forEach(
          e -> m.append(" [").append(e.field()).append(": ").append(e.problem()).append(']'));
    }
    return m.toString();
  }
}
