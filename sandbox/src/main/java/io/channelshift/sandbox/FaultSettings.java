package io.channelshift.sandbox;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Faults the sandbox injects. Immutable; the server swaps the whole value when an admin changes it.
 *
 * @param createLatencyMs extra latency added to every create-order call
 * @param create5xxRate share (0..1) of create-order calls answered with a 503
 * @param paymentSuccessRate share (0..1) of cashier payments that succeed; the rest fail at the
 *     provider
 * @param callbackDelayMinMs lower bound of the delay before the first callback attempt
 * @param callbackDelayMaxMs upper bound of that delay (uniformly distributed)
 * @param callbackDropRate share (0..1) of payments whose callback is never sent
 * @param callbackDuplicateRate share (0..1) of callbacks sent twice (same notifyId)
 * @param outOfOrder when true, callbacks are held and released in reverse order of payment
 * @param outage when true, every API call is answered with a 503 and no callback goes out
 * @param refund5xxRate share (0..1) of refund calls answered with a 503 before anything is refunded
 *     (a merchant that then asks about the refund finds none)
 * @param merchantRestricted when true, every create-order call is refused with a 403 {@code
 *     MERCHANT_RESTRICTED} (the merchant account frozen by the provider's risk control): nothing is
 *     created; queries, closes, refunds and callbacks go on
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FaultSettings(
    long createLatencyMs,
    double create5xxRate,
    double paymentSuccessRate,
    long callbackDelayMinMs,
    long callbackDelayMaxMs,
    double callbackDropRate,
    double callbackDuplicateRate,
    boolean outOfOrder,
    boolean outage,
    double refund5xxRate,
    boolean merchantRestricted) {

  public static final FaultSettings NONE =
      new FaultSettings(0, 0, 1, 0, 0, 0, 0, false, false, 0, false);

  @JsonCreator
  public FaultSettings {
    requireRate("create5xxRate", create5xxRate);
    requireRate("refund5xxRate", refund5xxRate);
    requireRate("paymentSuccessRate", paymentSuccessRate);
    requireRate("callbackDropRate", callbackDropRate);
    requireRate("callbackDuplicateRate", callbackDuplicateRate);
    if (createLatencyMs < 0 || callbackDelayMinMs < 0 || callbackDelayMaxMs < callbackDelayMinMs) {
      throw new IllegalArgumentException(
          "latencies must be >= 0 and callbackDelayMaxMs >= callbackDelayMinMs");
    }
  }

  /** The faults without a restricted merchant (as before {@code merchantRestricted} existed). */
  public FaultSettings(
      long createLatencyMs,
      double create5xxRate,
      double paymentSuccessRate,
      long callbackDelayMinMs,
      long callbackDelayMaxMs,
      double callbackDropRate,
      double callbackDuplicateRate,
      boolean outOfOrder,
      boolean outage,
      double refund5xxRate) {
    this(
        createLatencyMs,
        create5xxRate,
        paymentSuccessRate,
        callbackDelayMinMs,
        callbackDelayMaxMs,
        callbackDropRate,
        callbackDuplicateRate,
        outOfOrder,
        outage,
        refund5xxRate,
        false);
  }

  /** The faults without refund failures (as before {@code refund5xxRate} existed). */
  public FaultSettings(
      long createLatencyMs,
      double create5xxRate,
      double paymentSuccessRate,
      long callbackDelayMinMs,
      long callbackDelayMaxMs,
      double callbackDropRate,
      double callbackDuplicateRate,
      boolean outOfOrder,
      boolean outage) {
    this(
        createLatencyMs,
        create5xxRate,
        paymentSuccessRate,
        callbackDelayMinMs,
        callbackDelayMaxMs,
        callbackDropRate,
        callbackDuplicateRate,
        outOfOrder,
        outage,
        0);
  }

  /**
   * These settings with the fields a JSON object names changed, e.g. {@code
   * {"callbackDropRate":0.2}}.
   *
   * @throws IllegalArgumentException when the JSON is not an object or a value is out of range
   */
  public FaultSettings with(String changesJson) {
    ObjectMapper json = new ObjectMapper();
    try {
      JsonNode changes =
          json.readTree(changesJson == null || changesJson.isBlank() ? "{}" : changesJson);
      if (!(changes instanceof ObjectNode changedFields)) {
        throw new IllegalArgumentException("fault settings must be a JSON object");
      }
      ObjectNode merged = json.valueToTree(this);
      merged.setAll(changedFields);
      return json.treeToValue(merged, FaultSettings.class);
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      throw new IllegalArgumentException(
          cause == e ? e.getOriginalMessage() : cause.getMessage(), e);
    }
  }

  private static void requireRate(String name, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, was " + rate);
    }
  }
}
