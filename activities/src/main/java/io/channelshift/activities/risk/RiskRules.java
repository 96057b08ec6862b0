package io.channelshift.activities.risk;

import io.channelshift.payment.Money;
import io.channelshift.payment.RiskCheck;
import io.channelshift.payment.RiskDecision;
import io.channelshift.store.RiskStore;
import java.util.Map;
import java.util.Optional;

/**
 * The limits of every product type (falling back, limit by limit, to the defaults), applied: what
 * needs no store (a blocked address, the maximum amount) is judged here, the counts and the record
 * of every verdict by the store.
 */
public final class RiskRules {

  private final RiskLimits defaults;
  private final Map<String, RiskLimits> byProductType;
  private final RiskStore store;

  public RiskRules(RiskLimits defaults, Map<String, RiskLimits> byProductType, RiskStore store) {
    this.defaults = defaults;
    this.byProductType = Map.copyOf(byProductType);
    this.store = store;
  }

  public RiskLimits limitsFor(String productType) {
    return byProductType.getOrDefault(productType, RiskLimits.NONE).orElse(defaults);
  }

  public RiskDecision assess(RiskCheck check) {
    RiskLimits limits = limitsFor(check.productType());
    return store.assess(
        check, rejectedWithoutCounts(check, limits), limits.maxPerMinute(), limits.dailyMaxMinor());
  }

  /** A rejection by the rules that need no counts, or empty when those pass. */
  private static Optional<RiskDecision> rejectedWithoutCounts(RiskCheck c, RiskLimits limits) {
    String blockedBy = IpBlocklist.blockedBy(c.clientIp(), limits.blockedIps());
    if (blockedBy != null) {
      return Optional.of(
          RiskDecision.reject(
              "BLOCKED_IP", "client IP " + c.clientIp() + " is blocked (" + blockedBy + ")"));
    }
    if (limits.maxAmountMinor() == null) {
      return Optional.empty();
    }
    // The configured maximum names no currency: it holds for the product type's payments in
    // whatever currency they are, so it is read in the payment's own.
    Money amount = c.amount();
    Money maximum = amount.withMinor(limits.maxAmountMinor());
    if (!maximum.atLeast(amount)) {
      return Optional.of(
          RiskDecision.reject(
              "MAX_AMOUNT",
              amount + " is above the maximum of " + maximum.minor() + " for " + c.productType()));
    }
    return Optional.empty();
  }
}
