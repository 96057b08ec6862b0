package io.channelshift.config;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Routing settings ({@code channelshift.routing.*}).
 *
 * @param backups the initial backup channels per scope, in the order a payment tries them when its
 *     channel cannot take it, e.g. {@code channelshift.routing.backups.all=nova,alipay}; default
 *     none. Written with the scope's first routing table only (on a fresh database, when the
 *     starter writes the first table of {@code all}); afterwards the table in force is what counts,
 *     changed by {@code PUT /api/routes/{scope}/backups}, and the starter warns at start-up when
 *     the two differ. Only {@code all} is accepted (a product type has no table until a migration
 *     writes one); every channel must be configured and enabled and named once, or start-up stops
 *     naming the problem.
 */
@ConfigurationProperties("channelshift.routing")
public record RoutingProperties(Map<String, List<String>> backups) {

  public RoutingProperties {
    backups = Settings.orderedCopy(backups);
  }

  /** The configured backups of a scope, none when it names none. */
  public List<String> backupsOf(String scope) {
    List<String> channels = backups.get(scope);
    return channels == null ? List.of() : List.copyOf(channels);
  }
}
