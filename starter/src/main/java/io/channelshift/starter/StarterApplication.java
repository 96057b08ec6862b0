package io.channelshift.starter;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The client side: the REST API for the platform, the provider callback endpoints. Run alone
 * ({@code java -jar}) or inside {@code ./channelshift dev}.
 */
@SpringBootApplication
public class StarterApplication {

  public static void main(String[] args) {
    application().run(args);
  }

  /** The starter app with its defaults (see WorkerApplication for why they are set here). */
  public static SpringApplication application() {
    SpringApplication app = new SpringApplication(StarterApplication.class);
    app.setDefaultProperties(
        Map.ofEntries(
            Map.entry("spring.application.name", "channelshift-starter"),
            Map.entry("spring.main.banner-mode", "off"),
            Map.entry("server.address", "127.0.0.1"),
            Map.entry("server.port", "8080"),
            Map.entry("spring.mvc.problemdetails.enabled", "true"),
            Map.entry("spring.flyway.locations", "classpath:db/migration"),
            Map.entry("server.error.include-message", "never"),
            // Prometheus scrapes with an ops key (every actuator endpoint but health needs the ops
            // role).
            Map.entry("management.endpoints.web.exposure.include", "health,prometheus"),
            // Orchestrators: /actuator/health/liveness (the process) and /actuator/health/readiness
            // (Temporal and PostgreSQL answer, ReadinessChecks), without a key; details for ops.
            Map.entry("management.endpoint.health.probes.enabled", "true"),
            Map.entry("management.endpoint.health.group.liveness.include", "livenessState"),
            Map.entry(
                "management.endpoint.health.group.readiness.include",
                "readinessState,temporal,postgresql"),
            Map.entry("management.endpoint.health.show-details", "when-authorized"),
            Map.entry("management.endpoint.health.show-components", "when-authorized"),
            Map.entry("management.endpoint.health.roles", "OPS"),
            Map.entry("management.health.db.enabled", "false"),
            // The Alipay SDK logs every request with its parameters at INFO; their content is ours
            // to log, not its.
            Map.entry("logging.level.sdk.biz.info", "WARN")));
    return app;
  }
}
