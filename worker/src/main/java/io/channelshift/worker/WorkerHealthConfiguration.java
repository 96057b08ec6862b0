package io.channelshift.worker;

import io.channelshift.probes.CachedProbe;
import io.channelshift.probes.PostgresProbe;
import io.channelshift.probes.TemporalProbe;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The worker's liveness and readiness ({@link WorkerHealth}), served by {@link WorkerMetrics}'s
 * HTTP server: Temporal and PostgreSQL each answer within 2 s, looked at once a second at most.
 */
@Configuration(proxyBeanMethods = false)
class WorkerHealthConfiguration {

  static final Duration DEADLINE = Duration.ofSeconds(2);
  static final Duration FRESH_FOR = Duration.ofSeconds(1);

  @Bean(destroyMethod = "close")
  CachedProbe workerTemporalProbe(WorkflowServiceStubs stubs) {
    return new CachedProbe("Temporal", new TemporalProbe(stubs, DEADLINE), DEADLINE, FRESH_FOR);
  }

  @Bean(destroyMethod = "close")
  CachedProbe workerPostgresProbe(DataSource dataSource) {
    return new CachedProbe(
        "PostgreSQL",
        new PostgresProbe(dataSource, (int) DEADLINE.toSeconds()),
        DEADLINE,
        FRESH_FOR);
  }

  @Bean(destroyMethod = "close")
  WorkerHealth workerHealth(
      ApplicationAvailability availability,
      CachedProbe workerTemporalProbe,
      CachedProbe workerPostgresProbe,
      PaymentWorkers workers) {
    return new WorkerHealth(
        availability, workerTemporalProbe, workerPostgresProbe, workers::polling);
  }

  @Bean
  WorkerHealthHandler workerHealthHandler(WorkerHealth health) {
    return new WorkerHealthHandler(health);
  }
}
