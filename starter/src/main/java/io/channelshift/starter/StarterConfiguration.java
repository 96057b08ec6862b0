package io.channelshift.starter;

import io.channelshift.config.ChannelShiftConfiguration;
import io.channelshift.config.ChannelsProperties;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.routing.RoutingTable;
import io.channelshift.store.RoutingCache;
import io.channelshift.store.RoutingStore;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@Configuration(proxyBeanMethods = false)
@Import(ChannelShiftConfiguration.class)
class StarterConfiguration {

  /** The tables in force, in memory, reloaded when PostgreSQL announces a new version. */
  @Bean(destroyMethod = "close")
  RoutingCache routingCache(
      DataSource dataSource,
      RoutingStore store,
      ChannelsProperties channels,
      ProviderRegistry providers) {
    if (providers.find(channels.defaultChannel()).isEmpty()
        || store.disabledByConfiguration().contains(channels.defaultChannel())) {
      throw new IllegalStateException(
          "channelshift.default-channel "
              + channels.defaultChannel()
              + " is not a configured, enabled channel (configured: "
              + providers.channels()
              + ")");
    }
    // The first start writes the initial table: everything to the default channel.
    store.ensureInitial(RoutingTable.ALL, channels.defaultChannel(), "bootstrap");
    return new RoutingCache(dataSource, store).start();
  }
}
