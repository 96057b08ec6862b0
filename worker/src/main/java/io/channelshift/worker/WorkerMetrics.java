package io.channelshift.worker;

import io.channelshift.config.MetricsProperties;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The worker's metrics for Prometheus to scrape: the Temporal SDK's (task latencies, failures,
 * slots), the providers' calls, the webhooks and the payments' status changes, plus the JVM's.
 * Served by the Prometheus client's own HTTP server on {@code channelshift.metrics.port}, since the
 * worker runs no web server; the same server answers the orchestrator's liveness and readiness
 * probes ({@link WorkerHealthHandler}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "channelshift.metrics.port")
class WorkerMetrics {

  private static final Logger log = LoggerFactory.getLogger(WorkerMetrics.class);

  @Bean(destroyMethod = "close")
  HTTPServer workerMetricsServer(
      PrometheusMeterRegistry registry, MetricsProperties metrics, WorkerHealthHandler health) {
    try {
      HTTPServer server =
          HTTPServer.builder()
              .hostname(metrics.address())
              .port(metrics.port())
              .registry(registry.getPrometheusRegistry())
              .defaultHandler(health) // /health/liveness, /health/readiness
              .buildAndStart();
      log.info(
          "worker metrics at http://{}:{}/metrics, health at {} and {}",
          metrics.address(),
          server.getPort(),
          WorkerHealthHandler.LIVENESS,
          WorkerHealthHandler.READINESS);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "channelshift.metrics: cannot listen on " + metrics.address() + ":" + metrics.port(), e);
    }
  }
}
