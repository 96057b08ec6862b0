package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.app.embedded.ApiKeyCheck;
import io.channelshift.app.embedded.EmbeddedTemporal;
import io.channelshift.app.embedded.FreePorts;
import io.channelshift.app.embedded.TestCertificates;
import io.channelshift.http.BlockingHttp;
import io.channelshift.sandbox.SandboxConfig;
import io.channelshift.sandbox.SandboxServer;
import io.channelshift.starter.security.ApiKeys;
import io.grpc.TlsServerCredentials;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production shape: the worker and the starter as separate processes ({@code java -jar} of
 * their exec jars), pointed by configuration alone at a Temporal server, a PostgreSQL server and a
 * provider they do not start. The Temporal server asks what Temporal Cloud asks: TLS, a client
 * certificate it trusts (mTLS) and an API key.
 */
class ProductionShapeTest {

  private static final String SECRET = "production-shape-secret-0123";
  private static final String PAYLOAD_KEY = "cHJvZHVjdGlvbi1zaGFwZS1wYXlsb2FkLWtleS0zMmI=";
  private static final String TEMPORAL_API_KEY = "production-shape-temporal-api-key";
  @TempDir Path certificates;
  private final List<AutoCloseable> running = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (Process p : processes) {
      p.destroy();
      if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
  }

  @Test
  void aWorkerAndAStarterInTheirOwnProcessesTakeAPaymentToFulfilled() throws Exception {
    TestCertificates.Pem serverCert =
        TestCertificates.selfSigned(
            certificates, "server", "localhost", "ip:127.0.0.1,dns:localhost");
    TestCertificates.Pem workerCert =
        TestCertificates.selfSigned(certificates, "client", "channelshift", null);
    int temporalPort = FreePorts.next();
    running.add(
        EmbeddedTemporal.start(
            temporalPort,
            "default",
            TlsServerCredentials.newBuilder()
                .keyManager(serverCert.cert().toFile(), serverCert.key().toFile())
                .trustManager(workerCert.cert().toFile())
                .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
                .build(),
            List.of(new ApiKeyCheck(TEMPORAL_API_KEY))));
    String temporal = "127.0.0.1:" + temporalPort;
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder().setOutputRedirector(ProcessBuilder.Redirect.DISCARD).start();
    running.add(postgres);
    SandboxServer legacy =
        SandboxServer.start(SandboxConfig.defaults("legacy", 0, "M-LEGACY-001", SECRET));
    running.add(legacy);
    int apiPort = FreePorts.next();
    int workerMetricsPort = FreePorts.next();
    String api = "http://127.0.0.1:" + apiPort;

    String platformKey = "csk_" + java.util.UUID.randomUUID() + java.util.UUID.randomUUID();
    List<String> config =
        List.of(
            "--channelshift.security.api-keys.shop.sha256=" + ApiKeys.sha256Hex(platformKey),
            "--channelshift.security.api-keys.shop.roles=platform",
            "--channelshift.codec.current-key-id=2026-11",
            "--channelshift.codec.keys.2026-11=" + PAYLOAD_KEY,
            "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
            "--spring.datasource.username=postgres",
            "--spring.datasource.password=postgres",
            "--channelshift.temporal.target=" + temporal,
            "--channelshift.temporal.api-key=" + TEMPORAL_API_KEY,
            "--channelshift.temporal.tls.client-cert=" + workerCert.cert(),
            "--channelshift.temporal.tls.client-key=" + workerCert.key(),
            "--channelshift.temporal.tls.server-ca=" + serverCert.cert(),
            "--channelshift.reconciliation.scheduler=workflow", // this \"cluster\" is the test
            // server: no Schedules
            "--channelshift.channels.legacy.base-url=" + legacy.baseUrl(),
            "--channelshift.channels.legacy.merchant-id=M-LEGACY-001",
            "--channelshift.channels.legacy.merchant-secret=" + SECRET,
            "--channelshift.notify-base-url=" + api,
            "--channelshift.webhook.url=" + api + "/dev/webhooks",
            "--channelshift.webhook.secret=production-shape-webhook-secret",
            "--channelshift.dev-receiver.enabled=true",
            "--channelshift.metrics.port=" + workerMetricsPort,
            "--server.port=" + apiPort);
    processes.add(launch("worker", config));
    processes.add(launch("starter", config));

    BlockingHttp http = new BlockingHttp(Duration.ofSeconds(2), Duration.ofSeconds(15));
    awaitUp(http, api + "/actuator/health");
    Map<String, String> auth = Map.of("Authorization", "Bearer " + platformKey);
    assertThat(http.exchange("GET", api + "/api/payments/none", Map.of(), null).status())
        .isEqualTo(401);
    BlockingHttp.Response created =
        http.exchange(
            "POST",
            api + "/api/payments",
            Map.of("Content-Type", "application/json", "Authorization", "Bearer " + platformKey),
            "{\"orderId\":\"prod-1\",\"userId\":\"u1\",\"amountMinor\":990,\"currency\":\"CNY\","
                + "\"productType\":\"membership\",\"subject\":\"Monthly\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);

    http.exchange("POST", legacy.baseUrl() + "/admin/orders/prod-1/pay", Map.of(), "{}");

    String status = "";
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!status.contains("\"status\":\"FULFILLED\"") && System.nanoTime() < deadline) {
      Thread.sleep(200);
      status = http.exchange("GET", api + "/api/payments/prod-1", auth, null).body();
    }
    assertThat(status).contains("\"status\":\"FULFILLED\"").contains("\"paidAmountMinor\":990");
    assertThat(
            http.exchange(
                    "GET", "http://127.0.0.1:" + workerMetricsPort + "/metrics", Map.of(), null)
                .body())
        .as("the worker's Prometheus endpoint")
        .contains("channelshift_provider_requests_seconds_count{");
    for (String role : List.of("worker", "starter")) {
      assertThat(Files.readString(Path.of("target", "production-shape", role + ".log")))
          .as("the %s's log", role)
          .doesNotContain(platformKey)
          .doesNotContain(SECRET)
          .doesNotContain(PAYLOAD_KEY)
          .doesNotContain(TEMPORAL_API_KEY)
          .doesNotContain("cannot register search attribute")
          .doesNotContain("generated security password");
    }
  }

  /** Starts one of the exec jars the build made, with its output in target/ for when it fails. */
  private static Process launch(String role, List<String> config) throws Exception {
    Path jar = Path.of("..", role, "target", "channelshift-" + role + "-0.1.0-SNAPSHOT-exec.jar");
    assertThat(jar)
        .as("the %s exec jar (built by the package phase of ./mvnw verify)", role)
        .exists();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString()));
    command.addAll(config);
    File log =
        Files.createDirectories(Path.of("target", "production-shape"))
            .resolve(role + ".log")
            .toFile();
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
  }

  private static void awaitUp(BlockingHttp http, String url) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (http.exchange("GET", url, Map.of(), null).status() == 200) {
          return; // the health probe answers, without a key
        }
      } catch (java.io.IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "the starter did not come up at " + url + "; see target/production-shape/*.log");
  }
}
