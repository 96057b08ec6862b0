package io.channelshift.starter.health;

import io.channelshift.probes.CachedProbe;
import io.channelshift.probes.PostgresProbe;
import io.channelshift.probes.ProbeResult;
import io.channelshift.probes.TemporalProbe;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The starter's readiness: Temporal and PostgreSQL each answer within 2 s, looked at no more than
 * once a second whatever the number of probes ({@link CachedProbe}). They are health indicators
 * {@code temporal} and {@code postgresql}, members of the {@code readiness} group and not of {@code
 * liveness} (StarterApplication's defaults): a starter that cannot reach Temporal is taken out of
 * the load balancer, not restarted. Spring Boot's own {@code db} indicator is off, as it would wait
 * the pool's whole connection timeout (30 s) on a PostgreSQL that is gone.
 */
@Configuration(proxyBeanMethods = false)
class ReadinessChecks {

  static final Duration DEADLINE = Duration.ofSeconds(2);
  static final Duration FRESH_FOR = Duration.ofSeconds(1);

  @Bean(destroyMethod = "close")
  CachedProbe temporalProbe(WorkflowServiceStubs stubs) {
    return new CachedProbe("Temporal", new TemporalProbe(stubs, DEADLINE), DEADLINE, FRESH_FOR);
  }

  @Bean(destroyMethod = "close")
  CachedProbe postgresProbe(DataSource dataSource) {
    return new CachedProbe(
        "PostgreSQL",
        new PostgresProbe(dataSource, (int) DEADLINE.toSeconds()),
        DEADLINE,
        FRESH_FOR);
  }

  @Bean
  HealthIndicator temporal(CachedProbe temporalProbe) {
    return () -> health(temporalProbe.result());
  }

  @Bean
  HealthIndicator postgresql(CachedProbe postgresProbe) {
    return () -> health(postgresProbe.result());
  }

  /** The reason is a detail: shown to ops only (management.endpoint.health.show-details). */
  private static Health health(ProbeResult result) {
    return result instanceof ProbeResult.Down down
        ? Health.down().withDetail("reason", down.reason()).build()
        : Health.up().build();
  }
}
