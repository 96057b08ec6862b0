package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An operator's request to act on a payment by hand (settle it, send its fulfilment webhook again):
 * who asks and why, kept in the payment's notes. Who asks is what the starter makes of the API key
 * and the person it names; it is a record, never a permission: nothing a request says can settle a
 * payment, only the provider's answer can.
 *
 * @param requestedBy who asks, e.g. {@code alice (key ops-team)}
 * @param reason why, as the operator says it (the user's ticket, say)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ByHandRequest(String requestedBy, String reason) {

  /** Longer than any reason a person types; short enough for a note. */
  public static final int MAX_REASON = 256;

  public ByHandRequest {
    Require.text("requestedBy", requestedBy);
    Require.text("reason", reason);
    if (reason.length() > MAX_REASON || requestedBy.length() > MAX_REASON) {
      throw new IllegalArgumentException(
          "reason and requestedBy must be at most " + MAX_REASON + " characters");
    }
  }

  /** How the payment's notes name the request. */
  String asked(String what) {
    return what + " asked by " + requestedBy + ": " + reason;
  }
}
