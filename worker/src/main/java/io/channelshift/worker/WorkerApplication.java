package io.channelshift.worker;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The worker process: hosts the Temporal workers of ChannelShift. Run alone ({@code java -jar})
 * against a Temporal cluster and PostgreSQL named in configuration, or inside {@code ./channelshift
 * dev}.
 */
@SpringBootApplication
public class WorkerApplication {

  public static void main(String[] args) {
    application().run(args);
  }

  /**
   * The worker app with its defaults. Defaults are set here rather than in an
   * application.properties so that the worker and the starter can share one classpath (as in {@code
   * ./channelshift dev}) without one's file hiding the other's.
   */
  public static SpringApplication application() {
    SpringApplication app = new SpringApplication(WorkerApplication.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    app.setDefaultProperties(
        Map.of(
            "spring.application.name", "channelshift-worker",
            "spring.main.banner-mode", "off",
            "spring.flyway.locations", "classpath:db/migration",
            // The Alipay SDK logs every request with its parameters at INFO; their content is ours
            // to log, not its.
            "logging.level.sdk.biz.info", "WARN"));
    return app;
  }
}
