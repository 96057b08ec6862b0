package io.channelshift.starter;

import io.channelshift.config.ChannelShiftComponents;
import io.channelshift.config.ChannelShiftProperties;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.routing.RoutingTable;
import io.channelshift.store.CallbackStore;
import io.channelshift.store.PaymentStore;
import io.channelshift.store.RoutingStore;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StarterConfiguration {

  @Bean
  @ConfigurationProperties("channelshift")
  ChannelShiftProperties channelShiftProperties() {
    return new ChannelShiftProperties();
  }

  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(ChannelShiftProperties props) {
    return ChannelShiftComponents.serviceStubs(props);
  }

  @Bean
  WorkflowClient workflowClient(WorkflowServiceStubs stubs, ChannelShiftProperties props) {
    return ChannelShiftComponents.workflowClient(stubs, props);
  }

  @Bean
  CallbackStore callbackStore(DataSource dataSource) {
    return new CallbackStore(dataSource);
  }

  @Bean
  PaymentStore paymentStore(DataSource dataSource) {
    return new PaymentStore(dataSource);
  }

  @Bean
  ProviderRegistry providerRegistry(ChannelShiftProperties props, CallbackStore callbacks) {
    return ChannelShiftComponents.providers(props, callbacks, Clock.systemUTC());
  }

  @Bean
  RoutingStore routingStore(DataSource dataSource, ChannelShiftProperties props, ProviderRegistry providers) {
    if (providers.find(props.getDefaultChannel()).isEmpty()) {
      throw new IllegalStateException("channelshift.default-channel " + props.getDefaultChannel()
          + " is not a configured, enabled channel (configured: " + providers.channels() + ")");
    }
    RoutingStore store = new RoutingStore(dataSource);
    store.ensureInitial(RoutingTable.ALL, props.getDefaultChannel(), "bootstrap");
    return store;
  }
}
