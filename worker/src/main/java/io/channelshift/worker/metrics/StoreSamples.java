package io.channelshift.worker.metrics;

import io.channelshift.store.OpsReadings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What the store holds as series: open payments, webhooks, discrepancies, rollbacks. */
public final class StoreSamples {

  public static final String PAYMENTS_OPEN = "channelshift_payments_open";
  public static final String PAYMENTS_OLDEST = "channelshift_payments_open_oldest_seconds";
  public static final String PAYMENTS_PAST_EXPIRY = "channelshift_payments_past_expiry";
  public static final String WEBHOOKS_PENDING = "channelshift_webhooks_pending";
  public static final String WEBHOOKS_GIVEN_UP = "channelshift_webhooks_given_up";
  public static final String DISCREPANCIES_OPEN = "channelshift_reconciliation_discrepancies_open";
  public static final String REPAIRS_PENDING = "channelshift_reconciliation_repairs_pending";
  public static final String MIGRATIONS_RUNNING = "channelshift_migrations_running";
  public static final String ROLLBACKS = "channelshift_migration_rollbacks_total";

  private StoreSamples() {}

  /**
   * @param channels the channels configured: each has its discrepancy series, zero included, so an
   *     alert on them has a series to read before the first discrepancy
   */
  public static List<Sample> of(OpsReadings.Snapshot s, Set<String> channels) {
    List<Sample> out = new ArrayList<>();
    s.openPayments()
        .forEach(
            (status, open) -> {
              out.add(Sample.gauge(PAYMENTS_OPEN, Map.of("status", status), open.count()));
              out.add(
                  Sample.gauge(PAYMENTS_OLDEST, Map.of("status", status), open.oldestAgeSeconds()));
            });
    out.add(Sample.gauge(PAYMENTS_PAST_EXPIRY, Map.of(), s.pastExpiry()));
    out.add(Sample.gauge(WEBHOOKS_PENDING, Map.of(), s.webhooksPending()));
    out.add(Sample.gauge(WEBHOOKS_GIVEN_UP, Map.of(), s.webhooksGivenUp()));
    Set<String> all = new TreeSet<>(channels);
    all.addAll(s.discrepanciesOpen().keySet());
    for (String channel : all) {
      out.add(
          Sample.gauge(
              DISCREPANCIES_OPEN,
              Map.of("channel", channel),
              s.discrepanciesOpen().getOrDefault(channel, 0L)));
      out.add(
          Sample.gauge(
              REPAIRS_PENDING,
              Map.of("channel", channel),
              s.repairsPending().getOrDefault(channel, 0L)));
    }
    out.add(Sample.gauge(MIGRATIONS_RUNNING, Map.of(), s.running().size()));
    s.rollbacksByScope()
        .forEach((scope, n) -> out.add(Sample.counter(ROLLBACKS, Map.of("scope", scope), n)));
    return out;
  }
}
