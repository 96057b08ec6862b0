package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.app.demo.DemoScenarios;
import io.channelshift.app.embedded.DevKeys;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.FreePorts;
import io.channelshift.app.embedded.StackOptions;
import io.channelshift.worker.WorkerApplication;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The orchestrators' view of a real stack: the starter's {@code /actuator/health/readiness} and the
 * worker's {@code /health/readiness} go DOWN (503) within seconds of Temporal or PostgreSQL going
 * away, and UP again when it returns, while liveness stays UP throughout. Temporal "goes away"
 * behind a TCP proxy the worker and the starter connect through (the test server cannot restart
 * with its state); PostgreSQL really stops ({@link EmbeddedStack#restartPostgres}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthEndToEndTest {

  private static final Duration DOWN_WITHIN = Duration.ofSeconds(5);
  private static final Duration BACK_WITHIN = Duration.ofSeconds(45);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private CuttableTcpProxy temporal;
  private EmbeddedStack stack;
  private ConfigurableApplicationContext worker;
  private String starterReadiness;
  private String starterLiveness;
  private String workerReadiness;
  private String workerLiveness;

  @BeforeAll
  void start() throws Exception {
    int temporalPort = FreePorts.next();
    temporal = new CuttableTcpProxy(FreePorts.next(), temporalPort);
    StackOptions options =
        new StackOptions(
                temporalPort,
                0,
                0,
                0,
                DemoScenarios.TIMING,
                null,
                true,
                Map.of(),
                Map.of("channelshift.temporal.target", "127.0.0.1:" + temporal.port()),
                true,
                false,
                Optional.empty())
            .withExternalWorker();
    stack = EmbeddedStack.start(options);
    worker =
        WorkerApplication.application()
            .run(
                stack.workerProperties().entrySet().stream()
                    .map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new));
    String workerBase = "http://127.0.0.1:" + worker.getBean(HTTPServer.class).getPort();
    workerReadiness = workerBase + "/health/readiness";
    workerLiveness = workerBase + "/health/liveness";
    starterReadiness = stack.apiBaseUrl() + "/actuator/health/readiness";
    starterLiveness = stack.apiBaseUrl() + "/actuator/health/liveness";
    awaitStatus(starterReadiness, 200, BACK_WITHIN);
    awaitStatus(workerReadiness, 200, BACK_WITHIN);
  }

  @AfterAll
  void stop() throws Exception {
    if (worker != null) {
      worker.close();
    }
    if (stack != null) {
      stack.close();
    }
    if (temporal != null) {
      temporal.close();
    }
  }

  @Test
  @Order(1)
  void readinessIsOpenToOrchestratorsWithoutDetails_andDetailedForOps() throws Exception {
    HttpResponse<String> anonymous = get(starterReadiness, null);
    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(anonymous.body()).contains("\"status\":\"UP\"").doesNotContain("temporal");
    assertThat(get(starterLiveness, null).statusCode()).isEqualTo(200);

    HttpResponse<String> ops = get(starterReadiness, DevKeys.OPS);
    assertThat(ops.body()).contains("\"temporal\"").contains("\"postgresql\"");
    // liveness is the process alone: neither dependency is in it
    assertThat(get(starterLiveness, DevKeys.OPS).body())
        .doesNotContain("temporal")
        .doesNotContain("postgresql");

    HttpResponse<String> workerReady = get(workerReadiness, null);
    assertThat(workerReady.statusCode()).isEqualTo(200);
    assertThat(workerReady.body())
        .contains("\"workers\":\"UP\"")
        .contains("\"temporal\":\"UP\"")
        .contains("\"postgresql\":\"UP\"");
    assertThat(get(workerLiveness, null).statusCode()).isEqualTo(200);
    assertThat(get(workerReadiness.replace("readiness", "nothing"), null).statusCode())
        .isEqualTo(404);
  }

  @Test
  @Order(2)
  void temporalGoneIsDownWithinSeconds_livenessStaysUp_andItComesBack() throws Exception {
    temporal.cut();
    try {
      awaitStatus(starterReadiness, 503, DOWN_WITHIN);
      awaitStatus(workerReadiness, 503, DOWN_WITHIN);
      assertThat(get(workerReadiness, null).body()).contains("\"temporal\":\"DOWN");
      assertThat(get(starterReadiness, DevKeys.OPS).body())
          .contains("\"temporal\":{\"status\":\"DOWN\"");
      assertThat(get(starterLiveness, null).statusCode()).isEqualTo(200);
      assertThat(get(workerLiveness, null).statusCode()).isEqualTo(200);
    } finally {
      temporal.restore();
    }
    awaitStatus(starterReadiness, 200, BACK_WITHIN);
    awaitStatus(workerReadiness, 200, BACK_WITHIN);
  }

  @Test
  @Order(3)
  void postgresGoneIsDownWithinSeconds_andItComesBack() throws Exception {
    CompletableFuture<Void> restart =
        CompletableFuture.runAsync(
            () -> {
              try {
                stack.restartPostgres(12_000);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(500); // the server is stopping
    awaitStatus(starterReadiness, 503, DOWN_WITHIN);
    awaitStatus(workerReadiness, 503, DOWN_WITHIN);
    assertThat(get(workerReadiness, null).body()).contains("\"postgresql\":\"DOWN");
    assertThat(get(starterLiveness, null).statusCode()).isEqualTo(200);
    assertThat(get(workerLiveness, null).statusCode()).isEqualTo(200);
    restart.get();
    awaitStatus(starterReadiness, 200, BACK_WITHIN);
    awaitStatus(workerReadiness, 200, BACK_WITHIN);
  }

  @Test
  @Order(4)
  void aFloodOfProbesIsAnsweredWithoutFloodingTemporal() throws Exception {
    long before =
        worker.getBean("workerTemporalProbe", io.channelshift.probes.CachedProbe.class).looks();
    long started = System.nanoTime();
    for (int i = 0; i < 100; i++) {
      assertThat(get(workerReadiness, null).statusCode()).isEqualTo(200);
    }
    long seconds = Math.max(1, Duration.ofNanos(System.nanoTime() - started).toSeconds() + 1);
    long looks =
        worker.getBean("workerTemporalProbe", io.channelshift.probes.CachedProbe.class).looks()
            - before;
    assertThat(looks).isLessThanOrEqualTo(seconds + 1);
  }

  private void awaitStatus(String url, int status, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    int last = -1;
    while (System.nanoTime() < deadline) {
      last = statusOf(url);
      if (last == status) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(url + " answered " + last + ", not " + status + " within " + within);
  }

  private int statusOf(String url) {
    try {
      return get(url, null).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private HttpResponse<String> get(String url, String key) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
