package io.channelshift.config;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Risk rules, judged before any provider call ({@code channelshift.risk.*}); a payment that breaks
 * one ends {@code REJECTED} and no provider is asked. The worker checks them at start-up: a zone it
 * does not know, or a limit that is not a number, stops it.
 *
 * @param zone whose calendar day the daily maximum counts; default {@code Asia/Shanghai}.
 * @param defaults the limits for every product type; default no limit at all.
 * @param productTypes limits by product type ({@code channelshift.risk.product-types.<type>.*}),
 *     each replacing the default one by one (a limit it leaves unset stays the default's); default
 *     none.
 */
@ConfigurationProperties("channelshift.risk")
public record RiskProperties(String zone, Limits defaults, Map<String, Limits> productTypes) {

  public RiskProperties {
    zone = zone == null ? "Asia/Shanghai" : zone;
    defaults = defaults == null ? Limits.NONE : defaults;
    productTypes = Settings.orderedCopy(productTypes);
  }

  /**
   * One set of risk limits (docs/configuration.md, "Risk rules"); each unset means no limit (or,
   * for a product type, the default's).
   *
   * @param maxAmountMinor {@code MAX_AMOUNT}: the largest amount of one payment, in minor units.
   * @param dailyMaxMinor {@code DAILY_MAX}: the most one user may pay for this product type in one
   *     currency in a day of {@code zone}, in minor units, counting payments that passed and have
   *     not failed or closed unpaid.
   * @param maxPerMinute {@code VELOCITY}: the most payments of this product type one user may have
   *     pass in a minute.
   * @param blockedIps {@code BLOCKED_IP}: client addresses and CIDR blocks (IPv4 and IPv6) refused
   *     outright; default none. An entry that is neither stops the worker at start-up, named; host
   *     names are never looked up.
   */
  public record Limits(
      Long maxAmountMinor, Long dailyMaxMinor, Integer maxPerMinute, List<String> blockedIps) {

    /** No limit. */
    public static final Limits NONE = new Limits(null, null, null, null);

    public Limits {
      blockedIps = blockedIps == null ? List.of() : List.copyOf(blockedIps);
    }
  }
}
