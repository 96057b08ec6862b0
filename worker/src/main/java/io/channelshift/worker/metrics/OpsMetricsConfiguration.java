package io.channelshift.worker.metrics;

import io.channelshift.config.MetricsProperties;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.store.OpsReadings;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gauges of what ChannelShift holds (payments, migrations, channels, webhooks, discrepancies,
 * whether the database and Temporal answer), collected on the worker, which has the database and
 * the Temporal client, and served on its scrape endpoint with the rest.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "channelshift.metrics.port")
class OpsMetricsConfiguration {

  /**
   * How long one query or one Temporal call of a collection may take; a read of the store (a few
   * queries) may take twice as long.
   */
  static final Duration DEADLINE = Duration.ofSeconds(2);

  @Bean(destroyMethod = "close")
  WorkflowClientReads opsTemporalReads(WorkflowClient client) {
    return new WorkflowClientReads(client, DEADLINE);
  }

  @Bean(destroyMethod = "close")
  OpsCollector opsCollector(
      DataSource dataSource,
      WorkflowClientReads temporal,
      ProviderRegistry providers,
      MeterRegistry registry,
      MetricsProperties metrics) {
    OpsReadings readings = new OpsReadings(dataSource, (int) Math.max(1, DEADLINE.toSeconds()));
    OpsCollector collector =
        new OpsCollector(
            readings::read,
            temporal,
            providers.channels(),
            registry,
            Clock.systemUTC(),
            DEADLINE.multipliedBy(2));
    collector.start(metrics.collectInterval());
    return collector;
  }
}
