package io.channelshift.config;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.channelshift.codec.PayloadEncryption;
import io.channelshift.fees.ChannelCosts;
import io.channelshift.fees.ChannelFees;
import io.channelshift.fees.FeeSchedule;
import io.channelshift.fees.RefundFeePolicy;
import io.channelshift.fees.SettlementCycle;
import io.channelshift.fees.WorkingDays;
import io.channelshift.provider.MeasuredProvider;
import io.channelshift.provider.PaymentProvider;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.store.CallbackStore;
import io.channelshift.store.ChannelLifecycleStore;
import io.channelshift.store.FailoverStore;
import io.channelshift.store.ManualRequests;
import io.channelshift.store.MigrationSeriesStore;
import io.channelshift.store.MigrationStore;
import io.channelshift.store.PaymentStore;
import io.channelshift.store.ReconciliationReports;
import io.channelshift.store.ReconciliationStore;
import io.channelshift.store.RoutingStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the worker and the starter both need: {@code channelshift.*} settings, one record a feature,
 * the Temporal client, the stores and the configured channels. Each app imports it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
  TemporalProperties.class,
  ChannelsProperties.class,
  SettlementCalendarProperties.class,
  PaymentProperties.class,
  SecurityProperties.class,
  CodecProperties.class,
  RiskProperties.class,
  ReconciliationProperties.class,
  ChannelHealthProperties.class,
  WebhookProperties.class,
  MetricsProperties.class,
  RoutingProperties.class
})
public class ChannelShiftConfiguration {

  /**
   * The Temporal SDK's own metrics (requests, task latencies and failures, poller and slot use;
   * workflow metrics are not emitted on replay) into this process's Micrometer registry, reported
   * every 10 s.
   */
  @Bean(destroyMethod = "close")
  Scope temporalMetrics(MeterRegistry meters) {
    return new RootScopeBuilder()
        .reporter(new MicrometerClientStatsReporter(meters))
        .reportEvery(com.uber.m3.util.Duration.ofSeconds(10));
  }

  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(TemporalProperties temporal, Scope temporalMetrics) {
    WorkflowServiceStubsOptions.Builder options =
        TemporalConnection.configure(WorkflowServiceStubsOptions.newBuilder(), temporal)
            .setMetricsScope(temporalMetrics)
            .setGrpcCompression(temporal.grpcCompression());
    if (!temporal.stickyExecution()) {
      options.setGrpcClientInterceptors(List.of(new NoStickyExecution()));
    }
    return WorkflowServiceStubs.newServiceStubs(options.build());
  }

