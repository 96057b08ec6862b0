package io.channelshift.starter;

import io.channelshift.config.ChannelShiftConfiguration;
import io.channelshift.config.ChannelsProperties;
import io.channelshift.config.RoutingProperties;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.routing.RoutingTable;
import io.channelshift.store.RoutingCache;
import io.channelshift.store.RoutingStore;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@Configuration(proxyBeanMethods = false)
@Import(ChannelShiftConfiguration.class)
class StarterConfiguration {

  private static final Logger log = LoggerFactory.getLogger(StarterConfiguration.class);

  /** The tables in force, in memory, reloaded when PostgreSQL announces a new version. */
  @Bean(destroyMethod = "close")
  RoutingCache routingCache(
      DataSource dataSource,
      RoutingStore store,
      ChannelsProperties channels,
      RoutingProperties routing,
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
    List<String> problems = InitialBackups.problems(routing, providers);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "the configured backup channels cannot be used: " + String.join("; ", problems));
    }
    // The first start writes the initial table: everything to the default channel, with the
    // configured backups.
    List<String> backups = routing.backupsOf(RoutingTable.ALL);
    store.ensureInitial(RoutingTable.ALL, channels.defaultChannel(), backups, "bootstrap");
    store
        .current(RoutingTable.ALL)
        .filter(table -> routing.backups().containsKey(RoutingTable.ALL))
        .filter(table -> !table.backups().equals(backups))
        .ifPresent(
            table ->
                log.warn(
                    "channelshift.routing.backups.all is {} but the table in force (version {}) names"
                        + " {}: the setting is written with the first table only; change the table"
                        + " with PUT /api/routes/all/backups",
                    backups,
                    table.version(),
                    table.backups()));
    return new RoutingCache(dataSource, store).start();
  }
}
