package io.channelshift.starter;

import io.channelshift.config.ChannelShiftConfiguration;
import io.channelshift.config.ChannelShiftProperties;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.routing.RoutingTable;
import io.channelshift.store.RoutingStore;
import javax.sql.DataSource;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@Configuration(proxyBeanMethods = false)
@Import(ChannelShiftConfiguration.class)
class StarterConfiguration {

  /** The routing tables; the first start writes the initial one (everything to the default channel). */
  @Bean
  @DependsOnDatabaseInitialization
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
