package io.channelshift.worker;

import io.channelshift.activities.channel.ChannelLifecycleActivitiesImpl;
import io.channelshift.activities.fulfilment.WebhookSender;
import io.channelshift.activities.fulfilment.WebhookSettings;
import io.channelshift.activities.health.ChannelHealthActivitiesImpl;
import io.channelshift.activities.migration.MigrationActivitiesImpl;
import io.channelshift.activities.payment.PaymentActivitiesImpl;
import io.channelshift.activities.reconciliation.DiscrepancyMatcher;
import io.channelshift.activities.reconciliation.ReconciliationActivitiesImpl;
import io.channelshift.activities.risk.RiskLimits;
import io.channelshift.activities.risk.RiskRules;
import io.channelshift.activities.robots.RobotAlerts;
import io.channelshift.config.ChannelHealthProperties;
import io.channelshift.config.ChannelShiftConfiguration;
import io.channelshift.config.PaymentProperties;
import io.channelshift.config.ReconciliationProperties;
import io.channelshift.config.RiskProperties;
import io.channelshift.config.SearchAttributeCheck;
import io.channelshift.config.TemporalProperties;
import io.channelshift.config.TemporalReachability;
import io.channelshift.config.WebhookProperties;
import io.channelshift.fees.ChannelFees;
import io.channelshift.health.HealthSettings;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.reconciliation.ReconciliationScheduler;
import io.channelshift.store.CallbackStore;
import io.channelshift.store.ChannelLifecycleStore;
import io.channelshift.store.FailoverStore;
import io.channelshift.store.GateStore;
import io.channelshift.store.MigrationSeriesStore;
import io.channelshift.store.MigrationStore;
import io.channelshift.store.PaymentStore;
import io.channelshift.store.ReconciliationStore;
import io.channelshift.store.RiskStore;
import io.channelshift.store.RoutingStore;
import io.channelshift.store.ScopeFailoverStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@Configuration(proxyBeanMethods = false)
@Import(ChannelShiftConfiguration.class)
class WorkerConfiguration {

  /** Signed webhooks to the platform: fulfilments and migration notifications. */
  @Bean
  WebhookSender webhookSender(WebhookProperties w, MeterRegistry meters) {
    return new WebhookSender(
        new WebhookSettings(w.url(), w.secret(), w.timeout()), Clock.systemUTC(), meters);
  }

  @Bean
  PaymentActivitiesImpl paymentActivities(
      ProviderRegistry providers,
      PaymentStore store,
      RoutingStore routing,
      WebhookSender webhooks,
      DataSource dataSource,
      RiskProperties risk,
      CallbackStore inbox,
      FailoverStore failovers) {
    return new PaymentActivitiesImpl(
        providers, store, routing, webhooks, riskRules(dataSource, risk), inbox, failovers);
  }

  /** Checked at start-up: a bad zone, or a limit that is not a number, stops the worker here. */
  private static RiskRules riskRules(DataSource dataSource, RiskProperties risk) {
    Map<String, RiskLimits> byProductType = new LinkedHashMap<>();
    risk.productTypes().forEach((type, limits) -> byProductType.put(type, limits(limits)));
    return new RiskRules(
        limits(risk.defaults()), byProductType, new RiskStore(dataSource, ZoneId.of(risk.zone())));
  }

  private static RiskLimits limits(RiskProperties.Limits l) {
    return new RiskLimits(l.maxAmountMinor(), l.dailyMaxMinor(), l.maxPerMinute(), l.blockedIps());
  }

  @Bean
  MigrationActivitiesImpl migrationActivities(
      RoutingStore routing,
      DataSource dataSource,
      MigrationStore migrations,
      WebhookSender webhooks,
      RobotAlerts robots) {
    return new MigrationActivitiesImpl(
        routing,
        new GateStore(dataSource),
        migrations,
        new MigrationSeriesStore(dataSource),
        webhooks,
        robots);
  }

  /** The scope health workflows' activities; the settings are read at every evaluation. */
  @Bean
  ChannelHealthActivitiesImpl channelHealthActivities(
      RoutingStore routing,
      DataSource dataSource,
      MigrationStore migrations,
      WebhookSender webhooks,
      ChannelHealthProperties health,
      RobotAlerts robots) {
    HealthSettings settings = health.settings();
    return new ChannelHealthActivitiesImpl(
        routing,
        new GateStore(dataSource),
        migrations,
        new ScopeFailoverStore(dataSource),
        webhooks,
        () -> settings,
        robots);
  }

  @Bean
  ReconciliationActivitiesImpl reconciliationActivities(
      ProviderRegistry providers,
      DataSource dataSource,
      ReconciliationStore store,
      ChannelFees fees,
      WorkflowClient client,
      ReconciliationProperties reconciliation) {
    return new ReconciliationActivitiesImpl(
        providers,
        store,
        new DiscrepancyMatcher(dataSource),
        fees,
        client,
        reconciliation.pageSize());
  }

  @Bean
  PaymentWorkers paymentWorkers(
      WorkflowClient client,
      PaymentActivitiesImpl activities,
      MigrationActivitiesImpl migrationActivities,
      ReconciliationActivitiesImpl reconciliationActivities,
      ChannelHealthActivitiesImpl channelHealthActivities,
      TemporalProperties temporal,
      ReconciliationProperties reconciliation,
      ChannelLifecycleStore lifecycle,
      PaymentProperties payment) {
    // Checked before any worker polls: a Temporal that is not there, or a namespace without the
    // search attributes the workflows set, stops start-up here, saying what to run.
    TemporalReachability.require(temporal);
    SearchAttributeCheck.require(temporal);
    ReconciliationScheduler at = new ReconciliationScheduler(reconciliation.at());
    PaymentWorkers workers =
        new PaymentWorkers(
                client,
                activities,
                migrationActivities,
                reconciliationActivities,
                channelHealthActivities)
            .withChannelLifecycle(
                new ChannelLifecycleActivitiesImpl(lifecycle, payment.afterSalesWindow()));
    ReconciliationScheduling.ensure(reconciliation.scheduler(), at, client);
    return workers;
  }
}
