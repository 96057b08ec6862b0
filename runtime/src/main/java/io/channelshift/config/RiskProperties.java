package io.channelshift.config;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Risk rules, judged before any provider call ({@code channelshift.risk.*}). The worker checks them at start-up: a
 * zone it does not know stops it.
 *
 * @param zone whose calendar day the daily maximum counts; default {@code Asia/Shanghai}.
 * @param defaults the limits for every product type; default no limit at all.
 * @param productTypes limits by product type ({@code channelshift.risk.product-types.<type>.*}), each replacing the
 *     default one by one (a limit it leaves unset stays the default's); default none.
 */
@ConfigurationProperties("channelshift.risk")
public record RiskProperties(String zone, Limits defaults, Map<String, Limits> productTypes) {

  public RiskProperties {
    zone = zone == null ? "Asia/Shanghai" : zone;
    defaults = defaults == null ? Limits.NONE : defaults;
    productTypes = Settings.orderedCopy(productTypes);
  }

  /**
   * One set of risk limits; each unset means no limit (or, for a product type, the default's).
   *
   * @param maxAmountMinor the largest amount of one payment, in minor units.
   * @param dailyMaxMinor the most one user may pay in a day (in {@code zone}), in minor units.
   * @param maxPerMinute the most payments one user may start in a minute.
   * @param blockedIps client IPs refused outright; default none.
   */
  public record Limits(Long maxAmountMinor, Long dailyMaxMinor, Integer maxPerMinute, List<String> blockedIps) {

    /** No limit. */
    public static final Limits NONE = new Limits(null, null, null, null);

    public Limits {
      blockedIps = blockedIps == null ? List.of() : List.copyOf(blockedIps);
    }
  }
}
