package io.channelshift.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The worker's Prometheus scrape endpoint ({@code http://address:port/metrics}); the worker serves
 * nothing else over HTTP. The starter's metrics are at {@code /actuator/prometheus} on its own port
 * instead.
 *
 * @param port default unset, which leaves the endpoint off; {@code 0} takes a free port (as the
 *     embedded stack does).
 * @param address the address it listens on; default {@code 127.0.0.1}.
 */
@ConfigurationProperties("channelshift.metrics")
public record MetricsProperties(Integer port, String address) {

  public MetricsProperties {
    address = address == null ? "127.0.0.1" : address;
  }
}
