package io.channelshift.config;

import io.channelshift.provider.PaymentProvider;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.provider.sandbox.SandboxChannelSettings;
import io.channelshift.provider.sandbox.SandboxProvider;
import io.channelshift.store.CallbackStore;
import io.channelshift.store.MigrationStore;
import io.channelshift.store.PaymentStore;
import io.channelshift.store.RoutingStore;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the worker and the starter both need: {@code channelshift.*} settings, the Temporal client, the stores and
 * the configured channels. Each app imports it.
 */
@Configuration(proxyBeanMethods = false)
public class ChannelShiftConfiguration {

  @Bean
  @ConfigurationProperties("channelshift")
  ChannelShiftProperties channelShiftProperties() {
    return new ChannelShiftProperties();
  }

  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(ChannelShiftProperties props) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(props.getTemporal().getTarget()).build());
  }

  @Bean
  WorkflowClient workflowClient(WorkflowServiceStubs stubs, ChannelShiftProperties props) {
    return WorkflowClient.newInstance(stubs,
        WorkflowClientOptions.newBuilder().setNamespace(props.getTemporal().getNamespace()).build());
  }

  // The stores wait for Flyway: a process that starts on a fresh database must not touch it before the schema.
  @Bean
  @DependsOnDatabaseInitialization
  CallbackStore callbackStore(DataSource dataSource) {
    return new CallbackStore(dataSource);
  }

  @Bean
  @DependsOnDatabaseInitialization
  PaymentStore paymentStore(DataSource dataSource) {
    return new PaymentStore(dataSource);
  }

  @Bean
  @DependsOnDatabaseInitialization
  RoutingStore routingStore(DataSource dataSource) {
    return new RoutingStore(dataSource);
  }

  @Bean
  @DependsOnDatabaseInitialization
  MigrationStore migrationStore(DataSource dataSource) {
    return new MigrationStore(dataSource);
  }

  /** The enabled channels. A disabled channel is left out, so it can never be chosen. */
  @Bean
  ProviderRegistry providerRegistry(ChannelShiftProperties props, CallbackStore nonces) {
    List<PaymentProvider> providers = new ArrayList<>();
    for (Map.Entry<String, ChannelShiftProperties.Channel> e : props.getChannels().entrySet()) {
      ChannelShiftProperties.Channel c = e.getValue();
      if (!c.isEnabled()) {
        continue;
      }
      if (!"sandbox".equals(c.getType())) {
        throw new IllegalArgumentException("channel " + e.getKey() + " has unknown type " + c.getType());
      }
      requireSet(e.getKey(), "base-url", c.getBaseUrl());
      requireSet(e.getKey(), "merchant-id", c.getMerchantId());
      requireSet(e.getKey(), "merchant-secret", c.getMerchantSecret());
      String notifyUrl = props.getNotifyBaseUrl() + "/notify/" + e.getKey();
      providers.add(new SandboxProvider(new SandboxChannelSettings(e.getKey(), c.getBaseUrl(), c.getMerchantId(),
          c.getMerchantSecret(), notifyUrl, c.getConnectTimeout(), c.getRequestTimeout()), nonces, Clock.systemUTC()));
    }
    return new ProviderRegistry(providers);
  }

  private static void requireSet(String channel, String key, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("channelshift.channels." + channel + "." + key + " is not set");
    }
  }
}
