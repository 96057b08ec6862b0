package io.channelshift.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The worker's Prometheus scrape endpoint ({@code http://address:port/metrics}); the worker serves
 * nothing else over HTTP. The starter's metrics are at {@code /actuator/prometheus} on its own port
 * instead.
 *
 * @param port default unset, which leaves the endpoint off; {@code 0} takes a free port (as the
 *     embedded stack does).
 * @param address the address it listens on; default {@code 127.0.0.1}.
 * @param collectInterval how often the worker reads the store and Temporal for its gauges of
 *     payments, migrations, channels, webhooks and discrepancies; default 5 s. A scrape reads what
 *     the last collection found.
 */
@ConfigurationProperties("channelshift.metrics")
public record MetricsProperties(Integer port, String address, Duration collectInterval) {

  public MetricsProperties {
    address = address == null ? "127.0.0.1" : address;
    collectInterval = collectInterval == null ? Duration.ofSeconds(5) : collectInterval;
    if (collectInterval.isNegative() || collectInterval.isZero()) {
      throw new IllegalArgumentException(
          "channelshift.metrics.collect-interval must be positive: " + collectInterval);
    }
  }
}
