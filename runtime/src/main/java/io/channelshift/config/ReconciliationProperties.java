package io.channelshift.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The daily reconciliation ({@code channelshift.reconciliation.*}).
 *
 * @param scheduler default {@code schedule}, which creates a Temporal Schedule (a real cluster);
 *     {@code workflow} runs a long-lived scheduler workflow with timers (the embedded test server,
 *     which has no schedules); {@code off} starts nothing (runs by hand only).
 * @param at the time of day (UTC) the previous business day is reconciled; default {@code 02:00}.
 *     Unused when the scheduler is {@code off}.
 * @param pageSize statement lines fetched and staged per page (one heartbeat per page); default
 *     {@code 5000}.
 */
@ConfigurationProperties("channelshift.reconciliation")
public record ReconciliationProperties(
    String scheduler, String at, @DefaultValue("5000") int pageSize) {

  public ReconciliationProperties {
    scheduler = scheduler == null ? "schedule" : scheduler;
    at = at == null ? "02:00" : at;
  }
}
