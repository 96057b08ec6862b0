package io.channelshift.activities.risk;

import java.util.List;

/**
 * The limits for one product type. A null limit is no limit.
 *
 * @param maxAmountMinor the largest single payment
 * @param dailyMaxMinor the most one user may pay for this product type in one day (payments that
 *     passed the rules and have not failed or closed unpaid), in one currency
 * @param maxPerMinute the most payments one user may start for this product type within a minute
 * @param blockedIps client addresses refused outright: exact addresses or CIDR blocks
 */
public record RiskLimits(
    Long maxAmountMinor, Long dailyMaxMinor, Integer maxPerMinute, List<String> blockedIps) {

  public static final RiskLimits NONE = new RiskLimits(null, null, null, List.of());

  public RiskLimits {
    blockedIps = blockedIps == null ? List.of() : List.copyOf(blockedIps);
    IpBlocklist.requireValid(blockedIps);
  }

  /** These limits where set, the fallback's where not. */
  public RiskLimits orElse(RiskLimits fallback) {
    return new RiskLimits(
        maxAmountMinor != null ? maxAmountMinor : fallback.maxAmountMinor,
        dailyMaxMinor != null ? dailyMaxMinor : fallback.dailyMaxMinor,
        maxPerMinute != null ? maxPerMinute : fallback.maxPerMinute,
        !blockedIps.isEmpty() ? blockedIps : fallback.blockedIps);
  }
}
