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
        Map.of(
            "spring.application.name", "channelshift-starter",
            "spring.main.banner-mode", "off",
            "server.address", "127.0.0.1",
            "server.port", "8080",
            "spring.mvc.problemdetails.enabled", "true",
            "spring.flyway.locations", "classpath:db/migration",
            "server.error.include-message", "never",
            // Prometheus scrapes with an ops key (every actuator endpoint but health needs the ops
            // role).
            "management.endpoints.web.exposure.include", "health,prometheus",
            // The Alipay SDK logs every request with its parameters at INFO; their content is ours
            // to log, not its.
            "logging.level.sdk.biz.info", "WARN"));
    return app;
  }
}