  /**
   * Payloads are encrypted unless {@code channelshift.codec.enabled=false}. The worker's workers
   * inherit this client's data converter, so both sides encrypt and decrypt alike.
   */
  @Bean
  WorkflowClient workflowClient(
      WorkflowServiceStubs stubs, TemporalProperties temporal, CodecProperties codec) {
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(temporal.namespace())
            .setDataConverter(PayloadEncryption.dataConverter(PayloadEncryption.keys(codec)))
            .build());
  }

  // The stores wait for Flyway: a process that starts on a fresh database must not touch it before
  // the schema.
  @Bean
  @DependsOnDatabaseInitialization
  CallbackStore callbackStore(DataSource dataSource) {
    return new CallbackStore(dataSource);
  }

  /** The moves of payments to a backup channel at create, and the channels each left. */
  @Bean
  @DependsOnDatabaseInitialization
  FailoverStore failoverStore(DataSource dataSource) {
    return new FailoverStore(dataSource);
  }

  @Bean
  @DependsOnDatabaseInitialization
  PaymentStore paymentStore(DataSource dataSource, ChannelFees fees) {
    return new PaymentStore(dataSource, fees);
  }

  @Bean
  @DependsOnDatabaseInitialization
  ManualRequests manualRequests(DataSource dataSource) {
    return new ManualRequests(dataSource);
  }

  @Bean
  @DependsOnDatabaseInitialization
  ChannelCosts channelCosts(DataSource dataSource, ChannelFees fees) {
    return new ChannelCosts(dataSource, fees, Clock.systemUTC());
  }

  @Bean
  @DependsOnDatabaseInitialization
  ReconciliationStore reconciliationStore(DataSource dataSource, ChannelFees fees) {
    return new ReconciliationStore(dataSource, fees);
  }

  @Bean
  @DependsOnDatabaseInitialization
  ReconciliationReports reconciliationReports(DataSource dataSource) {
    return new ReconciliationReports(dataSource);
  }

  /**
   * The configured fee schedules, checked at start-up: a bad rate or cycle stops the process naming
   * the channel.
   */
  @Bean
  ChannelFees channelFees(
      ChannelsProperties channels,
      SettlementCalendarProperties calendar,
      ProviderRegistry providers) {
    Map<String, FeeSchedule> schedules = new LinkedHashMap<>();
    Map<String, ZoneId> zones = new LinkedHashMap<>();
    channels
        .channels()
        .forEach(
            (name, channel) -> {
              if (channel.fees() != null) {
                schedules.put(name, feeSchedule(name, channel.fees()));
              }
            });
    providers.channels().forEach(name -> zones.put(name, providers.get(name).statementZone()));
    return new ChannelFees(schedules, zones, settlementCalendar(calendar));
  }

  private static WorkingDays settlementCalendar(SettlementCalendarProperties calendar) {
    try {
      return WorkingDays.parse(calendar.holidays(), calendar.workingWeekendDays());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("channelshift.settlement-calendar: " + e.getMessage(), e);
    }
  }

  private static FeeSchedule feeSchedule(String channel, ChannelProperties.Fees fees) {
    try {
      return new FeeSchedule(
          fees.rateBps(),
          fees.fixedMinor(),
          RefundFeePolicy.valueOf(fees.refundFee().trim().toUpperCase(Locale.ROOT)),
          SettlementCycle.parse(fees.settlement()));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "channelshift.channels."
              + channel
              + ".fees: "
              + e.getMessage()
              + " (refund-fee is PROPORTIONAL or NOT_RETURNED)",
          e);
    }
  }

  @Bean
  @DependsOnDatabaseInitialization
  RoutingStore routingStore(DataSource dataSource, ChannelsProperties channels) {
    return new RoutingStore(dataSource, disabledChannels(channels));
  }

  /** The channels configured with {@code enabled=false}. */
  private static Set<String> disabledChannels(ChannelsProperties channels) {
    Set<String> disabled = new TreeSet<>();
    channels
        .channels()
        .forEach(
            (name, channel) -> {
              if (!channel.enabled()) {
                disabled.add(name);
              }
            });
    return disabled;
  }

  /** Each channel's lifecycle state (ACTIVE, DRAINING, RETIRED) and its changes. */
  @Bean
  @DependsOnDatabaseInitialization
  ChannelLifecycleStore channelLifecycleStore(DataSource dataSource, RoutingStore routing) {
    return new ChannelLifecycleStore(dataSource, routing);
  }

  @Bean
  @DependsOnDatabaseInitialization
  MigrationStore migrationStore(DataSource dataSource) {
    return new MigrationStore(dataSource);
  }

  /** A migration's gates and weight over time (the console's charts). */
  @Bean
  @DependsOnDatabaseInitialization
  MigrationSeriesStore migrationSeriesStore(DataSource dataSource) {
    return new MigrationSeriesStore(dataSource);
  }

  /**
   * Every configured channel, disabled ones included: a channel's adapter stays loaded while any of
   * its payments may need it (callbacks, queries, closes, refunds, reconciliation). A disabled
   * channel takes no new payments ({@link #routingStore}).
   */
  @Bean
  ProviderRegistry providerRegistry(
      ChannelsProperties channels, CallbackStore nonces, MeterRegistry meters) {
    ProviderFactory factory =
        new ProviderFactory(channels.notifyBaseUrl(), nonces::firstSeen, Clock.systemUTC());
    List<PaymentProvider> providers = new ArrayList<>();
    channels
        .channels()
        .forEach(
            (name, channel) ->
                providers.add(new MeasuredProvider(factory.create(name, channel), meters)));
    return new ProviderRegistry(providers, disabledChannels(channels));
  }
}
