package io.channelshift.risk;

import io.channelshift.payment.RiskCheck;
import io.channelshift.payment.RiskDecision;
import java.util.Map;

/** The limits of every product type (falling back, limit by limit, to the defaults) and the store that applies them. */
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
    return store.assess(check, limitsFor(check.productType()));
  }
}
